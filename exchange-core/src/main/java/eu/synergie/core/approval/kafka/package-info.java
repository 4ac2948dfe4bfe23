/** The approvals log on Kafka: each event authenticated by the exchange, keyed by its request. */
package eu.synergie.core.approval.kafka;
