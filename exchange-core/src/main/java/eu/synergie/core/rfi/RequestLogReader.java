package eu.synergie.core.rfi;

import eu.synergie.core.integrity.LogAlarm;

import java.time.Instant;
import java.util.Objects;

/**
 * What every instance does with each record of {@code synergie.requests}: what the exchange authenticated, fresh and
 * under its request's key, goes to the {@link RequestBook}; anything else is alarmed, never applied.
 */
public final class RequestLogReader {

    private static final int REMEMBERED = 10_000;

    private final RequestRecords records;
    private final RequestBook book;
    private final LogAlarm alarm;
    /** Whether the record at each of the last offsets read was taken: its writer asks, once it has read it back. */
    private final java.util.Map<Long, Boolean> taken = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<Long, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            });

    public RequestLogReader(RequestRecords records, RequestBook book, LogAlarm alarm) {
        this.records = Objects.requireNonNull(records, "records");
        this.book = Objects.requireNonNull(book, "book");
        this.alarm = Objects.requireNonNull(alarm, "alarm");
    }

    /**
     * Whether the record at {@code offset}, once read, made the version it carries the one held (false if it lost a
     * race, was refused, or was read too long ago to remember): for the step's writer, who must not take a later step
     * of someone else's for its own.
     */
    public boolean took(long offset) {
        return Boolean.TRUE.equals(taken.get(offset));
    }

    /** One record of the topic, in log order (the shape of {@code TopicFollower.Handler}). */
    public void accept(String key, byte[] value, long offset, Instant appendedAt) {
        RequestRecords.Read read;
        try {
            read = records.read(key, value, appendedAt);
        } catch (RuntimeException | StackOverflowError e) {
            // One record anyone could append must not stop the others.
            read = new RequestRecords.Read.Refused(eu.synergie.core.integrity.Rejection.UNREADABLE,
                    "the record could not be read (" + e.getClass().getSimpleName() + ")");
        }
        switch (read) {
            case RequestRecords.Read.Valid valid -> taken.put(offset, book.apply(valid.request()));
            case RequestRecords.Read.Refused refused -> {
                taken.put(offset, false);
                alarm.rejected(RequestLog.TOPIC, key, offset, refused.reason(), refused.detail());
            }
        }
    }
}
