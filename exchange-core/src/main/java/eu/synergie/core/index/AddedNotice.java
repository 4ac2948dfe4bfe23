package eu.synergie.core.index;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A notice as a {@link NoticeFeed} returns it: the notice, when it was added (its current version verified, to the
 * millisecond: the feed's order), and the ids of the objects it is exported as, if they were recorded.
 *
 * @param exportIds empty when the notice was indexed before export ids were recorded
 */
public record AddedNotice(FetchedNotice notice, Instant addedAt, List<String> exportIds) {

    public AddedNotice {
        exportIds = exportIds == null ? List.of() : List.copyOf(exportIds);
    }

    public UUID noticeId() {
        return notice.notice().noticeId();
    }

    /** Where this notice stands in the feed. */
    public FeedQuery.Position position() {
        return new FeedQuery.Position(addedAt, noticeId());
    }
}
