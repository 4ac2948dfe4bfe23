/**
 * The exchange in a network: its federation identity, the outbox's producer and trust relay, and the listener of what
 * peers send (the rules themselves are {@code eu.synergie.core.federation}'s).
 */
package eu.synergie.gateway.federation;
