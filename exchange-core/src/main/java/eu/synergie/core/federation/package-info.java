/**
 * Federation between autonomous exchanges: which notices may cross to a peer ({@link eu.synergie.core.federation.FederationRule}),
 * how they are re-wrapped for it on the way out and judged on the way in. The agency's signature travels end to end;
 * the encryption is made again for each hop; the transport between the two clusters is Kafka MirrorMaker 2.
 */
package eu.synergie.core.federation;
