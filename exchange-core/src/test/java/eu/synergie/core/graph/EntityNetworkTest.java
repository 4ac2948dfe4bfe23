package eu.synergie.core.graph;

import eu.synergie.core.index.ListNoticeIndex;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.matching.EntityHoldings;
import eu.synergie.core.matching.HolderLookup;
import eu.synergie.core.matching.MatchKeys;
import eu.synergie.core.notice.Asset;
import eu.synergie.core.notice.AssetType;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Ownership;
import eu.synergie.core.notice.ProtectedRole;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The graph over an index that applies the access rule as Elasticsearch does, and a holders' lookup that sees all. */
class EntityNetworkTest {

    private static final AccessPolicy POLICY = new AccessPolicy();
    private static final Caller BELGIAN = new Caller("luc.peeters", "BE-PJF", Set.of("EU-WEST"), Classification.RESTRICTED,
            Set.of(Role.ANALYST));
    private static final String PHONE = "+33612345678";
    private static final String IBAN = "FR7630006000011234567890189";

    private final List<Notice> all = new ArrayList<>();

    @Test
    void aroundWhenAPhoneLinksTwoAgenciesNoticesThenBothWithTheirEntitiesAndOwnerships() {
        Notice french = add(notice("FR-DGPN", "EU-WEST", Classification.RESTRICTED, Dissemination.FULL, List.of(
                person("p1", "Karim BENSAÏD", "1987-06-14"), phone(PHONE), company("c1")), List.of(
                new Ownership("p1", "c1", Ownership.Kind.BENEFICIAL, new BigDecimal("60"), null, null))));
        Notice belgian = add(notice("BE-PJF", "EU-WEST", Classification.RESTRICTED, Dissemination.FULL, List.of(
                phone("0033 6 12 34 56 78"), iban(IBAN)), List.of()));

        Graph graph = network().around(BELGIAN, "PHONE:+33 6 12 34 56 78", 1, 100);

        assertThat(graph.read()).containsExactlyInAnyOrder(french.noticeId(), belgian.noticeId());
        assertThat(graph.nodes().getFirst().id()).isEqualTo("key:PHONE:" + PHONE);
        assertThat(graph.nodes()).filteredOn(n -> n.nodeKind() == Graph.NodeKind.ENTITY).extracting(Graph.Node::label)
                .contains("Karim BENSAÏD", "Azur Holding Ltd", IBAN);
        assertThat(graph.edges()).filteredOn(e -> e.kind() == Graph.EdgeKind.OWNS).singleElement()
                .satisfies(e -> assertThat(e.label()).isEqualTo("BENEFICIAL 60 %"));
        assertThat(graph.edges()).filteredOn(e -> e.from().equals("key:PHONE:" + PHONE)).hasSize(2)
                .allMatch(e -> e.kind() == Graph.EdgeKind.APPEARS_IN);
        assertThat(graph.truncated()).isFalse();
    }

    @Test
    void aroundWhenTheDepthStopsTheWalkThenTheEntitiesWithMoreSaySo() {
        add(notice("FR-DGPN", "EU-WEST", Classification.RESTRICTED, Dissemination.FULL, List.of(phone(PHONE), iban(IBAN)), List.of()));
        Notice further = add(notice("ES-CNP", "EU-WEST", Classification.RESTRICTED, Dissemination.FULL, List.of(iban(IBAN)), List.of()));

        Graph one = network().around(BELGIAN, "PHONE:" + PHONE, 1, 100);
        Graph two = network().around(BELGIAN, "PHONE:" + PHONE, 2, 100);

        assertThat(one.read()).doesNotContain(further.noticeId());
        assertThat(node(one, "key:IBAN:" + IBAN).more()).isTrue();
        assertThat(node(one, "key:PHONE:" + PHONE).more()).isFalse();
        assertThat(two.read()).contains(further.noticeId());
        assertThat(node(two, "key:IBAN:" + IBAN).more()).isFalse();
    }

