package eu.synergie.core.integrity;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

    /**
     * This alarm raised once per record and reason: for a log that several readers of one instance judge (the audit
     * log, which its indexer and every {@code verify} walk read), so that one record counts once. At most
     * {@code remembered} records are remembered; past that, alarms are raised again as they come (never dropped).
     */
    static LogAlarm oncePerRecord(LogAlarm alarm, int remembered) {
        Objects.requireNonNull(alarm, "alarm");
        Set<String> raised = ConcurrentHashMap.newKeySet();
        return (topic, key, offset, reason, detail) -> {
            String record = topic + "@" + offset + ":" + reason.name();
            boolean first = raised.size() < remembered ? raised.add(record) : !raised.contains(record);
            if (first) {
                alarm.rejected(topic, key, offset, reason, detail);
            }
        };
    }
}
