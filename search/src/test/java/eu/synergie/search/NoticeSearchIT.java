package eu.synergie.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.index.InvalidCursorException;
import eu.synergie.core.index.NoticeFilters;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.index.NoticeSummary;
import eu.synergie.core.index.SearchResult;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
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

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The analyst's search features on the real node: filters, facets, highlights, sort, and cursor paging
 * beyond Elasticsearch's 10,000-hit window. Every notice of this class carries a run token, so that other
 * ITs indexing into the same node do not change the counts.
 */
@ExtendWith(RealStackExtension.class)
class NoticeSearchIT {

    private static final String RUN = "lot" + UUID.randomUUID().toString().substring(0, 8);
    private static final int BULK = 10_500;
    private static final List<String> AGENCIES = List.of("FR-DGPN", "BE-PJF", "ES-CNP");
    private static final NoticeType[] TYPES = {NoticeType.MONEY_LAUNDERING, NoticeType.CYBERCRIME, NoticeType.DRUG_TRAFFICKING};
    private static final Tlp[] TLPS = {Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER};
    private static final AccessPolicy POLICY = new AccessPolicy();
    private static final Caller WEST = new Caller("claire", "FR-DGPN", Set.of("EU-WEST"), Classification.SECRET,
            Set.of(Role.ANALYST));

    private static Rest5Client rest;
    private static ElasticsearchClient client;
    private static NoticeIndex index;
    private static final List<IndexedNotice> bulk = new ArrayList<>();
    private static final UUID FEATURED = UUID.randomUUID();

    @BeforeAll
    static void indexNotices(ElasticsearchNode node) throws Exception {
        rest = TestNodes.asGateway(node);
        client = new ElasticsearchClient(new Rest5ClientTransport(rest, new JacksonJsonpMapper()));
        ElasticsearchNotices notices = new ElasticsearchNotices(client, new IndexSettings(0));
        index = notices.index();
        ZonedDateTime january = ZonedDateTime.of(2026, 1, 10, 9, 0, 0, 0, ZoneOffset.UTC);
        for (int i = 0; i < BULK; i++) {
            // Agency, TLP, type and month as digits of i in base 3 (month: base 6): every combination occurs.
            bulk.add(indexed(UUID.randomUUID(), AGENCIES.get(i % 3), TYPES[(i / 9) % 3], TLPS[(i / 3) % 3],
                    january.plusMonths((i / 27) % 6).plusMinutes(i).toInstant(), "Dossier " + RUN + " numéro " + i,
                    "Série synthétique", List.of()));
        }
        bulk.add(indexed(FEATURED, "BE-PJF", NoticeType.ASSET_TRACING, Tlp.GREEN, Instant.parse("2026-11-20T08:00:00Z"),
                "Saisie d'avoirs en Andorre " + RUN, "Comptes ouverts à Andorre-la-Vieille au nom d'une Société écran",
                List.of(new Entity(EntityKind.PHONE, "+33 6 12 34 56 78", Map.of()),
                        new Entity(EntityKind.PERSON, "Jean-Luc DUPONT", Map.of("birthDate", "1980-02-01")))));
        for (int from = 0; from < bulk.size(); from += 2_000) {
            notices.writer().index(bulk.subList(from, Math.min(bulk.size(), from + 2_000)));
        }
        client.indices().refresh(r -> r.index(NoticeQueries.ALIAS));
    }

    @AfterAll
    static void close() throws Exception {
        rest.close();
    }

    @Test
    void searchWhenPagedWithCursorBeyondTenThousandThenEveryMatchExactlyOnceNewestFirst() {
        NoticeQuery query = new NoticeQuery(RUN, NoticeFilters.NONE, NoticeQuery.Sort.NEWEST, 100, null, false);
        Set<UUID> seen = new HashSet<>();
        List<Instant> order = new ArrayList<>();
        int pages = 0;
        SearchResult page = index.search(query, scope());
        while (true) {
            pages++;
            // Counting stops at 10,000: the total says "at least", the pages still reach every match.
            assertThat(page.total()).isEqualTo(10_000);
            assertThat(page.totalIsLowerBound()).isTrue();
            for (NoticeSummary hit : page.hits()) {
                assertThat(seen.add(hit.noticeId())).as("seen once: %s", hit.noticeId()).isTrue();
                order.add(hit.issuedAt());
            }
            if (page.nextCursor() == null) {
                break;
            }
            page = index.search(query.after(page.nextCursor()), scope());
        }
        assertThat(seen).hasSize(BULK + 1);
        assertThat(pages).isEqualTo((BULK + 1 + 99) / 100);
        assertThat(order).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        SearchResult counted = index.search(new NoticeQuery(RUN, NoticeFilters.NONE, NoticeQuery.Sort.NEWEST, 1, null, false,
                false, true), scope());
        assertThat(counted.total()).as("an exact count, asked for").isEqualTo(BULK + 1);
        assertThat(counted.totalIsLowerBound()).isFalse();
    }

