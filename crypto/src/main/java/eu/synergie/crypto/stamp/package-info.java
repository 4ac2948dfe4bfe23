/**
 * The exchange's stamp on what it writes to its own Kafka topics and reads back: CMS signatures (RFC 5652
 * {@code SignedData}) by the exchange's log-signing certificate for trust events and audit checkpoints, and CMS
 * {@code AuthenticatedData} (RFC 5652 section 9, HMAC-SHA256 under a key only the exchange holds) for watchlists
 * and alerts. Whoever can write a topic can append bytes, never a valid stamp.
 */
package eu.synergie.crypto.stamp;
