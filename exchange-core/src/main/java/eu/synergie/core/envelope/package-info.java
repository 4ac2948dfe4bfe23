/** Opening a sealed notice for the exchange: decrypt with a region key, verify the signer, read the notice. */
package eu.synergie.core.envelope;
