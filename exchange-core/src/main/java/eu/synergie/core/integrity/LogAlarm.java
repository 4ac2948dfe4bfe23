package eu.synergie.core.integrity;

/**
 * Raised by every follower of the exchange's own topics when it ignores a record: the record is never applied,
 * and operators hear of it. Implementations log the topic, key and offset and count by reason; never the
 * record's content.
 */
@FunctionalInterface
public interface LogAlarm {

    /**
     * @param key    the record's Kafka key as given (anyone could have chosen it), or null
     * @param reason a {@link Rejection}, or for the audit chains a {@code ChainDefect}
     * @param detail which check failed, never the content
     */
    void rejected(String topic, String key, long offset, Enum<?> reason, String detail);
}
