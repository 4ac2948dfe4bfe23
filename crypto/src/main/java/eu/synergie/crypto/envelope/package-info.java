/** Sealing and opening notice envelopes: CMS SignedData inside AuthEnvelopedData (RFC 5652, RFC 5083). */
package eu.synergie.crypto.envelope;
