/**
 * OAuth 2.0 access tokens by the client-credentials grant (RFC 6749, section 4.4), kept until shortly before
 * they expire: the agency-side client's feed tokens and the gateway's own token for Keycloak's admin API. Knows
 * nothing of the exchange.
 */
package eu.synergie.oauth;
