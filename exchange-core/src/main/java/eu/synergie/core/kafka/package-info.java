/** Reading the exchange's Kafka topics back from their start to their end: the one reader every Kafka adapter uses. */
package eu.synergie.core.kafka;
