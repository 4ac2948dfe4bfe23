package eu.synergie.core.ingestion;

import eu.synergie.core.ExchangeException;

/**
 * A batch of the indexer was interrupted by an Error of the JVM (out of memory…), passed on as an exception so
 * that the batch is retried like any other failure: the Kafka container would stop for good on the Error itself.
 */
public final class IngestionFailedException extends ExchangeException.Unavailable {

    public IngestionFailedException(Error cause) {
        super("the indexer failed on a batch: " + cause.getClass().getName(), cause);
    }

    @Override
    public String service() {
        return "the indexer";
    }
}
