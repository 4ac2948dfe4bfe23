/**
 * Real Kafka, Elasticsearch and Keycloak servers on one machine, started from Maven Central artifacts, and the
 * quick start that runs them with the gateway and watches every process it started.
 */
package eu.synergie.infra;
