package eu.synergie.client;

/** Receives the outcome of each envelope of a batch as soon as the exchange settles it. */
@FunctionalInterface
public interface BatchListener {

    /**
     * @param index   the envelope's place in the batch, from 0
     * @param outcome what the exchange answered for it, after any retries
     */
    void outcome(int index, PublishOutcome outcome);
}
