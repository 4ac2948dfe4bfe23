/** Sealing and opening notice envelopes: CMS SignedData inside AuthEnvelopedData (RFC 5652, RFC 5083), ESS labels (RFC 2634). */
package eu.synergie.crypto.envelope;
