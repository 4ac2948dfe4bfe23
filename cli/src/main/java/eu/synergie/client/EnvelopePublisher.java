package eu.synergie.client;

/** Where sealed envelopes go: the exchange's REST API ({@link SynergieClient}), or a fake in tests. */
@FunctionalInterface
public interface EnvelopePublisher {

    /**
     * Publishes one sealed notice (CMS, DER).
     *
     * @throws AuthenticationException      if the client's credentials or roles are refused
     * @throws ExchangeUnavailableException if the exchange stayed unreachable through every retry
     */
    PublishOutcome publish(byte[] envelope);
}
