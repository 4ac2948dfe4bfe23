/** The ingestion load benchmark: synthetic feeds through the real exchange, beside raw Elasticsearch bulk. */
package eu.synergie.bench;
