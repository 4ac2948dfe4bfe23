/** What operators see: Prometheus metrics of publishing, search and ingestion, and the Kafka health check. */
package eu.synergie.gateway.observability;
