package eu.synergie.core.kafka;

import eu.synergie.core.ExchangeException;

/**
 * A topic could not be read to its end: it does not exist, the broker did not answer, or the read made no
 * progress for the reader's patience. The message names the topic and how far the read got. Retriable: a
 * caller waiting on such a read (a dead-letter report, an audit verification) gets a 503, not a 500.
 */
public final class TopicReadException extends ExchangeException.Unavailable {

    public TopicReadException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String service() {
        return "the event log";
    }
}
