/**
 * The TAXII 2.1 server: read-only collections, one per region, that any TAXII client can poll for the notices it may
 * read, as STIX 2.1. Its own package (and its own error format, media type and security chain) because TAXII is a
 * protocol of its own beside {@code /api/v1}, while the reading underneath is the exchange's: the caller's scope inside
 * every query, a purpose for every read, every read audited.
 *
 * @see <a href="https://docs.oasis-open.org/cti/taxii/v2.1/os/taxii-v2.1-os.html">TAXII Version 2.1</a>
 */
package eu.synergie.gateway.taxii;
