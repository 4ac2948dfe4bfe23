/** Wiring: the one place where the modules are put together, with their settings. */
package eu.synergie.gateway.wiring;
