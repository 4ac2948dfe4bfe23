/** The notice log on Kafka: appending envelopes to the region topics and reading them back. */
package eu.synergie.core.intake.kafka;
