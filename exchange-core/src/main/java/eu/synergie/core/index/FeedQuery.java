package eu.synergie.core.index;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One read of a {@link NoticeFeed}.
 *
 * @param region      the region whose notices are read (still only those of the caller's scope)
 * @param addedAfter  only notices added after this instant (exclusive), or null
 * @param addedUpTo   only notices added at or before this instant: the reader's horizon, before which every notice
 *                    the exchange verified is searchable, so that a page never passes over one still being indexed
 * @param after       the position the read continues after (exclusive, in {@code order}), or null from the start
 * @param objectIds   if not empty, only notices exported with one of these object ids (STIX ids) — or with none
 *                    recorded, which the reader must then check itself (indexed before ids were stored)
 * @param objectTypes if not empty, only notices exported with an object of one of these types, same rule
 * @param order       oldest or newest first
 * @param size        how many notices at most, 1 to 1,000
 */
public record FeedQuery(String region, Instant addedAfter, Instant addedUpTo, Position after, Set<String> objectIds,
                        Set<String> objectTypes, Order order, int size) {

    public enum Order { OLDEST_FIRST, NEWEST_FIRST }

    public FeedQuery {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(addedUpTo, "addedUpTo");
        Objects.requireNonNull(order, "order");
        objectIds = objectIds == null ? Set.of() : Set.copyOf(objectIds);
        objectTypes = objectTypes == null ? Set.of() : Set.copyOf(objectTypes);
        if (size < 1 || size > 1000) {
            throw new IllegalArgumentException("size must be between 1 and 1000");
        }
    }

    /** The same read, continuing after {@code position}. */
    public FeedQuery after(Position position) {
        return new FeedQuery(region, addedAfter, addedUpTo, position, objectIds, objectTypes, order, size);
    }

    /**
     * A place in the feed: a notice's date added (millisecond precision, as the feed orders it) and its id.
     */
    public record Position(Instant addedAt, UUID noticeId) {

        public Position {
            Objects.requireNonNull(addedAt, "addedAt");
            Objects.requireNonNull(noticeId, "noticeId");
        }
    }
}
