package eu.synergie.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.index.IndexGenerations;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.index.NoticeSummary;
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
import eu.synergie.core.policy.Role;
import eu.synergie.infra.ElasticsearchNode;
import eu.synergie.infra.junit.RealStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(RealStackExtension.class)
class ElasticsearchNoticeIndexIT {

    private static Rest5Client rest;
    private static ElasticsearchClient client;
    private static ElasticsearchNotices notices;
    private static ElasticsearchNoticeHolders holders;
    /** The same lookup reading two holders per search, so that five holders take three pages. */
    private static ElasticsearchNoticeHolders holdersByTwo;
    private static final AccessPolicy POLICY = new AccessPolicy();

    /** In every title here: other ITs of this JVM index into the same node. */
    private static final String RUN = "essai" + UUID.randomUUID().toString().substring(0, 8);
    private static final UUID WEST_RESTRICTED = UUID.randomUUID();
    private static final UUID WEST_SECRET = UUID.randomUUID();
    private static final UUID WEST_RELEASED_TO_BE = UUID.randomUUID();
    private static final UUID CENTRAL = UUID.randomUUID();

    @BeforeAll
    static void indexNotices(ElasticsearchNode node) {
        rest = TestNodes.asGateway(node);
        client = new ElasticsearchClient(new Rest5ClientTransport(rest, new JacksonJsonpMapper()));
        holders = new ElasticsearchNoticeHolders(client, java.time.Clock.systemUTC());
        holdersByTwo = new ElasticsearchNoticeHolders(client, java.time.Clock.systemUTC(), 2);
        notices = new ElasticsearchNotices(client,
                new IndexSettings(0));
        notices.writer().index(List.of(
                indexed(WEST_RESTRICTED, "EU-WEST", "FR-DGPN", Classification.RESTRICTED, Set.of(),
                        "Escroquerie aux faux ordres de virement" + " " + RUN, "Société écran à Marseille"),
                indexed(WEST_SECRET, "EU-WEST", "FR-DGPN", Classification.SECRET, Set.of(),
                        "Réseau de passeurs" + " " + RUN, "Évasion organisée"),
                indexed(WEST_RELEASED_TO_BE, "EU-WEST", "ES-CNP", Classification.RESTRICTED, Set.of("BE-PJF"),
                        "Blanqueo de capitales" + " " + RUN, "Cuentas en Andorra"),
                indexed(CENTRAL, "EU-CENTRAL", "DE-BKA", Classification.RESTRICTED, Set.of(),
                        "Geldwäsche über Kryptobörsen" + " " + RUN, "Überweisungen nach Zypern")));
    }

    @AfterAll
    static void close() throws Exception {
        rest.close();
    }

    @Test
    void searchWhenAccentsAndCaseDifferThenFolded() {
        Caller claire = analyst("FR-DGPN", Set.of("EU-WEST"), Classification.CONFIDENTIAL);
        assertThat(ids(eventually(() -> search("ESCROQUERIE societe ecran " + RUN, claire), 1)))
                .containsExactly(WEST_RESTRICTED);
        assertThat(ids(search("geldwasche " + RUN, analyst("DE-BKA", Set.of("EU-CENTRAL"), Classification.SECRET))))
                .containsExactly(CENTRAL);
    }

    @Test
    void searchWhenCallerOfAnotherRegionThenNothingOfThatRegion() {
        Caller jonas = analyst("DE-BKA", Set.of("EU-CENTRAL"), Classification.SECRET);
        assertThat(ids(eventually(() -> search(RUN, jonas), 1))).containsExactly(CENTRAL);
    }

    @Test
    void searchWhenClearanceBelowThenSecretHidden() {
        Caller confidential = analyst("FR-DGPN", Set.of("EU-WEST"), Classification.CONFIDENTIAL);
        Caller secret = analyst("FR-DGPN", Set.of("EU-WEST"), Classification.SECRET);
        assertThat(ids(eventually(() -> search("", secret), 2))).contains(WEST_RESTRICTED, WEST_SECRET);
        assertThat(ids(search("", confidential))).contains(WEST_RESTRICTED).doesNotContain(WEST_SECRET);
    }

    @Test
    void searchWhenReleasabilityListedThenOnlyListedAgenciesAndOriginator() {
        Caller belgian = analyst("BE-PJF", Set.of("EU-WEST"), Classification.RESTRICTED);
        Caller french = analyst("FR-DGPN", Set.of("EU-WEST"), Classification.SECRET);
        Caller spanish = analyst("ES-CNP", Set.of("EU-WEST"), Classification.RESTRICTED);
        assertThat(ids(eventually(() -> search("blanqueo", belgian), 1))).containsExactly(WEST_RELEASED_TO_BE);
        assertThat(ids(search("blanqueo", spanish))).containsExactly(WEST_RELEASED_TO_BE);
        assertThat(ids(search("blanqueo", french))).isEmpty();
    }

