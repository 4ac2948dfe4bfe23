/** The exchange CA and region recipient keys, kept in PKCS#12 under the gateway home. */
package eu.synergie.gateway.keys;
