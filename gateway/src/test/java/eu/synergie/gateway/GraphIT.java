package eu.synergie.gateway;

import eu.synergie.core.graph.EntityNetwork;
import eu.synergie.core.graph.Graph;
import eu.synergie.core.index.NoticeIndex;
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
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Ownership;
import eu.synergie.core.notice.ProtectedRole;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.ReadScope;
import eu.synergie.core.policy.Role;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.infra.KeycloakServer;
import eu.synergie.infra.SharedStack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The network behind the notices, end to end. A small case read through the API by analysts of different reach; then a
 * randomized test over a few hundred notices of four agencies sharing phones, accounts, persons and companies, with
 * markings drawn across the whole range: for 1,000 random callers and starts, no node or edge of the graph comes from a
 * notice the caller may not read, and every pointer stands for a notice a hit could have told.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphIT extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PURPOSE = "OCRTEH-2026-0917";
    private static final List<String> REGIONS = List.of("EU-WEST", "MED");
    private static final Map<String, Set<String>> RANDOM_AGENCIES = Map.of("FR-GRAPH", Set.of("EU-WEST", "MED"),
            "BE-GRAPH", Set.of("EU-WEST"), "NL-GRAPH", Set.of("EU-WEST"), "MA-GRAPH", Set.of("MED"));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SplittableRandom random = new SplittableRandom();
    private final String phone = "+3361" + (1_000_000 + random.nextInt(8_999_999));
    private final String iban = iban(random);
    private final String hidden = iban(random);
    private final String birthDate = "19" + (50 + random.nextInt(40)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10);
    private final String silentCase = "SILENCE-" + random.nextInt(1_000_000);
    private KeycloakServer keycloak;
    private UUID french;
    private UUID belgian;
    private UUID confidential;
    private UUID moroccan;
    private UUID silent;

    @Autowired
    private EntityNetwork network;
    @Autowired
    private NoticeIndex index;
    private final AccessPolicy policy = new AccessPolicy();

    @BeforeAll
    void publishTheCase() throws Exception {
        keycloak = SharedStack.all().keycloak();
        french = publish("FR-DGPN", "EU-WEST", "RESTRICTED", "FULL", "OCRGDF-2026-0412", """
                {"kind": "PERSON", "value": "Karim BENSAÏD", "attributes": {"birthDate": "%s"}, "ref": "p1"},
                {"kind": "PHONE", "value": "%s"},
                {"kind": "ASSET", "value": "Azur Logistique SARL", "ref": "c1", "asset": {"type": "COMPANY",
                  "identifiers": {"companyNumber": "%d"}, "jurisdiction": "FR"}}
                ], "relations": [{"owner": "p1", "owned": "c1", "kind": "BENEFICIAL", "share": 60}""".formatted(
                birthDate, phone, 100_000_000 + random.nextInt(899_999_999)));
        belgian = publish("BE-PJF", "EU-WEST", "RESTRICTED", "FULL", "PJF-BXL-2026-311", """
                {"kind": "PHONE", "value": "%s"}, {"kind": "IBAN", "value": "%s"}""".formatted(phone, iban));
        confidential = publish("FR-DGPN", "EU-WEST", "CONFIDENTIAL", "FULL", "OCRGDF-2026-0413", """
                {"kind": "PHONE", "value": "%s"}, {"kind": "IBAN", "value": "%s"}""".formatted(phone, hidden));
        moroccan = publish("MA-DGSN", "MED", "RESTRICTED", "POINTER", "DGSN-TNG-2026-77", """
                {"kind": "PHONE", "value": "%s"}""".formatted(phone));
        silent = publish("FR-DGPN", "MED", "RESTRICTED", "SILENT", silentCase, """
                {"kind": "PHONE", "value": "%s"}""".formatted(phone));
        String claire = keycloak.passwordGrant("claire.martin", "demo");
        await("the case indexed").atMost(Duration.ofSeconds(60)).until(() ->
                graph(claire, "PHONE:" + phone, 1).path("nodes").toString().contains(silent.toString()));
    }

    @Test
    void graphOfAPhoneShowsWhatTheAnalystMayReadAndPointersWhereAHitWould() throws Exception {
        String luc = keycloak.passwordGrant("luc.peeters", "demo");

        JsonNode graph = graph(luc, "PHONE:" + phone, 2);

        assertThat(noticeIds(graph)).containsExactlyInAnyOrder(french.toString(), belgian.toString());
        assertThat(labels(graph, "ENTITY")).contains("Karim BENSAÏD", "Azur Logistique SARL", iban);
        assertThat(pointers(graph)).as("held by: the CONFIDENTIAL notice above his clearance, the POINTER one of MED")
                .containsExactlyInAnyOrder("FR-DGPN OCRGDF-2026-0413", "MA-DGSN DGSN-TNG-2026-77");
        assertThat(graph.toString()).doesNotContain(hidden).doesNotContain(silentCase).doesNotContain(confidential.toString())
                .doesNotContain(moroccan.toString()).doesNotContain(silent.toString());
        assertThat(StreamSupport.stream(graph.path("edges").spliterator(), false)
                .filter(e -> e.path("type").asString().equals("OWNS")).map(e -> e.path("label").asString()))
                .containsExactly("BENEFICIAL 60 %");

        String auditor = keycloak.passwordGrant("sophie.lambert", "demo");
        await("the graph audited as a search, its pointers as disclosures").atMost(Duration.ofSeconds(30)).until(() ->
                fetch(auditor, "/api/v1/audit?size=100&action=SEARCH&noticeId=" + belgian).body().contains("graph of PHONE:" + phone)
                        && fetch(auditor, "/api/v1/audit?size=100&action=DISCLOSURE&noticeId=" + moroccan).body().contains(PURPOSE));
    }

    @Test
    void graphOfAPersonByNameAndBirthDateFindsTheNoticeAndItsNetwork() throws Exception {
        String claire = keycloak.passwordGrant("claire.martin", "demo");

        JsonNode graph = graph(claire, "PERSON:Karim Bensaïd|" + birthDate, 2);

        assertThat(noticeIds(graph)).contains(french.toString(), belgian.toString(), confidential.toString(),
                moroccan.toString());
        assertThat(graph.path("nodes").get(0).path("label").asString()).isEqualTo("Karim BENSAÏD");
    }

    @Test
    void graphForAnAnalystOfAnotherRegionShowsNoNoticeAndNoHolder() throws Exception {
        String jonas = keycloak.passwordGrant("jonas.weber", "demo");

        JsonNode graph = graph(jonas, "PHONE:" + phone, 3);

        assertThat(noticeIds(graph)).isEmpty();
        assertThat(labels(graph, "ENTITY")).containsExactly(phone);
        assertThat(pointers(graph)).as("a value only typed is no hit: the graph tells nobody who holds it").isEmpty();
    }

    @Test
    void graphWithoutPurposeOrOfAnEntityThatLinksNothingIsRefusedWithTheReason() throws Exception {
        String luc = keycloak.passwordGrant("luc.peeters", "demo");
        HttpResponse<String> noPurpose = fetch(luc, "/api/v1/graph?entity=" + encode("PHONE:" + phone));
        HttpResponse<String> nameOnly = fetch(luc, "/api/v1/graph?purpose=" + PURPOSE + "&entity=" + encode("PERSON:Karim BENSAÏD"));
        HttpResponse<String> feed = fetch(keycloak.clientCredentials("feed-fr-dgpn", "demo-secret-fr-dgpn"),
                "/api/v1/graph?purpose=" + PURPOSE + "&entity=" + encode("PHONE:" + phone));

        assertThat(noPurpose.statusCode()).isEqualTo(400);
        assertThat(nameOnly.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(nameOnly.body()).path("detail").asString()).contains("birth date");
        assertThat(feed.statusCode()).as("a feed is no analyst").isEqualTo(403);
    }

    /**
     * The access rule inside every lookup of the graph, tried at random: four agencies' notices, markings drawn across
     * the range, values shared among them; callers of any agency, reach and clearance. Each graph is checked against the
     * policy applied to the notices as generated, which the test knows whole.
     */
    @Test
    void randomGraphsHoldNothingFromANoticeTheCallerMayNotRead() throws Exception {
        SplittableRandom seeded = new SplittableRandom(20261206L);
        Pools pools = new Pools(seeded);
        Map<UUID, Notice> notices = publishRandom(seeded, pools, 240);
        long started = System.nanoTime();
        Map<String, Set<UUID>> holders = new HashMap<>();
        notices.values().forEach(n -> n.entities().forEach(e -> MatchKeys.of(e, n.originAgency())
                .forEach(k -> holders.computeIfAbsent(k, x -> new HashSet<>()).add(n.noticeId()))));
        List<String> agencies = new ArrayList<>(RANDOM_AGENCIES.keySet());
        agencies.add("DE-GRAPH");
        int withSeveral = 0;
        int withPointers = 0;
        int truncated = 0;
        for (int i = 0; i < 1_000; i++) {
            Caller caller = caller(seeded, agencies);
            String start = pools.start(seeded);
            int depth = 1 + seeded.nextInt(3);
            int limit = 10 + seeded.nextInt(110);
            Graph graph = network.around(caller, start, depth, limit);
            String context = "case " + i + ": " + caller + " from " + start + " depth " + depth + " limit " + limit;

            Set<UUID> readable = notices.values().stream().filter(n -> policy.decide(caller, n.markings()).permitted())
                    .map(Notice::noticeId).collect(Collectors.toSet());
            assertThat(graph.read()).as(context).allMatch(readable::contains);
            assertThat(graph.edges()).as(context).filteredOn(e -> e.notice() != null)
                    .allMatch(e -> readable.contains(e.notice()));
            assertThat(graph.nodes()).as(context).filteredOn(n -> n.nodeKind() == Graph.NodeKind.NOTICE)
                    .allMatch(n -> readable.contains(UUID.fromString(n.details().get("noticeId"))));
            Set<String> shown = graph.read().stream().flatMap(id -> notices.get(id).entities().stream())
                    .map(Entity::value).collect(Collectors.toSet());
            assertThat(graph.nodes()).as(context + ": every entity as a notice shown names it")
                    .filteredOn(n -> n.nodeKind() == Graph.NodeKind.ENTITY && !n.id().equals("key:" + start))
                    .allMatch(n -> shown.contains(n.label()));
            assertThat(graph.nodes()).as(context + ": a protected person links nothing")
                    .filteredOn(n -> n.details().containsKey("protection")).allMatch(n -> n.key() == null);
            Set<String> named = graph.read().stream().flatMap(id -> notices.get(id).entities().stream()
                    .flatMap(e -> MatchKeys.of(e, notices.get(id).originAgency()).stream())).collect(Collectors.toSet());
            for (UUID pointed : graph.pointedAt()) {
                Notice behind = notices.get(pointed);
                assertThat(behind).as(context + ": a pointer stands for one of this test's notices").isNotNull();
                assertThat(readable).as(context).doesNotContain(pointed);
                assertThat(behind.markings().dissemination()).as(context).isNotEqualTo(Dissemination.SILENT);
                assertThat(behind.originAgency()).as(context).isNotEqualTo(caller.agency());
                assertThat(behind.entities().stream().flatMap(e -> MatchKeys.of(e, behind.originAgency()).stream()))
                        .as(context + ": it holds a key a notice shown names").anyMatch(named::contains);
            }
            Set<String> pointerCases = graph.pointedAt().stream().map(id -> notices.get(id).originAgency() + " "
                    + notices.get(id).caseRef()).collect(Collectors.toSet());
            assertThat(graph.nodes()).as(context).filteredOn(n -> n.nodeKind() == Graph.NodeKind.POINTER)
                    .allMatch(n -> pointerCases.contains(n.label() + " " + n.details().get("caseRef")));
            boolean startReadable = holders.getOrDefault(start, Set.of()).stream().anyMatch(readable::contains);
            assertThat(!startReadable || !graph.read().isEmpty() || graph.truncated())
                    .as(context + ": a readable notice holds the start, so the graph shows one").isTrue();
            withSeveral += graph.read().size() >= 2 ? 1 : 0;
            withPointers += graph.pointedAt().isEmpty() ? 0 : 1;
            truncated += graph.truncated() ? 1 : 0;
        }
        System.out.printf("GraphIT random: 1000 graphs in %d ms, %d of two notices or more, %d with pointers, %d truncated%n",
                (System.nanoTime() - started) / 1_000_000, withSeveral, withPointers, truncated);
        // Not vacuous: most graphs link several notices, many tell pointers, some meet the node limit.
        assertThat(withSeveral).as("graphs of two notices or more").isGreaterThan(300);
        assertThat(withPointers).as("graphs with pointers").isGreaterThan(100);
        assertThat(truncated).as("graphs the node limit stopped").isGreaterThan(10);
    }

    private static Caller caller(SplittableRandom random, List<String> agencies) {
        Set<String> regions = new HashSet<>();
        while (regions.isEmpty()) {
            REGIONS.stream().filter(r -> random.nextBoolean()).forEach(regions::add);
        }
        Set<Role> roles = random.nextInt(10) == 0 ? Set.of(Role.AGENCY_FEED) : Set.of(Role.ANALYST);
        return new Caller("random", agencies.get(random.nextInt(agencies.size())), regions,
                Classification.values()[random.nextInt(Classification.values().length)], roles);
    }

    /** Values the random notices share: persons by name and birth date, phones, accounts, companies; unique to the run. */
    private static final class Pools {

        private final List<Entity> persons = new ArrayList<>();
        private final List<Entity> phones = new ArrayList<>();
        private final List<Entity> ibans = new ArrayList<>();
        private final List<Entity> companies = new ArrayList<>();
        private final List<String> starts = new ArrayList<>();

        Pools(SplittableRandom random) {
            String run = Integer.toString(new SplittableRandom().nextInt(1_000_000), 36).toUpperCase();
            List<String> names = List.of("Karim BENSAÏD", "Fatima EL AMRANI", "Jean-Luc MOREAU", "Sofía GARCÍA", "Lukas BAUER",
                    "Yasmine OUAZZANI", "Pieter JANSSENS", "Inès LEFÈVRE");
            for (String name : names) {
                persons.add(new Entity(EntityKind.PERSON, name + " " + run, Map.of("birthDate",
                        "19" + (60 + random.nextInt(40)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10)), null, null));
            }
            int base = new SplittableRandom().nextInt(1_000_000, 8_000_000);
            for (int i = 0; i < 10; i++) {
                phones.add(new Entity(EntityKind.PHONE, "+3362" + (base + i * 7_919), Map.of()));
            }
            for (int i = 0; i < 8; i++) {
                ibans.add(new Entity(EntityKind.IBAN, iban(new SplittableRandom()), Map.of()));
            }
            for (int i = 0; i < 5; i++) {
                companies.add(new Entity(EntityKind.ASSET, "Société " + run + "-" + i, null, null, new Asset(AssetType.COMPANY,
                        Map.of("companyNumber", String.valueOf(100_000_000 + base + i)), null, "FR", null)));
            }
            for (List<Entity> pool : List.of(persons, phones, ibans, companies)) {
                pool.forEach(e -> starts.add(MatchKeys.of(e, "FR-GRAPH").getFirst()));
            }
        }

        String start(SplittableRandom random) {
            return starts.get(random.nextInt(starts.size()));
        }

        /** Two to five entities, one of them perhaps an owner of a company, now and then a protected witness. */
        Notice notice(SplittableRandom random, String agency, Markings markings) {
            List<Entity> entities = new ArrayList<>();
            List<Ownership> relations = new ArrayList<>();
            Set<String> values = new HashSet<>();
            int count = 2 + random.nextInt(4);
            while (entities.size() < count) {
                List<Entity> pool = List.of(persons, phones, ibans, companies).get(random.nextInt(4));
                Entity drawn = pool.get(random.nextInt(pool.size()));
                if (values.add(drawn.value())) {
                    entities.add(drawn);
                }
            }
            if (random.nextInt(3) == 0) {
                Entity owner = persons.get(random.nextInt(persons.size()));
                Entity company = companies.get(random.nextInt(companies.size()));
                entities.removeIf(e -> e.value().equals(owner.value()) || e.value().equals(company.value()));
                entities.add(new Entity(owner.kind(), owner.value(), owner.attributes(), "o1", null));
                entities.add(new Entity(company.kind(), company.value(), null, "c1", company.asset()));
                relations.add(new Ownership("o1", "c1", random.nextBoolean() ? Ownership.Kind.LEGAL : Ownership.Kind.BENEFICIAL,
                        BigDecimal.valueOf(1 + random.nextInt(100)), null, null));
            }
            if (random.nextInt(8) == 0) {
                StringBuilder hex = new StringBuilder();
                while (hex.length() < 24) {
                    hex.append(Integer.toHexString(random.nextInt(16)));
                }
                entities.add(new Entity(EntityKind.PERSON, "W-" + hex, Map.of(), null, null, ProtectedRole.WITNESS));
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            return new Notice(UUID.randomUUID(), NoticeType.values()[random.nextInt(NoticeType.values().length)],
                    "Réseau " + agency + " " + random.nextInt(10_000), "Avis généré pour le test du graphe.", "fr",
                    now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS), markings, "B", "2",
                    agency + "-" + random.nextInt(100_000), entities, relations, 1, NoticeStatus.ACTIVE);
        }
    }

    private Map<UUID, Notice> publishRandom(SplittableRandom random, Pools pools, int count) throws Exception {
        Map<String, KeyCredential> credentials = new HashMap<>();
        RANDOM_AGENCIES.forEach((agency, regions) -> credentials.put(agency, TestEnvelopes.agency(trust, agency, regions)));
        List<String> agencies = new ArrayList<>(RANDOM_AGENCIES.keySet());
        Map<UUID, Notice> notices = new LinkedHashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(SharedStack.kafka().operator().config(Map.of("acks", "all")),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String agency = agencies.get(random.nextInt(agencies.size()));
                List<String> regions = List.copyOf(RANDOM_AGENCIES.get(agency));
                String region = regions.get(random.nextInt(regions.size()));
                Set<String> releasableTo = new HashSet<>();
                if (random.nextInt(3) == 0) {
                    agencies.stream().filter(a -> random.nextBoolean()).forEach(releasableTo::add);
                    releasableTo.add(agency);
                }
                Markings markings = new Markings(region, agency, Classification.values()[random.nextInt(Classification.values().length)],
                        HandlingCode.H1, null, random.nextBoolean() ? Tlp.AMBER : Tlp.GREEN, releasableTo,
                        Dissemination.values()[random.nextInt(Dissemination.values().length)]);
                Notice notice = pools.notice(random, agency, markings);
                notices.put(notice.noticeId(), notice);
                byte[] envelope = TestEnvelopes.seal(new String(NoticeJson.write(notice), StandardCharsets.UTF_8),
                        credentials.get(agency), keys.regions().recipientCertificate(region).orElseThrow());
                producer.send(new ProducerRecord<>("synergie.notices." + region, notice.noticeId().toString(), envelope));
            }
            producer.flush();
        }
        await("the random notices indexed").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                notices.values().stream().allMatch(n -> index.fetch(n.noticeId(), new ReadScope(Set.copyOf(REGIONS),
                        EnumSet.allOf(Classification.class), n.originAgency())).isPresent()));
        return notices;
    }

    private JsonNode graph(String token, String entity, int depth) throws Exception {
        HttpResponse<String> response = fetch(token, "/api/v1/graph?purpose=" + PURPOSE + "&depth=" + depth + "&entity=" + encode(entity));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> noticeIds(JsonNode graph) {
        return StreamSupport.stream(graph.path("nodes").spliterator(), false).filter(n -> n.path("type").asString().equals("NOTICE"))
                .map(n -> n.path("details").path("noticeId").asString()).toList();
    }

    private static List<String> labels(JsonNode graph, String type) {
        return StreamSupport.stream(graph.path("nodes").spliterator(), false).filter(n -> n.path("type").asString().equals(type))
                .map(n -> n.path("label").asString()).toList();
    }

    private static List<String> pointers(JsonNode graph) {
        return StreamSupport.stream(graph.path("nodes").spliterator(), false).filter(n -> n.path("type").asString().equals("POINTER"))
                .map(n -> n.path("label").asString() + " " + n.path("details").path("caseRef").asString()).toList();
    }

    private UUID publish(String agency, String region, String classification, String dissemination, String caseRef,
                         String entities) throws Exception {
        KeyCredential credential = TestEnvelopes.agency(trust, agency, agency.equals("MA-DGSN") ? Set.of("MED")
                : agency.equals("BE-PJF") ? Set.of("EU-WEST") : Set.of("EU-WEST", "MED"));
        UUID id = UUID.randomUUID();
        String json = """
                {"noticeId": "%s", "originAgency": "%s", "region": "%s", "type": "DRUG_TRAFFICKING",
                 "title": "Réseau de revente — %s", "language": "fr", "issuedAt": "2026-11-28T10:00:00Z",
                 "classification": "%s", "handlingCode": "H1", "tlp": "AMBER", "releasableTo": [], "dissemination": "%s",
                 "caseRef": "%s", "entities": [
                %s
                ]}
                """.formatted(id, agency, region, caseRef, classification, dissemination, caseRef, entities);
        publishAsDemoFeed(agency, region, json, credential);
        return id;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A French IBAN with valid check digits (ISO 13616: mod 97 of the rearranged digits is 1). */
    private static String iban(SplittableRandom random) {
        StringBuilder bban = new StringBuilder();
        for (int i = 0; i < 23; i++) {
            bban.append(random.nextInt(10));
        }
        String digits = bban + "1527" + "00";
        int check = 98 - new BigInteger(digits).mod(BigInteger.valueOf(97)).intValue();
        return "FR" + (check < 10 ? "0" : "") + check + bban;
    }
}
