package eu.synergie.client;

import java.util.List;

/** Where sealed envelopes go several at a time: the exchange's batch endpoint ({@link SynergieClient}), or a fake in tests. */
@FunctionalInterface
public interface BatchPublisher {

    /**
     * Publishes {@code envelopes}; {@code listener} hears each one's outcome as it is settled.
     *
     * @throws AuthenticationException      if the client's credentials or roles are refused
     * @throws ExchangeUnavailableException if some envelopes had no outcome after every retry
     * @throws BatchUnsupportedException    if the exchange takes no batches
     */
    void publishBatch(List<byte[]> envelopes, BatchListener listener);
}
