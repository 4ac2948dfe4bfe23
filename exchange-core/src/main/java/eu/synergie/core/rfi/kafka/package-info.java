/** The requests' log on Kafka. */
package eu.synergie.core.rfi.kafka;
