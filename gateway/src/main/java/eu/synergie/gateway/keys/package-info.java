/** The exchange CA, region recipient keys and the keys that stamp the exchange's own log records, kept in PKCS#12 under the gateway home. */
package eu.synergie.gateway.keys;
