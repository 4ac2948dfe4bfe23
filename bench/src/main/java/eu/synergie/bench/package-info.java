/** The load benchmarks: ingestion through the real exchange beside raw bulk, search through the gateway beside direct Elasticsearch, and both on the cluster profile beside the single node. */
package eu.synergie.bench;
