/** The trust log on Kafka: appending events and following them into a registry. */
package eu.synergie.core.trust.kafka;
