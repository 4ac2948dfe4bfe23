package eu.synergie.gateway.taxii;

import eu.synergie.core.index.AddedNotice;
import eu.synergie.core.index.FeedQuery;
import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.index.NoticeFeed;
import eu.synergie.core.index.NoticeProvenance;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.policy.ReadScope;
import eu.synergie.stix.StixExport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paging a collection by position, against an in-memory feed with the feed's order and the real STIX export: every
 * object of every notice reaches the client once, whatever the page size, while notices arrive and change.
 */
class ObjectWalkTest {

    private static final StixExportObjects STIX = new StixExportObjects();
    private static final ReadScope SCOPE = new ReadScope(Set.of("EU-WEST"), Set.of(Classification.values()), "FR-DGPN");
    private static final Predicate<FetchedNotice> ALL = n -> true;
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00.000Z");

    private final MemoryFeed feed = new MemoryFeed();
    private final ObjectWalk walk = new ObjectWalk(feed, STIX);
    private Instant horizon = T0.plusSeconds(3600);

    @Test
    void pageWhenWalkedToTheEndThenEveryObjectOfEveryNoticeOnceWhateverTheLimit() {
        List<AddedNotice> notices = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // Two notices share each millisecond: the notice id orders them.
            notices.add(feed.add(notice("EU-WEST", i % 4), T0.plusMillis(i / 2)));
        }
        feed.add(notice("EU-CENTRAL", 1), T0.plusMillis(3));

