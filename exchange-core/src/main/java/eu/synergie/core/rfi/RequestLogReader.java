package eu.synergie.core.rfi;

import eu.synergie.core.integrity.LogAlarm;

import java.time.Instant;
import java.util.Objects;

/**
 * What every instance does with each record of {@code synergie.requests}: what the exchange authenticated, fresh and
 * under its request's key, goes to the {@link RequestBook}; anything else is alarmed, never applied.
 */
public final class RequestLogReader {

    private final RequestRecords records;
    private final RequestBook book;
    private final LogAlarm alarm;

    public RequestLogReader(RequestRecords records, RequestBook book, LogAlarm alarm) {
        this.records = Objects.requireNonNull(records, "records");
        this.book = Objects.requireNonNull(book, "book");
        this.alarm = Objects.requireNonNull(alarm, "alarm");
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
            case RequestRecords.Read.Valid valid -> book.apply(valid.request());
            case RequestRecords.Read.Refused refused -> alarm.rejected(RequestLog.TOPIC, key, offset, refused.reason(), refused.detail());
        }
    }
}
