/** Keycloak-backed security: JWT validation, roles, the typed caller, and problem details for 401/403. */
package eu.synergie.gateway.security;
