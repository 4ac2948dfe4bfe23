/** The audit log's hash chain: RFC 8785 canonical JSON, SHA-256 links, and the verifier that finds the first broken one. */
package eu.synergie.crypto.audit;
