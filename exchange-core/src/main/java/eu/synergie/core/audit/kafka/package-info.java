/** The audit log on Kafka ({@code synergie.audit}): the hash-chained appender, the chain walk, and the feed of the auditors' index. */
package eu.synergie.core.audit.kafka;
