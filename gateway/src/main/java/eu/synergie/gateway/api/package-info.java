/** The REST API, version 1: thin adapters from HTTP to the exchange's services. */
package eu.synergie.gateway.api;
