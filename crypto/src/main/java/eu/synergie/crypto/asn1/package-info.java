/** Bounds on hostile BER/DER checked before Bouncy Castle parses it (X.690 structure, nesting depth). */
package eu.synergie.crypto.asn1;