    @Test
    void searchWhenMoreMatchesThanFacetsAreCountedForThenFacetsEstimatedFromASampleNearTheirCounts() {
        // Facets exact up to 1,000 matches, then from a sample of about 2,000 of the 10,500 (probability 0.2).
        NoticeIndex sampling = new ElasticsearchNoticeIndex(client, java.time.Clock.systemUTC(),
                eu.synergie.core.vocabulary.Vocabulary.builtIn(), new SearchCounting(100, 1_000, 200));
        NoticeQuery query = new NoticeQuery(RUN + " numero", NoticeFilters.NONE, NoticeQuery.Sort.RELEVANCE, 1, null, true);

        SearchResult result = sampling.search(query, scope());

        assertThat(result.total()).isEqualTo(1_000);
        assertThat(result.totalIsLowerBound()).isTrue();
        assertThat(result.facetsEstimated()).isTrue();
        // Scaled back up to the matches' counts: 3,500 per agency, within a fifth (five standard deviations).
        assertThat(counts(result, "agency")).containsOnlyKeys("FR-DGPN", "BE-PJF", "ES-CNP")
                .allSatisfy((agency, count) -> assertThat(count).as(agency).isBetween(2_800L, 4_200L));
        assertThat(counts(result, "region")).containsOnlyKeys("EU-WEST");
        assertThat(counts(result, "region").get("EU-WEST")).isBetween(8_400L, 12_600L);
        assertThat(counts(result, "month")).containsOnlyKeys(expected(i -> "2026-0" + (1 + (i / 27) % 6)).keySet());
        // Still inside the scope: a sample narrows the matches, never widens them.
        assertThat(sampling.search(query, POLICY.scopeOf(new Caller("hans", "DE-BKA", Set.of("EU-CENTRAL"),
                Classification.SECRET, Set.of(Role.ANALYST)))).facets().get("agency")).isEmpty();
    }

    @Test
    void searchWhenFacetsAskedThenCountsOfAllMatchesPerValue() {
        NoticeQuery query = new NoticeQuery(RUN + " numero", NoticeFilters.NONE, NoticeQuery.Sort.RELEVANCE, 1, null, true);

        SearchResult result = index.search(query, scope());

        assertThat(result.total()).isEqualTo(BULK);
        assertThat(counts(result, "agency")).isEqualTo(Map.of("FR-DGPN", 3_500L, "BE-PJF", 3_500L, "ES-CNP", 3_500L));
        assertThat(counts(result, "type")).isEqualTo(expected(i -> TYPES[(i / 9) % 3].name()));
        assertThat(counts(result, "tlp")).isEqualTo(expected(i -> TLPS[(i / 3) % 3].label()));
        assertThat(counts(result, "region")).isEqualTo(Map.of("EU-WEST", (long) BULK));
        assertThat(counts(result, "month")).isEqualTo(expected(i -> "2026-0" + (1 + (i / 27) % 6)));
    }

