/** The agency's key store: key generation with a certificate request, installing the issued chain, and loading it to sign. */
package eu.synergie.cli.keys;
