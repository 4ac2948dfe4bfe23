/** What operators see: Prometheus metrics of publishing, search, ingestion and ignored log records, and the Kafka health check. */
package eu.synergie.gateway.observability;
