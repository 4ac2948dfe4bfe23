package eu.synergie.gateway.taxii;

import eu.synergie.core.index.AddedNotice;
import eu.synergie.core.index.FeedQuery;
import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.index.NoticeFeed;
import eu.synergie.core.policy.ReadScope;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A collection as TAXII sees it: a sequence of STIX objects in the order they were added. Each notice the caller may
 * read in the region contributes its objects ({@link StixObjects}), in the order the mapping gives them, all with the
 * notice's date added; notices follow the feed's order (date added, then id). Pages are cut at {@code limit} objects,
 * possibly inside a notice ({@link TaxiiCursor}).
 * <p>
 * An object several notices refer to (an agency's identity, a marking or extension definition, an observable whose id
 * derives from its value) comes with each of them, so that every report arrives with what it refers to; one page never
 * holds the same object version twice. Pure apart from the two ports it reads, so that paging can be tested without a
 * server.
 */
final class ObjectWalk {

    /** The most notices one request reads, whatever its filters leave of them: a bound on the work of one page. */
    static final int MAX_NOTICES_PER_PAGE = 1000;
    private static final DateTimeFormatter STIX_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final NoticeFeed feed;
    private final StixObjects stix;

    ObjectWalk(NoticeFeed feed, StixObjects stix) {
        this.feed = feed;
        this.stix = stix;
    }

    /**
     * One object of the collection: its STIX form, its version (TAXII 2.1 §3.2: {@code modified}, else {@code created},
     * else its date added), when it was added and the notice it comes from.
     */
    record Entry(ObjectNode object, String version, Instant addedAt, UUID noticeId) {

        String id() {
            return object.path("id").asString();
        }

        String dateAdded() {
            return timestamp(addedAt);
        }
    }

    /** A page, and where the next one starts (null when this is the last). */
    record Page(List<Entry> entries, TaxiiCursor next) {

        boolean more() {
            return next != null;
        }
    }

    /**
     * The page of {@code region}'s objects that starts at {@code cursor}, among notices added up to {@code horizon}.
     *
     * @param readable the policy's check of each notice the feed returns (the feed's query already applied the scope)
     */
    Page page(ReadScope scope, String region, TaxiiFilters filters, TaxiiCursor cursor, Instant horizon,
              Predicate<FetchedNotice> readable) {
        int batch = Math.min(100, Math.max(10, filters.limit()));
        FeedQuery query = new FeedQuery(region, filters.addedAfter(), horizon, cursor.after(), filters.ids(), filters.types(),
                FeedQuery.Order.OLDEST_FIRST, batch);
        List<Entry> entries = new ArrayList<>();
        Set<String> inPage = new HashSet<>();
        FeedQuery.Position complete = cursor.after();
        boolean first = true;
        int read = 0;
        while (true) {
            List<AddedNotice> notices = feed.read(query, scope);
            for (AddedNotice notice : notices) {
                int from = first && notice.noticeId().equals(cursor.partial()) ? cursor.skip() : 0;
                first = false;
                List<ObjectNode> objects = readable.test(notice.notice()) ? stix.objectsOf(notice.notice()) : List.of();
                for (int i = from; i < objects.size(); i++) {
                    ObjectNode object = objects.get(i);
                    String version = versionOf(object, notice.addedAt());
                    if (!filters.matches(object, version) || !inPage.add(object.path("id").asString() + " " + version)) {
                        continue;
                    }
                    if (entries.size() == filters.limit()) {
                        return new Page(entries, i == 0 ? new TaxiiCursor(cursor.fingerprint(), complete, null, 0)
                                : new TaxiiCursor(cursor.fingerprint(), complete, notice.noticeId(), i));
                    }
                    entries.add(new Entry(object, version, notice.addedAt(), notice.noticeId()));
                }
                complete = notice.position();
                read++;
            }
            if (notices.size() < query.size()) {
                return new Page(entries, null);
            }
            if (read >= MAX_NOTICES_PER_PAGE) {
                // A page may hold fewer objects than asked (TAXII 2.1 §3.4): the client goes on with next.
                return new Page(entries, new TaxiiCursor(cursor.fingerprint(), complete, null, 0));
            }
            query = query.after(notices.getLast().position());
        }
    }

    /**
     * The object with this id as the collection holds it: from the most recently added notice that holds it (for an
     * object only one notice has, such as its report, that notice), or empty when no notice the caller may read in the
     * region holds it.
     */
    Optional<Entry> find(ReadScope scope, String region, String objectId, Instant horizon, Predicate<FetchedNotice> readable) {
        FeedQuery query = new FeedQuery(region, null, horizon, null, Set.of(objectId), Set.of(), FeedQuery.Order.NEWEST_FIRST, 20);
        int read = 0;
        while (read < MAX_NOTICES_PER_PAGE) {
            List<AddedNotice> notices = feed.read(query, scope);
            for (AddedNotice notice : notices) {
                // The feed also returns notices indexed before their export ids were recorded: look inside them.
                if (!notice.exportIds().isEmpty() && !notice.exportIds().contains(objectId) || !readable.test(notice.notice())) {
                    continue;
                }
                for (ObjectNode object : stix.objectsOf(notice.notice())) {
                    if (objectId.equals(object.path("id").asString())) {
                        return Optional.of(new Entry(object, versionOf(object, notice.addedAt()), notice.addedAt(),
                                notice.noticeId()));
                    }
                }
            }
            read += notices.size();
            if (notices.size() < query.size()) {
                break;
            }
            query = query.after(notices.getLast().position());
        }
        return Optional.empty();
    }

    /** TAXII 2.1 §3.2: an object's version is its {@code modified}, else its {@code created}, else when it was added. */
    static String versionOf(ObjectNode object, Instant addedAt) {
        if (object.hasNonNull("modified")) {
            return object.get("modified").asString();
        }
        if (object.hasNonNull("created")) {
            return object.get("created").asString();
        }
        return timestamp(addedAt);
    }

    /** A STIX timestamp to the millisecond: the precision the feed orders and compares dates added at. */
    static String timestamp(Instant instant) {
        return STIX_TIME.format(instant);
    }
}
