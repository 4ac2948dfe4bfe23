package eu.synergie.core.intake;

import java.time.Instant;

/**
 * An envelope as read from a notice topic, with its position.
 *
 * @param appendedAt when the broker appended it (notice topics use log-append time, which a producer cannot set)
 * @param appendTime whether {@code appendedAt} is that append time: false for a record stamped with a time its
 *                   producer chose (a topic left at {@code CreateTime}, a mirrored topic, an old batch), which the
 *                   indexer refuses, since the publish rule is judged as of the append time
 * @param publisher  who published it through the gateway (the caller's subject, from the record's
 *                   {@value #PUBLISHER_HEADER} header), null when the record does not say: the author of a held notice,
 *                   who may not approve its release. A feed producing to the topic itself could write any name there:
 *                   the header names the author, it does not vouch for it (the agency's signature does that)
 */
public record LoggedEnvelope(String topic, int partition, long offset, String key, byte[] envelope, Instant appendedAt,
                             boolean appendTime, String publisher) {

    /** The record header that names who published an envelope through the gateway. */
    public static final String PUBLISHER_HEADER = "synergie-publisher";

    public LoggedEnvelope(String topic, int partition, long offset, String key, byte[] envelope, Instant appendedAt,
                          boolean appendTime) {
        this(topic, partition, offset, key, envelope, appendedAt, appendTime, null);
    }

    /** An envelope with the broker's append time. */
    public LoggedEnvelope(String topic, int partition, long offset, String key, byte[] envelope, Instant appendedAt) {
        this(topic, partition, offset, key, envelope, appendedAt, true);
    }
}
