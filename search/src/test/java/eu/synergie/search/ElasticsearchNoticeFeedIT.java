package eu.synergie.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.index.AddedNotice;
import eu.synergie.core.index.FeedQuery;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.ReadScope;
import eu.synergie.core.policy.Role;
import eu.synergie.infra.ElasticsearchNode;
import eu.synergie.infra.junit.RealStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A region's feed on the real node: the order (date added to the millisecond, then notice id), paging by position,
 * the date bounds, the caller's scope inside every read, and the narrowing by the export ids recorded at indexing.
 */
@ExtendWith(RealStackExtension.class)
class ElasticsearchNoticeFeedIT {

    private static final AccessPolicy POLICY = new AccessPolicy();
    /** A region of this test's own: other ITs of this JVM index into the same node. */
    private static final String REGION = "FEED-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    private static final Instant T = Instant.parse("2026-11-28T10:00:00.000Z");
    private static final UUID SECRET = UUID.randomUUID();
    private static final UUID RELEASED_TO_BE = UUID.randomUUID();
    private static final UUID WITHOUT_IDS = UUID.randomUUID();
    private static final List<IndexedNotice> RESTRICTED = new ArrayList<>();
    private static Rest5Client rest;
    private static ElasticsearchNotices notices;

    @BeforeAll
    static void indexNotices(ElasticsearchNode node) {
        rest = TestNodes.asGateway(node);
        ElasticsearchClient client = new ElasticsearchClient(new Rest5ClientTransport(rest, new JacksonJsonpMapper()));
        // Export ids as the gateway records them; a notice whose export fails gets none recorded.
        notices = new ElasticsearchNotices(client, new IndexSettings(0), Clock.systemUTC(), fetched -> {
            UUID id = fetched.notice().noticeId();
            if (id.equals(WITHOUT_IDS)) {
                throw new IllegalStateException("no export for this one");
            }
            return List.of("report--" + id, "identity--" + UUID.nameUUIDFromBytes(fetched.notice().originAgency().getBytes()));
        });
        // Verified at T, T (the same millisecond), T+1 ms, T+1.7 ms (kept as T+1 ms), T+2 ms, then T+5 s.
        Instant[] verified = {T, T, T.plusMillis(1), T.plusNanos(1_700_000), T.plusMillis(2), T.plusSeconds(5)};
        for (Instant at : verified) {
            RESTRICTED.add(indexed(UUID.randomUUID(), Classification.RESTRICTED, Set.of(), at));
        }
        List<IndexedNotice> all = new ArrayList<>(RESTRICTED);
        all.add(indexed(SECRET, Classification.SECRET, Set.of(), T.plusMillis(3)));
        all.add(indexed(RELEASED_TO_BE, Classification.RESTRICTED, Set.of("BE-PJF"), T.plusMillis(4)));
        all.add(indexed(WITHOUT_IDS, Classification.RESTRICTED, Set.of(), T.plusMillis(6)));
        notices.writer().index(all);
        await("the feed's notices searchable").atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .until(() -> read(query(null, 100), analyst("FR-DGPN", Classification.SECRET)).size() == 9);
    }

    @AfterAll
    static void close() throws Exception {
        rest.close();
    }

    @Test
    void readWhenPagedByPositionThenTheFeedsOrderWithoutGapOrRepeat() {
        ReadScope claire = analyst("FR-DGPN", Classification.CONFIDENTIAL);
        List<AddedNotice> whole = read(query(null, 100), claire);
        List<UUID> paged = new ArrayList<>();
        FeedQuery query = query(null, 2);
        List<AddedNotice> page;
        do {
            page = read(query, claire);
            page.forEach(n -> paged.add(n.noticeId()));
            if (!page.isEmpty()) {
                query = query.after(page.getLast().position());
            }
        } while (page.size() == 2);

        assertThat(paged).containsExactlyElementsOf(whole.stream().map(AddedNotice::noticeId).toList());
        assertThat(whole).isSortedAccordingTo(Comparator.comparing(AddedNotice::addedAt)
                .thenComparing(n -> n.noticeId().toString()));
        // Claire (FR-DGPN, CONFIDENTIAL): the RESTRICTED notices, FR-DGPN's own released to BE-PJF, the one without ids;
        // not the SECRET one.
        assertThat(paged).containsAll(RESTRICTED.stream().map(n -> n.opened().notice().noticeId()).toList())
                .contains(WITHOUT_IDS, RELEASED_TO_BE).doesNotContain(SECRET).hasSize(8);
        assertThat(whole.stream().filter(n -> n.noticeId().equals(RESTRICTED.get(3).opened().notice().noticeId())))
                .singleElement().satisfies(n -> assertThat(n.addedAt()).as("to the millisecond").isEqualTo(T.plusMillis(1)));
        assertThat(whole.getFirst().exportIds()).contains("report--" + whole.getFirst().noticeId());
    }

