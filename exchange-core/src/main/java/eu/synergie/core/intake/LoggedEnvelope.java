package eu.synergie.core.intake;

import java.time.Instant;

/**
 * An envelope as read from a notice topic, with its position.
 *
 * @param appendedAt when the broker appended it (notice topics use log-append time, which a producer cannot set)
 * @param appendTime whether {@code appendedAt} is that append time: false for a record stamped with a time its
 *                   producer chose (a topic left at {@code CreateTime}, a mirrored topic, an old batch), which the
 *                   indexer refuses, since the publish rule is judged as of the append time
 */
public record LoggedEnvelope(String topic, int partition, long offset, String key, byte[] envelope, Instant appendedAt,
                             boolean appendTime) {

    /** An envelope with the broker's append time. */
    public LoggedEnvelope(String topic, int partition, long offset, String key, byte[] envelope, Instant appendedAt) {
        this(topic, partition, offset, key, envelope, appendedAt, true);
    }
}
