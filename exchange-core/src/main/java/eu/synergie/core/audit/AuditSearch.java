package eu.synergie.core.audit;

import java.time.Instant;

/**
 * What an auditor asks for; every criterion optional, all given ones must hold. Newest first.
 *
 * @param noticeId a notice returned, opened, published, disclosed, altered or erased
 * @param from     inclusive
 * @param to       exclusive
 * @param page     from 0
 * @param size     1 to 100
 */
public record AuditSearch(String subject, String agency, String noticeId, AuditAction action, Instant from, Instant to,
                          int page, int size) {

    /** Elasticsearch pages through at most this many hits with from/size. */
    public static final int MAX_WINDOW = 10_000;

    public AuditSearch {
        if (size < 1 || size > 100) {
            throw new IllegalArgumentException("size must be between 1 and 100");
        }
        if (page < 0 || (long) (page + 1) * size > MAX_WINDOW) {
            throw new IllegalArgumentException("page must be between 0 and " + (MAX_WINDOW / size - 1) + " for size " + size
                    + "; narrow the time range instead");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }
}
