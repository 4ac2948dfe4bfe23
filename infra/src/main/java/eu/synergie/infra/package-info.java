/** Real Kafka, Elasticsearch and Keycloak servers on one machine, started from Maven Central artifacts. */
package eu.synergie.infra;
