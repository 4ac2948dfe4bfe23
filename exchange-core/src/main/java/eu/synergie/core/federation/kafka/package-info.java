/** The federation's Kafka side: the outbound topics' producer, the inbound topics' listener and history reader. */
package eu.synergie.core.federation.kafka;
