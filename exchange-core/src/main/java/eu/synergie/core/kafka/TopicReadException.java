package eu.synergie.core.kafka;

/**
 * A topic could not be read to its end: it does not exist, the broker did not answer, or the read made no
 * progress for the reader's patience. The message names the topic and how far the read got.
 */
public final class TopicReadException extends RuntimeException {

    public TopicReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
