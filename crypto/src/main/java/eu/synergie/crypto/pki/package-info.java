/** Keys, key credentials, PKCS#12 files, CSRs, PEM, and the exchange certificate authority with its CRLs (RFC 5280). */
package eu.synergie.crypto.pki;
