/**
 * The web UI: server-rendered pages for analysts, trust administrators and auditors, logged in through
 * Keycloak (authorization code with PKCE), in French and English. Pages read and change through the same
 * services as the API, so access rules and audit are the same.
 */
package eu.synergie.gateway.web;