    @Test
    void aroundWhenANoticeIsNotReadableThenNothingOfItButAPointerWhereTheRulesAllow() {
        add(notice("FR-DGPN", "EU-WEST", Classification.RESTRICTED, Dissemination.FULL, List.of(phone(PHONE)), List.of()));
        Notice secret = add(notice("FR-DGPN", "EU-WEST", Classification.CONFIDENTIAL, Dissemination.FULL,
                List.of(phone(PHONE), iban("DE89370400440532013000")), List.of()));
        Notice moroccan = add(notice("MA-DGSN", "MED", Classification.RESTRICTED, Dissemination.POINTER, List.of(phone(PHONE)), List.of()));
        Notice silent = add(notice("ES-CNP", "MED", Classification.RESTRICTED, Dissemination.SILENT, List.of(phone(PHONE)), List.of()));

        Graph graph = network().around(BELGIAN, "PHONE:" + PHONE, 3, 100);

        assertThat(graph.read()).doesNotContain(secret.noticeId(), moroccan.noticeId(), silent.noticeId());
        assertThat(graph.toString()).doesNotContain("DE89370400440532013000").doesNotContain("ES-CNP");
        assertThat(graph.nodes()).filteredOn(n -> n.nodeKind() == Graph.NodeKind.POINTER)
                .extracting(Graph.Node::label).containsExactlyInAnyOrder("FR-DGPN", "MA-DGSN");
        assertThat(graph.pointedAt()).containsExactlyInAnyOrder(secret.noticeId(), moroccan.noticeId());
    }

    @Test
    void aroundWhenTheNodeLimitIsMetThenTruncatedAndMarked() {
        for (int i = 0; i < 5; i++) {
            add(notice("FR-DGPN", "EU-WEST", Classification.RESTRICTED, Dissemination.FULL, List.of(phone(PHONE),
                    iban(ibans().get(i))), List.of()));
        }

        Graph graph = network().around(BELGIAN, "PHONE:" + PHONE, 2, 5);

        assertThat(graph.truncated()).isTrue();
        assertThat(graph.nodes()).hasSizeLessThanOrEqualTo(5);
        assertThat(node(graph, "key:PHONE:" + PHONE).more()).as("notices of the phone were left out").isTrue();
    }

    @Test
    void aroundWhenAProtectedPersonIsNamedThenOnlyItsPseudonymAndItLinksNothing() {
        Entity victim = new Entity(EntityKind.PERSON, "V-0123456789abcdef01234567", Map.of(), null,
                null, ProtectedRole.VICTIM);
        add(notice("FR-DGPN", "EU-WEST", Classification.RESTRICTED, Dissemination.FULL, List.of(phone(PHONE), victim), List.of()));

        Graph graph = network().around(BELGIAN, "PHONE:" + PHONE, 2, 100);

        assertThat(graph.nodes()).filteredOn(n -> n.label().startsWith("V-")).singleElement().satisfies(n -> {
            assertThat(n.key()).isNull();
            assertThat(n.details()).containsExactly(Map.entry("protection", "VICTIM"));
        });
    }

    @Test
    void aroundWhenTheEntityIsNoKeyThenRefusedWithTheReason() {
        assertThatThrownBy(() -> network().around(BELGIAN, "PERSON:Karim BENSAÏD", 1, 100))
                .hasMessageContaining("birth date");
        assertThatThrownBy(() -> network().around(BELGIAN, "ADDRESS:12 rue de la République", 1, 100))
                .hasMessageContaining("does not link notices");
        assertThatThrownBy(() -> network().around(BELGIAN, "IBAN:FR7630006000011234567890188", 1, 100))
                .hasMessageContaining("failed its check");
        assertThatThrownBy(() -> network().around(BELGIAN, "PHONE:" + PHONE, 4, 100)).hasMessageContaining("depth");
    }

    @Test
    void startKeyWhenWrittenNationallyOrAsTheGraphGivesItThenTheSameKey() {
        String person = StartKey.of("PERSON:Karim BENSAÏD|1987-06-14", "FR-DGPN");
        assertThat(StartKey.of(person, "BE-PJF")).isEqualTo(person);
        assertThat(StartKey.of("PHONE:06 12 34 56 78", "FR-DGPN")).isEqualTo("PHONE:" + PHONE);
        assertThat(StartKey.of("imo:9074729", "FR-DGPN")).isEqualTo("IMO:9074729");
    }

    @Test
    void aroundWhenOneNoticeNamesTwoIdentifiersOfAnAssetMetApartThenOneNode() {
        add(notice("FR-DGPN", "EU-WEST", Classification.RESTRICTED, Dissemination.FULL, List.of(phone(PHONE),
                vessel("v1", Map.of("imo", "9074729"))), List.of()));
        add(notice("ES-CNP", "EU-WEST", Classification.RESTRICTED, Dissemination.FULL, List.of(phone(PHONE),
                vessel("v2", Map.of("mmsi", "248123456"))), List.of()));
        add(notice("BE-PJF", "EU-WEST", Classification.RESTRICTED, Dissemination.FULL, List.of(
                vessel("v3", Map.of("imo", "9074729", "mmsi", "248123456"))), List.of()));

        Graph graph = network().around(BELGIAN, "PHONE:" + PHONE, 2, 100);

        assertThat(graph.read()).hasSize(3);
        assertThat(graph.nodes()).filteredOn(n -> n.kind() != null && n.kind().startsWith("ASSET")).singleElement()
                .satisfies(yacht -> assertThat(graph.edges()).filteredOn(e -> e.from().equals(yacht.id())).hasSize(3));
        assertThat(graph.edges()).allMatch(e -> graph.nodes().stream().anyMatch(n -> n.id().equals(e.from()))
                && graph.nodes().stream().anyMatch(n -> n.id().equals(e.to())));
    }

