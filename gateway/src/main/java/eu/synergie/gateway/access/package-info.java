/** Administration of access in the identity provider: agency feed clients, user accounts, suspension. */
package eu.synergie.gateway.access;
