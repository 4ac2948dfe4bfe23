/**
 * The agency-side Java client: seal notices with the agency's key ({@link eu.synergie.client.AgencySealer}), in
 * the classical or the hybrid (post-quantum) profile,
 * and publish the envelopes to the exchange ({@link eu.synergie.client.SynergieClient}) with an OAuth2
 * client-credentials token and retries on transient failures. The {@code synergie} CLI is built on it.
 */
package eu.synergie.client;
