/**
 * The audit log's hash chain: RFC 8785 canonical JSON, SHA-256 links, checkpoints that the exchange signs, and the
 * verifier that finds every chain's first broken link, forged extension or unsigned tail.
 */
package eu.synergie.crypto.audit;