    @Test
    void searchWhenFilteredThenOnlyMatchingNoticesAndTotalsAgree() {
        NoticeFilters filters = new NoticeFilters(Set.of(NoticeType.CYBERCRIME), Set.of("BE-PJF", "ES-CNP"), Set.of(),
                Set.of(), Set.of(Tlp.AMBER), Set.of(), Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-05-01T00:00:00Z"), null, null);
        NoticeQuery query = new NoticeQuery(RUN, filters, NoticeQuery.Sort.NEWEST, 100, null, false);

        SearchResult result = index.search(query, scope());

        long expected = bulk.stream().map(n -> n.opened().notice()).filter(n -> n.type() == NoticeType.CYBERCRIME
                && Set.of("BE-PJF", "ES-CNP").contains(n.markings().originAgency()) && n.markings().tlp() == Tlp.AMBER
                && !n.issuedAt().isBefore(Instant.parse("2026-03-01T00:00:00Z"))
                && n.issuedAt().isBefore(Instant.parse("2026-05-01T00:00:00Z"))).count();
        assertThat(expected).isPositive();
        assertThat(result.total()).isEqualTo(expected);
        assertThat(result.hits()).allSatisfy(hit -> {
            assertThat(hit.type()).isEqualTo(NoticeType.CYBERCRIME);
            assertThat(hit.originAgency()).isIn("BE-PJF", "ES-CNP");
            assertThat(hit.tlp()).isEqualTo(Tlp.AMBER);
        });
    }

    @Test
    void searchWhenRegionFilterOutsideScopeThenNothingEvenIfItExists() {
        NoticeFilters central = new NoticeFilters(null, null, Set.of("EU-CENTRAL"), null, null, null, null, null, null, null);
        Caller centralAnalyst = new Caller("jonas", "DE-BKA", Set.of("EU-CENTRAL"), Classification.SECRET, Set.of(Role.ANALYST));
        NoticeFilters west = new NoticeFilters(null, null, Set.of("EU-WEST"), null, null, null, null, null, null, null);

        assertThat(index.search(new NoticeQuery(RUN, west, null, 10, null, false), POLICY.scopeOf(centralAnalyst)).total())
                .isZero();
        assertThat(index.search(new NoticeQuery(RUN, central, null, 10, null, false), scope()).total()).isZero();
    }

    @Test
    void searchWhenWordsMatchThenHighlightedAsWrittenWithoutAccents() {
        NoticeQuery query = new NoticeQuery("andorre societe " + RUN, NoticeFilters.NONE, null, 5, null, false);

        SearchResult result = index.search(query, scope());

        assertThat(result.hits()).extracting(NoticeSummary::noticeId).containsExactly(FEATURED);
        SearchResult.Highlights marks = result.highlights().get(FEATURED);
        assertThat(marks.title()).isEqualTo("Saisie d&#39;avoirs en <mark>Andorre</mark> <mark>" + RUN + "</mark>");
        assertThat(marks.summary()).contains("<mark>Andorre</mark>-la-Vieille").contains("<mark>Société</mark> écran");
    }

    @Test
    void searchWhenEntityFilterInOtherWrittenFormsThenFoundByNormalisedValue() {
        for (String phone : List.of("+33612345678", "0033 6 12 34 56 78", "06.12.34.56.78")) {
            NoticeFilters byPhone = new NoticeFilters(null, null, null, null, null, null, null, null, EntityKind.PHONE, phone);
            assertThat(index.search(new NoticeQuery(RUN, byPhone, null, 5, null, false), scope()).hits())
                    .as(phone).extracting(NoticeSummary::noticeId).containsExactly(FEATURED);
        }
        for (String person : List.of("DUPONT, Jean-Luc", "jean-luc dupont", "Jean-Luc Dupónt")) {
            NoticeFilters byName = new NoticeFilters(null, null, null, null, null, null, null, null, EntityKind.PERSON, person);
            assertThat(index.search(new NoticeQuery(RUN, byName, null, 5, null, false), scope()).hits())
                    .as(person).extracting(NoticeSummary::noticeId).containsExactly(FEATURED);
        }
        SearchResult none = index.search(new NoticeQuery(RUN + " introuvable", NoticeFilters.NONE, null, 5, null, true), scope());
        assertThat(none.facets()).as("nothing matched: every facet, empty").containsOnlyKeys("type", "agency", "region", "tlp", "month")
                .allSatisfy((facet, values) -> assertThat(values).isEmpty());
        NoticeFilters other = new NoticeFilters(null, null, null, null, null, null, null, null, EntityKind.PHONE, "+33612345679");
        assertThat(index.search(new NoticeQuery(RUN, other, null, 5, null, false), scope()).total()).isZero();
    }

    @Test
    void searchWhenCursorOfAnotherQueryThenRefused() {
        SearchResult first = index.search(new NoticeQuery(RUN, NoticeFilters.NONE, null, 10, null, false), scope());

        assertThatThrownBy(() -> index.search(new NoticeQuery("autre", NoticeFilters.NONE, null, 10, first.nextCursor(), false),
                scope())).isInstanceOf(InvalidCursorException.class);
    }

    private static ReadScope scope() {
        return POLICY.scopeOf(WEST);
    }

    private static Map<String, Long> counts(SearchResult result, String facet) {
        return result.facets().get(facet).stream()
                .collect(Collectors.toMap(SearchResult.FacetCount::value, SearchResult.FacetCount::count));
    }

    private static Map<String, Long> expected(java.util.function.IntFunction<String> value) {
        Map<String, Long> counts = new java.util.HashMap<>();
        for (int i = 0; i < BULK; i++) {
            counts.merge(value.apply(i), 1L, Long::sum);
        }
        return counts;
    }

    private static IndexedNotice indexed(UUID id, String agency, NoticeType type, Tlp tlp, Instant issuedAt, String title,
                                         String summary, List<Entity> entities) {
        Markings markings = new Markings("EU-WEST", agency, Classification.RESTRICTED, HandlingCode.H1, null, tlp, Set.of(),
                Dissemination.FULL);
        Notice notice = new Notice(id, type, title, summary, "fr", issuedAt, null, markings, "B", "2", "REF-" + RUN, entities);
        OpenedNotice opened = new OpenedNotice(notice, agency, "01", "ab", issuedAt, Instant.now());
        return new IndexedNotice(opened, "synergie.notices.eu-west", 0, 1);
    }
}