    @Test
    void searchWhenValidUntilPassedThenHiddenAndRemovedBySweep() {
        UUID expired = UUID.randomUUID();
        UUID current = UUID.randomUUID();
        Instant issued = Instant.now().minusSeconds(7200);
        notices.writer().index(List.of(
                indexed(expired, "MED", "MA-DGSN", Classification.RESTRICTED, Set.of(), "Avis périmé", "x", issued,
                        Instant.now().minusSeconds(60)),
                indexed(current, "MED", "MA-DGSN", Classification.RESTRICTED, Set.of(), "Avis périmé", "x", issued,
                        Instant.now().plusSeconds(86400))));
        Caller youssef = analyst("MA-DGSN", Set.of("MED"), Classification.RESTRICTED);
        assertThat(ids(eventually(() -> search("perime", youssef), 1))).containsExactly(current);

        assertThat(notices.expiry().removeExpired(Instant.now())).extracting(e -> e.noticeId()).contains(expired).doesNotContain(current);
        assertThat(notices.writer().storedVersions("MED", List.of(expired, current))).containsOnlyKeys(current);
    }

    @Test
    void searchWhenEntityWrittenInAnotherCommonFormThenFoundByItsNormalisedValue() {
        UUID phoneNotice = UUID.randomUUID();
        Markings markings = new Markings("EU-WEST", "FR-DGPN", Classification.RESTRICTED, HandlingCode.H0, null, Tlp.GREEN,
                Set.of(), Dissemination.FULL);
        Notice notice = new Notice(phoneNotice, NoticeType.DRUG_TRAFFICKING, "Guetteur", "x", "fr", Instant.now(), null,
                markings, "B", "2", null, List.of(new Entity(EntityKind.PHONE, "+33 6 98 76 54 32", Map.of())));
        notices.writer().index(List.of(new IndexedNotice(new OpenedNotice(notice, "FR-DGPN", "01", "ab", Instant.now(), Instant.now()),
                "synergie.notices.EU-WEST", 0, 9)));
        Caller claire = analyst("FR-DGPN", Set.of("EU-WEST"), Classification.CONFIDENTIAL);
        assertThat(ids(eventually(() -> search("06.98.76.54.32", claire), 1))).containsExactly(phoneNotice);
        assertThat(ids(search("0033698765432", claire))).containsExactly(phoneNotice);
        assertThat(ids(search("fr76 3000 6000 0112 3456 7890 189", claire))).contains(WEST_RESTRICTED).doesNotContain(CENTRAL);
    }

    @Test
    void holdersOfWhenNoticesOfSeveralRegionsAndClassificationsShareAValueThenAllOfThemWithoutAnyScope() {
        // Not RUN in its title or value: the other tests search RUN and count what they find.
        String marker = "h" + UUID.randomUUID().toString().substring(0, 8);
        Entity email = new Entity(EntityKind.EMAIL, "Courrier." + marker + "@Example.org", Map.of());
        UUID west = UUID.randomUUID();
        UUID central = UUID.randomUUID();
        notices.writer().index(List.of(
                holding(west, "EU-WEST", "FR-DGPN", Classification.SECRET, email),
                holding(central, "EU-CENTRAL", "DE-BKA", Classification.RESTRICTED, email)));
        String key = eu.synergie.core.matching.MatchKeys.of(email, "FR-DGPN").getFirst();

        var holdings = holders.holdersOf(Set.of(key), 25);

        assertThat(holdings.counts()).containsEntry(key, 2L);
        assertThat(holdings.holdings()).extracting(h -> h.noticeId()).containsExactlyInAnyOrder(west, central);
        assertThat(holders.holdersOf(Set.of(key), 1).holdings()).as("over-correlating: counted, not listed").isEmpty();
    }

