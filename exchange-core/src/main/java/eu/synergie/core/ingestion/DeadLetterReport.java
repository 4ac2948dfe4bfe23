package eu.synergie.core.ingestion;

import java.util.List;
import java.util.Map;

/**
 * What the dead-letter topic holds: how many, how many per reason, and the most recent ones.
 *
 * @param recent newest first
 */
public record DeadLetterReport(long total, Map<String, Long> byReason, List<Entry> recent) {

    /** One dead letter, without its envelope. */
    public record Entry(long offset, String noticeKey, String reason, String message, String source, String rejectedAt) {
    }
}
