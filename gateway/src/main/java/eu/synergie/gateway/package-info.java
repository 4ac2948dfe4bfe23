/** The Spring Boot application that exposes the exchange. */
package eu.synergie.gateway;
