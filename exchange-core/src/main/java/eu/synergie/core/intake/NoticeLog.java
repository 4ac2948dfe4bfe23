package eu.synergie.core.intake;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The system of record: one topic per region, envelopes kept as received, keyed by notice id. */
public interface NoticeLog {

    /** Appends and returns once the log has acknowledged the write. */
    LogPosition append(String region, String noticeId, byte[] envelope);

    /** Appends; the future completes when the log has acknowledged (or fails with {@link LogUnavailableException}). */
    CompletableFuture<LogPosition> appendAsync(String region, String noticeId, byte[] envelope);

    /**
     * Appends with who published it ({@link LoggedEnvelope#publisher()}): the author of a notice its agency holds for
     * approval. A log that keeps no publisher appends the envelope alone.
     */
    default CompletableFuture<LogPosition> appendAsync(String region, String noticeId, byte[] envelope, String publisher) {
        return appendAsync(region, noticeId, envelope);
    }

    /** Appends with who published it, and returns once the log has acknowledged the write. */
    default LogPosition append(String region, String noticeId, byte[] envelope, String publisher) {
        return append(region, noticeId, envelope);
    }

    /** The envelope at {@code position}, exactly as it was appended; empty if the log no longer has it. */
    Optional<byte[]> read(LogPosition position);

    /**
     * Where the log of {@code region} ends now.
     *
     * @throws LogUnavailableException when the log does not say
     */
    LogOffsets end(String region);

    /**
     * Hands every envelope of {@code region}'s log from {@code from} up to {@code to} to {@code batches}, in log
     * order within each partition, with its position and append time; returns once {@code to} is reached.
     *
     * @throws LogUnavailableException when the log cannot be read up to {@code to}
     */
    void replay(String region, LogOffsets from, LogOffsets to, Consumer<List<LoggedEnvelope>> batches);

    /** The topic that holds the notices of {@code region}. */
    static String topicOf(String region) {
        return "synergie.notices." + region;
    }
}
