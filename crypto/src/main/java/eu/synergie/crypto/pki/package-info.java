/** Keys, key credentials, PKCS#12 files and the exchange certificate authority (RFC 5280). */
package eu.synergie.crypto.pki;
