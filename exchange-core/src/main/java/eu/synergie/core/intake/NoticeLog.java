package eu.synergie.core.intake;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The system of record: one topic per region, envelopes kept as received, keyed by notice id. */
public interface NoticeLog {

    /** Appends and returns once the log has acknowledged the write. */
    LogPosition append(String region, String noticeId, byte[] envelope);

    /** Appends; the future completes when the log has acknowledged (or fails with {@link LogUnavailableException}). */
    CompletableFuture<LogPosition> appendAsync(String region, String noticeId, byte[] envelope);

    /** The envelope at {@code position}, exactly as it was appended; empty if the log no longer has it. */
    Optional<byte[]> read(LogPosition position);

    /** The topic that holds the notices of {@code region}. */
    static String topicOf(String region) {
        return "synergie.notices." + region;
    }
}
