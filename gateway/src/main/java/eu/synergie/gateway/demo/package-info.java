/** Demo agencies and notices for the quick start: real keys, real envelopes, the real publish path. */
package eu.synergie.gateway.demo;