        for (int limit : new int[]{1, 2, 3, 7, 100, 1000}) {
            List<ObjectWalk.Page> pages = walkAll(filters("limit", String.valueOf(limit)));

            assertEveryObjectOnce(pages, notices);
            assertThat(pages).allSatisfy(p -> assertThat(p.entries().size()).isLessThanOrEqualTo(limit));
            assertThat(pages.subList(0, pages.size() - 1)).allSatisfy(p -> assertThat(p.entries()).hasSize(limit));
        }
    }

    @Test
    void pageWhenNoticesArriveAndChangeDuringTheWalkThenNoneIsMissedOrRepeated() {
        List<AddedNotice> notices = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            notices.add(feed.add(notice("EU-WEST", 2), T0.plusMillis(i)));
        }
        TaxiiFilters filters = filters("limit", "5");
        TaxiiCursor cursor = TaxiiCursor.start("fp");
        List<ObjectWalk.Page> pages = new ArrayList<>();
        int page = 0;
        do {
            ObjectWalk.Page current = walk.page(SCOPE, "EU-WEST", filters, cursor, horizon, ALL);
            pages.add(current);
            cursor = current.next();
            page++;
            if (page == 2) {
                // New notices, and a new version of the one the page ended in: verified now, they come after.
                notices.add(feed.add(notice("EU-WEST", 1), T0.plusMillis(100)));
                AddedNotice changed = feed.get(current.entries().getLast().noticeId());
                notices.remove(changed);
                notices.add(feed.replace(changed, nextVersion(changed.notice().notice()), T0.plusMillis(101)));
            }
        } while (cursor != null);

        assertEveryObjectOnce(pages, notices);
    }

    @Test
    void pageWhenMatchTypeReportThenOneReportPerNoticeInOrderAndPagesOfTwo() {
        List<AddedNotice> notices = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            notices.add(feed.add(notice("EU-WEST", 3), T0.plusMillis(10 - i)));
        }

        List<ObjectWalk.Page> pages = walkAll(filters("limit", "2", "match[type]", "report"));

        assertThat(pages).hasSize(3);
        assertThat(pages.stream().flatMap(p -> p.entries().stream()).map(ObjectWalk.Entry::id).toList()).containsExactlyElementsOf(
                notices.stream().sorted(Comparator.comparing(AddedNotice::addedAt)).map(n -> StixExport.reportIdOf(n.noticeId())).toList());
    }

    @Test
    void pageWhenAddedAfterOrHorizonThenOnlyNoticesAddedBetween() {
        AddedNotice old = feed.add(notice("EU-WEST", 0), T0);
        AddedNotice recent = feed.add(notice("EU-WEST", 0), T0.plusMillis(5));
        feed.add(notice("EU-WEST", 0), T0.plusSeconds(20));
        horizon = T0.plusSeconds(10);

        List<ObjectWalk.Page> pages = walkAll(filters("added_after", T0.plusMillis(1).toString()));

        Set<UUID> seen = pages.stream().flatMap(p -> p.entries().stream()).map(ObjectWalk.Entry::noticeId).collect(Collectors.toSet());
        assertThat(seen).containsExactly(recent.noticeId()).doesNotContain(old.noticeId());
    }

    @Test
    void pageWhenFiltersLeaveMostNoticesOutThenAPageMayBeShortButTheWalkGoesOn() {
        AddedNotice last = null;
        for (int i = 0; i < ObjectWalk.MAX_NOTICES_PER_PAGE + 50; i++) {
            // Indexed before export ids were recorded: the walk must look inside each of them.
            last = feed.addWithoutIds(notice("EU-WEST", 0), T0.plusMillis(i));
        }
        String report = StixExport.reportIdOf(last.noticeId());

        List<ObjectWalk.Page> pages = walkAll(filters("match[id]", report));

        assertThat(pages).hasSize(2);
        assertThat(pages.getFirst().entries()).isEmpty();
        assertThat(pages.getFirst().more()).isTrue();
        assertThat(pages.getLast().entries()).extracting(ObjectWalk.Entry::id).containsExactly(report);
    }

    @Test
    void findWhenReportIdThenItsNoticeAndWhenSharedThenTheMostRecentlyAddedHolder() {
        AddedNotice first = feed.add(notice("EU-WEST", 1), T0);
        AddedNotice second = feed.add(notice("EU-WEST", 1), T0.plusMillis(1));
        String agency = STIX.objectsOf(first.notice()).get(1).path("id").asString();

        assertThat(walk.find(SCOPE, "EU-WEST", StixExport.reportIdOf(first.noticeId()), horizon, ALL))
                .hasValueSatisfying(e -> assertThat(e.noticeId()).isEqualTo(first.noticeId()));
        assertThat(walk.find(SCOPE, "EU-WEST", agency, horizon, ALL))
                .hasValueSatisfying(e -> assertThat(e.noticeId()).isEqualTo(second.noticeId()));
        assertThat(walk.find(SCOPE, "EU-CENTRAL", agency, horizon, ALL)).isEmpty();
        assertThat(walk.find(SCOPE, "EU-WEST", agency, horizon, n -> false)).as("the policy denies").isEmpty();
    }

    private List<ObjectWalk.Page> walkAll(TaxiiFilters filters) {
        List<ObjectWalk.Page> pages = new ArrayList<>();
        TaxiiCursor cursor = TaxiiCursor.start("fp");
        do {
            ObjectWalk.Page page = walk.page(SCOPE, "EU-WEST", filters, cursor, horizon, ALL);
            pages.add(page);
            cursor = page.next();
            assertThat(pages.size()).as("the walk ends").isLessThan(10_000);
        } while (cursor != null);
        return pages;
    }

    /**
     * Each notice's own objects (report, entities), as its latest version has them, exactly once and from that notice
     * (an earlier version's, read before the notice changed, may have come too: another version of the object); the
     * objects notices share (agency identity, markings, definitions) at least once, and never twice in one page; dates
     * added never going back.
     */
    private static void assertEveryObjectOnce(List<ObjectWalk.Page> pages, List<AddedNotice> notices) {
        List<ObjectWalk.Entry> entries = pages.stream().flatMap(p -> p.entries().stream()).toList();
        Map<String, Integer> holders = new HashMap<>();
        notices.forEach(n -> STIX.of(n.notice()).forEach(id -> holders.merge(id, 1, Integer::sum)));
        for (AddedNotice notice : notices) {
            for (ObjectNode object : STIX.objectsOf(notice.notice())) {
                String id = object.path("id").asString();
                String version = ObjectWalk.versionOf(object, notice.addedAt());
                List<UUID> from = entries.stream().filter(e -> e.id().equals(id) && e.version().equals(version))
                        .map(ObjectWalk.Entry::noticeId).toList();
                if (holders.get(id) == 1) {
                    assertThat(from).as("%s of notice %s", id, notice.noticeId()).containsExactly(notice.noticeId());
                } else {
                    assertThat(from).as("shared %s", id).isNotEmpty();
                }
            }
        }
        for (ObjectWalk.Page page : pages) {
            Set<String> inPage = new HashSet<>();
            assertThat(page.entries()).allMatch(e -> inPage.add(e.id() + " " + e.version()));
        }
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).addedAt()).isAfterOrEqualTo(entries.get(i - 1).addedAt());
        }
    }

    private static TaxiiFilters filters(String... nameValues) {
        Map<String, String[]> parameters = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            parameters.put(nameValues[i], new String[]{nameValues[i + 1]});
        }
        return TaxiiFilters.parse(parameters, 100, 1000);
    }

    private static Notice notice(String region, int entities) {
        List<Entity> list = new ArrayList<>();
        for (int i = 0; i < entities; i++) {
            list.add(i % 2 == 0 ? new Entity(EntityKind.EMAIL, "contact" + i + "@example.org", Map.of())
                    : new Entity(EntityKind.PERSON, "Jean DUPONT " + i, Map.of()));
        }
        return new Notice(UUID.randomUUID(), NoticeType.MONEY_LAUNDERING, "Filière " + UUID.randomUUID(), null, "fr",
                T0.minusSeconds(3600), null, new Markings(region, "FR-DGPN", Classification.RESTRICTED, HandlingCode.H0, null,
                Tlp.AMBER, Set.of(), Dissemination.FULL), "B", "2", "PJ-1", list);
    }

    private static Notice nextVersion(Notice n) {
        return new Notice(n.noticeId(), n.type(), n.title() + " (v2)", n.summary(), n.language(), n.issuedAt().plusSeconds(60),
                n.validUntil(), n.markings(), n.sourceReliability(), n.infoReliability(), n.caseRef(), n.entities(),
                n.version() + 1, NoticeStatus.ACTIVE);
    }

    /** The feed's contract in memory: its order, positions, dates, region and the export-id narrowing. */
    private static final class MemoryFeed implements NoticeFeed {

        private final List<AddedNotice> notices = new ArrayList<>();

        AddedNotice add(Notice notice, Instant addedAt) {
            FetchedNotice fetched = fetched(notice, addedAt);
            AddedNotice added = new AddedNotice(fetched, addedAt, List.copyOf(STIX.of(fetched)));
            notices.add(added);
            return added;
        }

        AddedNotice addWithoutIds(Notice notice, Instant addedAt) {
            AddedNotice added = new AddedNotice(fetched(notice, addedAt), addedAt, List.of());
            notices.add(added);
            return added;
        }

        AddedNotice get(UUID id) {
            return notices.stream().filter(n -> n.noticeId().equals(id)).findFirst().orElseThrow();
        }

        AddedNotice replace(AddedNotice old, Notice notice, Instant addedAt) {
            notices.remove(old);
            return add(notice, addedAt);
        }

        private static FetchedNotice fetched(Notice notice, Instant addedAt) {
            return new FetchedNotice(notice, new NoticeProvenance("FR-DGPN", "1", "00", notice.issuedAt(), addedAt,
                    "synergie.notices." + notice.region(), 0, 0));
        }

        @Override
        public List<AddedNotice> read(FeedQuery query, ReadScope scope) {
            int direction = query.order() == FeedQuery.Order.OLDEST_FIRST ? 1 : -1;
            return notices.stream()
                    .filter(n -> n.notice().notice().region().equals(query.region()))
                    .filter(n -> query.addedAfter() == null || n.addedAt().isAfter(query.addedAfter()))
                    .filter(n -> !n.addedAt().isAfter(query.addedUpTo()))
                    .filter(n -> n.exportIds().isEmpty() || query.objectIds().isEmpty()
                            || n.exportIds().stream().anyMatch(query.objectIds()::contains))
                    .filter(n -> n.exportIds().isEmpty() || query.objectTypes().isEmpty()
                            || n.exportIds().stream().anyMatch(id -> query.objectTypes().contains(id.substring(0, id.indexOf("--")))))
                    .filter(n -> query.after() == null || direction * compare(n.position(), query.after()) > 0)
                    .sorted((a, b) -> direction * compare(a.position(), b.position()))
                    .limit(query.size()).toList();
        }

        /** Date added, then notice id as text: the index's order. */
        private static int compare(FeedQuery.Position a, FeedQuery.Position b) {
            int byDate = a.addedAt().compareTo(b.addedAt());
            return byDate != 0 ? byDate : a.noticeId().toString().compareTo(b.noticeId().toString());
        }
    }
}
