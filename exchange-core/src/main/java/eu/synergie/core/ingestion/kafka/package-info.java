/** The indexer on Kafka: the region topics' listener, dead letters written to and read back from their topic. */
package eu.synergie.core.ingestion.kafka;
