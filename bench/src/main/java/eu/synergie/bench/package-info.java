/** The load benchmarks: ingestion through the real exchange beside raw bulk, and search through the gateway beside direct Elasticsearch. */
package eu.synergie.bench;