    @Test
    void holdersOfWhenMoreHoldersThanOnePageThenEveryOneOnceAcrossThePages() {
        String marker = "p" + UUID.randomUUID().toString().substring(0, 8);
        Entity email = new Entity(EntityKind.EMAIL, "Pages." + marker + "@Example.org", Map.of());
        List<UUID> ids = java.util.stream.IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();
        notices.writer().index(List.of(
                holding(ids.get(0), "EU-WEST", "FR-DGPN", Classification.RESTRICTED, email),
                holding(ids.get(1), "EU-CENTRAL", "DE-BKA", Classification.RESTRICTED, email),
                holding(ids.get(2), "EU-WEST", "BE-PJF", Classification.SECRET, email),
                holding(ids.get(3), "EU-CENTRAL", "DE-BKA", Classification.CONFIDENTIAL, email),
                holding(ids.get(4), "EU-WEST", "FR-DGPN", Classification.UNCLASSIFIED, email)));
        String key = eu.synergie.core.matching.MatchKeys.of(email, "FR-DGPN").getFirst();

        var holdings = holdersByTwo.holdersOf(Set.of(key), 25);

        assertThat(holdings.counts()).containsEntry(key, 5L);
        assertThat(holdings.holdings()).extracting(h -> h.noticeId()).as("three pages of two, none twice")
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void newGenerationWhenTwoShardsSetThenMadeOfTwoAndSearchedLikeAnyOther() throws Exception {
        String region = "SHARDS-" + RUN.toUpperCase(Locale.ROOT);
        UUID id = UUID.randomUUID();
        IndexGenerations twoShards = new ElasticsearchNotices(client, new IndexSettings(0, 2)).generations();
        String generation = twoShards.newGeneration(region);
        // Made by an instance with the default right after: the count is each instance's, not left in the node's template.
        String oneShard = new ElasticsearchNotices(client, new IndexSettings(0)).generations().newGeneration(region + "-1");
        try {
            assertThat(shardsOf(generation)).isEqualTo("2");
            assertThat(shardsOf(oneShard)).isEqualTo("1");
            twoShards.writingTo(generation).index(List.of(indexed(id, region, "FR-DGPN", Classification.RESTRICTED, Set.of(),
                    "Trafic de stupéfiants " + RUN, "Go-fast vers Perpignan")));
            twoShards.drop(twoShards.promote(region, generation));
            assertThat(ids(search("stupefiants " + RUN, analyst("FR-DGPN", Set.of(region), Classification.RESTRICTED))))
                    .containsExactly(id);
        } finally {
            client.indices().delete(d -> d.index(generation, oneShard));
        }
    }

    private static String shardsOf(String index) throws Exception {
        return client.indices().getSettings(g -> g.index(index)).get(index).settings().index().numberOfShards();
    }

    @Test
    void searchWhenCallerIsNoAnalystThenNothing() {
        Caller feed = new Caller("feed", "FR-DGPN", Set.of("EU-WEST"), Classification.SECRET, Set.of(Role.AGENCY_FEED));
        assertThat(search("", feed)).isEmpty();
    }

    private static List<NoticeSummary> search(String text, Caller caller) {
        return notices.index().search(new NoticeQuery(text, 50), POLICY.scopeOf(caller)).hits();
    }

    /** The search's hits once there are {@code atLeast}; fails after 10 s with the last hits. */
    private static List<NoticeSummary> eventually(Supplier<List<NoticeSummary>> search, int atLeast) {
        return await("at least " + atLeast + " hits").atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200)).until(search::get, hits -> hits.size() >= atLeast);
    }

    private static List<UUID> ids(List<NoticeSummary> hits) {
        return hits.stream().map(NoticeSummary::noticeId).toList();
    }

    private static Caller analyst(String agency, Set<String> regions, Classification clearance) {
        return new Caller("analyst@" + agency, agency, regions, clearance, Set.of(Role.ANALYST));
    }

    private static IndexedNotice holding(UUID id, String region, String agency, Classification classification, Entity entity) {
        Markings markings = new Markings(region, agency, classification, HandlingCode.H0, null, Tlp.AMBER, Set.of(),
                Dissemination.POINTER);
        Notice notice = new Notice(id, NoticeType.CYBERCRIME, "Hameçonnage", "x", "fr", Instant.now(), null, markings,
                "B", "2", "CASE-" + region, List.of(entity));
        return new IndexedNotice(new OpenedNotice(notice, agency, "01", "ab", Instant.now(), Instant.now()),
                "synergie.notices." + region, 0, 2);
    }

    private static IndexedNotice indexed(UUID id, String region, String agency, Classification classification,
                                         Set<String> releasableTo, String title, String summary) {
        return indexed(id, region, agency, classification, releasableTo, title, summary,
                Instant.parse("2026-11-28T10:00:00Z"), null);
    }

    private static IndexedNotice indexed(UUID id, String region, String agency, Classification classification,
                                         Set<String> releasableTo, String title, String summary, Instant issuedAt,
                                         Instant validUntil) {
        Markings markings = new Markings(region, agency, classification, HandlingCode.H0, null, Tlp.AMBER, releasableTo,
                Dissemination.FULL);
        Notice notice = new Notice(id, NoticeType.MONEY_LAUNDERING, title, summary, "fr", issuedAt,
                validUntil, markings, "B", "2", "CASE-1",
                List.of(new Entity(EntityKind.IBAN, "FR7630006000011234567890189", Map.of())));
        OpenedNotice opened = new OpenedNotice(notice, agency, "01", "ab", Instant.now(), Instant.now());
        return new IndexedNotice(opened, "synergie.notices." + region, 0, 1);
    }
}