    @Test
    void readWhenAddedAfterAndHorizonThenOnlyBetweenThem() {
        ReadScope scope = analyst("FR-DGPN", Classification.SECRET);
        FeedQuery between = new FeedQuery(REGION, T.plusNanos(1_500_000), T.plusSeconds(1), null, Set.of(), Set.of(),
                FeedQuery.Order.OLDEST_FIRST, 100);

        // After T+1.5 ms is after T+1 ms, to the millisecond: T+2, 3, 4 and 6 ms; T+5 s is beyond the horizon.
        assertThat(read(between, scope)).extracting(AddedNotice::addedAt)
                .containsExactly(T.plusMillis(2), T.plusMillis(3), T.plusMillis(4), T.plusMillis(6));
    }

    @Test
    void readWhenScopeThenOnlyWhatTheCallerMaySearch() {
        assertThat(ids(read(query(null, 100), analyst("BE-PJF", Classification.RESTRICTED)))).contains(RELEASED_TO_BE)
                .doesNotContain(SECRET);
        assertThat(ids(read(query(null, 100), analyst("ES-CNP", Classification.SECRET)))).as("released to BE-PJF only")
                .contains(SECRET).doesNotContain(RELEASED_TO_BE);
        assertThat(read(query(null, 100), POLICY.scopeOf(new Caller("jonas", "DE-BKA", Set.of("EU-CENTRAL"),
                Classification.SECRET, Set.of(Role.ANALYST))))).as("another region").isEmpty();
        assertThat(read(query(null, 100), POLICY.scopeOf(new Caller("feed", "FR-DGPN", Set.of(REGION), Classification.SECRET,
                Set.of(Role.AGENCY_FEED))))).as("no analyst").isEmpty();
    }

    @Test
    void readWhenObjectIdsOrTypesThenTheHoldersAndThoseWithoutRecordedIds() {
        ReadScope scope = analyst("FR-DGPN", Classification.SECRET);
        UUID holder = RESTRICTED.get(2).opened().notice().noticeId();
        FeedQuery byId = new FeedQuery(REGION, null, T.plusSeconds(60), null, Set.of("report--" + holder), Set.of(),
                FeedQuery.Order.NEWEST_FIRST, 10);
        FeedQuery byType = new FeedQuery(REGION, null, T.plusSeconds(60), null, Set.of(), Set.of("email-addr"),
                FeedQuery.Order.OLDEST_FIRST, 10);

        assertThat(ids(read(byId, scope))).containsExactly(WITHOUT_IDS, holder);
        assertThat(ids(read(byType, scope))).containsExactly(WITHOUT_IDS);
    }

    private static FeedQuery query(FeedQuery.Position after, int size) {
        return new FeedQuery(REGION, null, T.plusSeconds(60), after, Set.of(), Set.of(), FeedQuery.Order.OLDEST_FIRST, size);
    }

    private static List<AddedNotice> read(FeedQuery query, ReadScope scope) {
        return notices.feed().read(query, scope);
    }

    private static List<UUID> ids(List<AddedNotice> added) {
        return added.stream().map(AddedNotice::noticeId).toList();
    }

    private static ReadScope analyst(String agency, Classification clearance) {
        return POLICY.scopeOf(new Caller("analyst@" + agency, agency, Set.of(REGION), clearance, Set.of(Role.ANALYST)));
    }

    private static IndexedNotice indexed(UUID id, Classification classification, Set<String> releasableTo, Instant verifiedAt) {
        Markings markings = new Markings(REGION, "FR-DGPN", classification, HandlingCode.H0, null, Tlp.AMBER, releasableTo,
                Dissemination.FULL);
        Notice notice = new Notice(id, NoticeType.MONEY_LAUNDERING, "Flux " + id, "x", "fr", T.minusSeconds(3600), null, markings,
                "B", "2", "CASE-1", List.of());
        return new IndexedNotice(new OpenedNotice(notice, "FR-DGPN", "01", "ab", T.minusSeconds(3600), verifiedAt),
                "synergie.notices." + REGION, 0, 1);
    }
}
