/** The record of who published and consulted what, and why. */
package eu.synergie.gateway.audit;
