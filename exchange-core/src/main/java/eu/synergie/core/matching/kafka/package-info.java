/** The matcher's logs on Kafka: alerts appended, watchlists and alerts followed by every instance. */
package eu.synergie.core.matching.kafka;
