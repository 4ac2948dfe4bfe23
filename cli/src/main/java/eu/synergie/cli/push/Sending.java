package eu.synergie.cli.push;

import eu.synergie.client.BatchPublisher;
import eu.synergie.client.EnvelopePublisher;

import java.util.Objects;

/** How a push sends its envelopes: one per request, or in batches; and how many requests at once. */
public sealed interface Sending {

    /** Requests in flight at once. */
    int inFlight();

    /** Envelopes per request. */
    int batchSize();

    /** One envelope per request ({@code POST /api/v1/notices}). */
    record OneByOne(EnvelopePublisher publisher, int inFlight) implements Sending {

        public OneByOne {
            Objects.requireNonNull(publisher, "publisher");
            if (inFlight < 1) {
                throw new IllegalArgumentException("inFlight must be at least 1");
            }
        }

        @Override
        public int batchSize() {
            return 1;
        }
    }

    /** Up to {@code batchSize} envelopes per request ({@code POST /api/v1/notices/batch}). */
    record Batches(BatchPublisher publisher, int batchSize, int inFlight) implements Sending {

        public Batches {
            Objects.requireNonNull(publisher, "publisher");
            if (batchSize < 1 || inFlight < 1) {
                throw new IllegalArgumentException("batchSize and inFlight must be at least 1");
            }
        }
    }
}