    @Test
    void aroundWhenNoNoticeTheCallerReadsNamesTheValueThenNoPointerEither() {
        add(notice("MA-DGSN", "MED", Classification.RESTRICTED, Dissemination.POINTER, List.of(phone(PHONE)), List.of()));

        Graph graph = network().around(BELGIAN, "PHONE:" + PHONE, 3, 100);

        assertThat(graph.read()).isEmpty();
        assertThat(graph.pointedAt()).as("a typed value is no hit: nobody is pointed at").isEmpty();
        assertThat(graph.nodes()).singleElement();
        Caller feed = new Caller("feed-be-pjf", "BE-PJF", Set.of("EU-WEST"), Classification.RESTRICTED, Set.of(Role.AGENCY_FEED));
        assertThat(network().around(feed, "PHONE:" + PHONE, 3, 100).pointedAt()).isEmpty();
    }

    @Test
    void startKeyWhenAnAssetIdentifierThenNormalisedAsItsNotices() {
        assertThat(StartKey.of("COMPANY:fr:852 369 741", "FR-DGPN")).isEqualTo("COMPANY:FR:"
                + eu.synergie.core.notice.normal.AssetIdentifiers.normalize("companyNumber", "852 369 741"));
        assertThat(StartKey.of("MMSI:248 123 456", "FR-DGPN")).isEqualTo("MMSI:248123456");
        assertThatThrownBy(() -> StartKey.of("COMPANY:852369741", "FR-DGPN")).hasMessageContaining("country");
    }

    private static Graph.Node node(Graph graph, String id) {
        return graph.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id + " in " + graph));
    }

    private Notice add(Notice notice) {
        all.add(notice);
        return notice;
    }

    private EntityNetwork network() {
        NoticeIndex index = new ListNoticeIndex(all);
        HolderLookup holders = new HolderLookup((keys, limit) -> new EntityHoldings(Map.of(), all.stream()
                .filter(n -> keysOf(n).stream().anyMatch(keys::contains))
                .map(n -> new EntityHoldings.Holding(n.noticeId(), n.markings(), n.caseRef(), Set.copyOf(keysOf(n)))).toList()),
                POLICY, 25);
        return new EntityNetwork(index, POLICY, holders);
    }

    private static List<String> keysOf(Notice n) {
        return n.entities().stream().flatMap(e -> MatchKeys.of(e, n.originAgency()).stream()).toList();
    }

    private static List<String> ibans() {
        return List.of("BE68539007547034", "DE89370400440532013000", "ES9121000418450200051332", "NL91ABNA0417164300",
                "GB29NWBK60161331926819");
    }

    private static Entity person(String ref, String name, String birthDate) {
        return new Entity(EntityKind.PERSON, name, Map.of("birthDate", birthDate), ref, null);
    }

    private static Entity phone(String value) {
        return new Entity(EntityKind.PHONE, value, null);
    }

    private static Entity iban(String value) {
        return new Entity(EntityKind.IBAN, value, null);
    }

    private static Entity vessel(String ref, Map<String, String> identifiers) {
        return new Entity(EntityKind.ASSET, "Yacht " + ref, null, ref, new Asset(AssetType.VESSEL, identifiers, null, "MT", null));
    }

    private static Entity company(String ref) {
        return new Entity(EntityKind.ASSET, "Azur Holding Ltd", null, ref, new Asset(AssetType.COMPANY,
                Map.of("companyNumber", "C 81234"), null, "MT", null));
    }

    private static Notice notice(String agency, String region, Classification classification, Dissemination dissemination,
                                 List<Entity> entities, List<Ownership> relations) {
        Markings markings = new Markings(region, agency, classification, HandlingCode.H1, null, Tlp.AMBER, Set.of(),
                dissemination);
        return new Notice(UUID.randomUUID(), NoticeType.MONEY_LAUNDERING, "Réseau " + agency, null, "fr",
                Instant.parse("2026-11-28T10:00:00Z"), null, markings, null, null, "CASE-" + agency, entities, relations, 1,
                NoticeStatus.ACTIVE);
    }
}
