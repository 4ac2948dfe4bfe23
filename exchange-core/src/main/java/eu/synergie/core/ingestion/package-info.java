/** The indexer: reads envelopes from the notice topics, verifies and indexes them, dead-letters the rest. */
package eu.synergie.core.ingestion;
