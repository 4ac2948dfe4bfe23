package eu.synergie.gateway;

import eu.synergie.core.envelope.NoticeSealer;
import eu.synergie.crypto.envelope.EnvelopeSealer;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.crypto.pki.Pkcs12;
import eu.synergie.infra.ElasticsearchNode;
import eu.synergie.infra.KafkaBroker;
import eu.synergie.infra.SharedStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two exchanges peered on real servers: this test JVM's exchange ({@value PeerExchange#HOME_NAME}, the shared
 * context) and a second one ({@value PeerExchange#NAME}, its own Kafka, Elasticsearch, CA and gateway process), with
 * MirrorMaker 2 between their clusters. The home exchange's EU-WEST goes to the peer's MED.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationIT extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PURPOSE = "FED-MED-2026-07";
    /** Runs of 200 notices crossing before the 200 measured (see the latency test). */
    private static final int WARM_UP_ROUNDS = 2;
    private static final String FEED = "feed-fr-dgpn";
    private static final String FEED_SECRET = "demo-secret-fr-dgpn";
    private static PeerExchange med;
    private static KeyCredential dgpn;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void peerBothWays(@org.springframework.beans.factory.annotation.Autowired eu.synergie.core.trust.TrustService trust)
            throws Exception {
        med = PeerExchange.get();
        dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        HttpClient http = HttpClient.newHttpClient();
        String admin = SharedStack.keycloak().passwordGrant("amelie.roux", "demo");
        String home = "http://localhost:" + java.net.URI.create(SharedStack.all().gatewayUrl()).getPort();
        JsonNode eu = JSON.readTree(call(http, admin, "GET", home + "/api/v1/trust/federation", null, 200));
        JsonNode peer = JSON.readTree(call(http, admin, "GET", med.url() + "/api/v1/trust/federation", null, 200));
        assertThat(eu.path("name").asString()).isEqualTo(PeerExchange.HOME_NAME);
        assertThat(peer.path("name").asString()).isEqualTo(PeerExchange.NAME);
        call(http, admin, "POST", home + "/api/v1/trust/peers", JSON.writeValueAsString(Map.of("name", PeerExchange.NAME,
                "rootPem", peer.path("rootPem").asString(), "rootSha256", peer.path("rootSha256").asString(),
                "federationPem", peer.path("federationPem").asString(), "sends", List.of("EU-WEST"), "receives", Map.of())), 201);
        call(http, admin, "POST", med.url() + "/api/v1/trust/peers", JSON.writeValueAsString(Map.of("name",
                PeerExchange.HOME_NAME, "rootPem", eu.path("rootPem").asString(), "rootSha256", eu.path("rootSha256").asString(),
                "federationPem", eu.path("federationPem").asString(), "sends", List.of(), "receives",
                Map.of("EU-WEST", "MED"))), 201);
    }

    /**
     * 200 notices marked for the peer, published through the home gateway at ten a second: each reaches the peer's
     * analysts of MED (its search), the time from the home exchange's 202 to the first search that finds it printed. Before
     * them, one not marked, one AMBER+STRICT and one RED marked all the same: on the one partition of the outbound topic,
     * had they left, they would be at the peer before the 200; neither its topic nor its index has them.
     */
    @Test
    @Order(1)
    void markedNoticesReachThePeersAnalystsAndVerifyThereWithOpensslAgainstTheHomeRoot(@TempDir Path openssl) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        UUID unmarked = UUID.randomUUID();
        UUID strict = UUID.randomUUID();
        UUID red = UUID.randomUUID();
        publish(notice(unmarked, "Non marquée " + run, "[]", "AMBER", "H1", "[]"));
        publish(notice(strict, "Stricte " + run, "[\"EXCH-MED\"]", "AMBER+STRICT", "H1", "[]"));
        publish(notice(red, "Rouge " + run, "[\"EXCH-MED\"]", "RED", "H1", "[\"MA-DGSN\"]"));

        // The peer has just started: a first run of 100 shows the cold figures. The target is the exchange at work, so
        // the 200 measured come after 400 more at the same pace. Why 400: run alone, the eight JVMs of both exchanges
        // (gateways, brokers, nodes, MirrorMakers) compile their code on the same two cores as they serve, and three
        // runs of 200 in a row gave p99 8.3, 5.4 and 3.9 s for the same load (7 December 2026); in the whole suite the
        // home stack has worked for twenty minutes before, and the first run of 200 gave 3.2-6.4 s in four runs.
        Crossing cold = cross(100, "FEDCOLD" + run);
        cold.print("cold, the peer just started, 100 notices", "");
        for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
            cross(200, "FEDWARM" + round + run).print("warming up, round " + round + " of " + WARM_UP_ROUNDS + ", 200 notices", "");
        }
        Crossing measured = cross(200, "FEDLAT" + run);
        measured.print("200 notices, after " + (100 + 200 * WARM_UP_ROUNDS) + " since the peer started",
                " (target p99 <= 5000 ms)");
        Map<UUID, Instant> accepted = measured.accepted();

        printStages(accepted);

        Map<String, byte[]> atPeer = inboundRecords();
        assertThat(atPeer.keySet()).doesNotContain(unmarked.toString(), strict.toString(), red.toString());
        for (UUID never : List.of(unmarked, strict, red)) {
            assertThat(peerIndexHas(never)).as("%s in the peer's index", never).isFalse();
        }

        UUID sample = accepted.keySet().iterator().next();
        assertOpensslOpensAndVerifiesAtThePeer(openssl, atPeer.get(sample.toString()), sample);
    }

    @Test
    @Order(2)
    void newVersionAndWithdrawalFollowTheNotice() throws Exception {
        UUID id = UUID.randomUUID();
        String v1 = notice(id, "Réseau de passeurs " + id, "[\"EXCH-MED\"]", "GREEN", "H1", "[]");
        publish(v1);
        await("version 1 at the peer").atMost(Duration.ofSeconds(60)).until(() -> peerVersion(id).equals("1 ACTIVE"));
        publish(TestEnvelopes.version(v1, 2, "ACTIVE"));
        await("version 2 at the peer").atMost(Duration.ofSeconds(60)).until(() -> peerVersion(id).equals("2 ACTIVE"));
        publish(TestEnvelopes.version(v1, 3, "WITHDRAWN"));
        await("the withdrawal at the peer").atMost(Duration.ofSeconds(60)).until(() -> peerVersion(id).equals("3 WITHDRAWN"));
    }

    /**
     * A protected witness crosses as the pseudonym it is; who it is can be asked only where its agency's approvers are:
     * the peer refuses a reveal request for it (FEDERATED_NOTICE) instead of holding one nobody can decide.
     */
    @Test
    @Order(2)
    void protectedPersonCrossesAsItsPseudonymAndItsRevealIsAskedOnlyAtHome() throws Exception {
        UUID id = UUID.randomUUID();
        String pseudonym = "W-" + java.util.HexFormat.of().formatHex(java.security.SecureRandom.getSeed(12));
        publish(notice(id, "Témoin protégé " + id, "[\"EXCH-MED\"]", "GREEN", "H1", "[]").replaceFirst("\"entities\": \\[",
                "\"entities\": [{\"kind\": \"PERSON\", \"value\": \"" + pseudonym + "\", \"protection\": {\"role\": \"WITNESS\"}}, "));
        await("the notice at the peer").atMost(Duration.ofSeconds(60)).until(() -> peerVersion(id).equals("1 ACTIVE"));

        String youssef = SharedStack.keycloak().passwordGrant("youssef.benali", "demo");
        String refused = call(http, youssef, "POST", med.url() + "/api/v1/notices/" + id + "/protected/" + pseudonym
                + "/reveal?purpose=" + PURPOSE, "{\"legalBasis\": \"Convention de Palerme, art. 18\", \"reason\": \"Témoin "
                + "utile à notre enquête.\"}", 409);
        assertThat(refused).contains("FEDERATED_NOTICE").contains("FR-DGPN");
    }

    /**
     * A revocation at home reaches the peer as the home exchange's signed trust event; from then the peer refuses a
     * notice signed after it (one the home exchange would refuse itself: here it is written to the outbound topic as a
     * forwarder racing the revocation would), and still takes one signed before it.
     */
    @Test
    @Order(3)
    void revocationAtHomeMakesThePeerRefuseWhatWasSignedAfterIt() throws Exception {
        KeyCredential revoked = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        X509Certificate peerRecipient = Pem.readCertificates(JSON.readTree(call(http, admin(), "GET",
                med.url() + "/api/v1/trust/federation", null, 200)).path("federationPem").asString()).getFirst();
        UUID before = UUID.randomUUID();
        byte[] signedBefore = signedData(notice(before, "Signée avant " + before, "[\"EXCH-MED\"]", "GREEN", "H1", "[]"), revoked);
        Thread.sleep(1100);
        String serial = revoked.certificate().getSerialNumber().toString(16);
        Instant revokedAt = Instant.now();
        call(http, admin(), "POST", "http://localhost:" + port + "/api/v1/trust/certificates/" + serial + "/revocation",
                "{\"reason\":\"KEY_COMPROMISE\"}", 200);
        await("the revocation in the peer's inbound topic").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> revokedAtPeer(inboundRecords().get("certificate:" + serial)));
        System.out.printf("FederationIT: revocation at home -> its trust event in the peer's cluster in %d ms (target <= 10000 ms)%n",
                Duration.between(revokedAt, Instant.now()).toMillis());
        Thread.sleep(1100);
        UUID after = UUID.randomUUID();
        byte[] signedAfter = signedData(notice(after, "Signée après " + after, "[\"EXCH-MED\"]", "GREEN", "H1", "[]"), revoked);

        try (KafkaProducer<String, byte[]> producer = producer(SharedStack.kafka())) {
            producer.send(new ProducerRecord<>("synergie.federation.out." + PeerExchange.NAME, after.toString(),
                    EnvelopeSealer.rewrap(signedAfter, List.of(peerRecipient)))).get();
            producer.send(new ProducerRecord<>("synergie.federation.out." + PeerExchange.NAME, before.toString(),
                    EnvelopeSealer.rewrap(signedBefore, List.of(peerRecipient)))).get();
        }

        await("the one signed before, at the peer").atMost(Duration.ofSeconds(60)).until(() -> peerIndexHas(before));
        await("the one signed after, refused by the peer").atMost(Duration.ofSeconds(30))
                .until(() -> call(http, admin(), "GET", med.url() + "/api/v1/admin/deadletters?recent=1000", null, 200),
                        body -> body.contains(after.toString()) && body.contains("CERTIFICATE_REVOKED"));
        assertThat(peerIndexHas(after)).isFalse();
    }

    /**
     * A phone number held by a notice at home (FR-DGPN) and one at the peer (MA-DGSN, written another way): both sides
     * exchange keyed hashes only; the home exchange opens a pending disclosure for FR-DGPN's approvers; one approval is
     * not enough, the same person twice is refused, another agency's approver cannot see it; the second approval sends
     * the pointer, which reaches MA-DGSN at the peer as an alert (agency, case reference, never the notice). A SILENT
     * notice sharing another number leaves no hashes and opens nothing. No bytes of either number on any federation topic.
     */
    @Test
    @Order(4)
    void sharedPhoneOpensAPendingDisclosureReleasedToThePeerByTwoApprovers(
            @org.springframework.beans.factory.annotation.Autowired eu.synergie.crypto.stamp.ExchangeSigner homeSigner) throws Exception {
        // French mobiles +33 6 followed by 10… to 38…: valid for libphonenumber. 6 39…, 6 90… to 6 94…, 6 96… and 6 97… are
        // not, and an invalid number correlates with nothing (no hashes, no disclosure): drawn from all of 10… to 99…,
        // 8 of the 90 starts, about one run in eleven, failed here for that alone (CI, 6 December 2026).
        String digits = String.valueOf(10_000_000 + new java.util.Random().nextInt(29_000_000));
        String silentDigits = String.valueOf(10_000_000 + new java.util.Random().nextInt(29_000_000));
        call(http, admin(), "POST", med.url() + "/api/v1/trust/peers", JSON.writeValueAsString(Map.of("name",
                PeerExchange.HOME_NAME, "rootPem", homeIdentity().path("rootPem").asString(), "rootSha256",
                homeIdentity().path("rootSha256").asString(), "federationPem", homeIdentity().path("federationPem").asString(),
                "sends", List.of("MED"), "receives", Map.of("EU-WEST", "MED"))), 201);
        KeyCredential dgsn = peerAgency("MA-DGSN");

        UUID home = UUID.randomUUID();
        UUID silent = UUID.randomUUID();
        publish(withPhone(notice(home, "Trafic de cannabis " + home, "[]", "AMBER", "H1", "[]"), "+33 6 " + spaced(digits),
                "POINTER").replace("\"caseRef\": \"PJ-MRS-2026-0412\"", "\"caseRef\": \"OFAST-2026-118\""));
        publish(withPhone(notice(silent, "Source sensible " + silent, "[]", "AMBER", "H1", "[]"), "+33 6 " + spaced(silentDigits),
                "SILENT"));
        await("the home notices indexed").atMost(Duration.ofSeconds(30)).until(() -> fetch(SharedStack.keycloak()
                .passwordGrant("claire.martin", "demo"), "/api/v1/notices/" + silent + "?purpose=" + PURPOSE).statusCode() == 200);
        UUID peer = UUID.randomUUID();
        UUID peerOfSilent = UUID.randomUUID();
        publishAtPeer(withPhone(peerNotice(peer, "Go-fast intercepté " + peer), "+336" + digits, "FULL"), dgsn);
        publishAtPeer(withPhone(peerNotice(peerOfSilent, "Appels suspects " + peerOfSilent), "+336" + silentDigits, "FULL"), dgsn);

        String nadia = SharedStack.keycloak().passwordGrant("nadia.girard", "demo");
        // Both notices' hashes must each cross to the other side first: as long as the slowest notice of the latency
        // test above, twice (its p99 reached 30 s on this machine), hence two minutes.
        JsonNode pending = await("a pending disclosure at home").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> disclosureFor(nadia, home), java.util.Objects::nonNull);
        assertThat(pending.path("kind").asString()).isEqualTo("POINTER_DISCLOSURE");
        assertThat(pending.path("agency").asString()).isEqualTo("FR-DGPN");
        assertThat(pending.path("recipient").asString()).isEqualTo(PeerExchange.NAME + ":" + peer);
        assertThat(pending.path("approvalsRequired").asInt()).isEqualTo(2);
        String id = pending.path("id").asString();
        assertThat(disclosureFor(nadia, silent)).as("a SILENT notice opens nothing").isNull();
        assertThat(call(http, SharedStack.keycloak().passwordGrant("an.devos", "demo"), "GET",
                "http://localhost:" + port + "/api/v1/approvals/" + id, null, 404)).contains("status");

        call(http, nadia, "POST", "http://localhost:" + port + "/api/v1/approvals/" + id + "/approval", null, 200);
        assertThat(call(http, nadia, "POST", "http://localhost:" + port + "/api/v1/approvals/" + id + "/approval", null, 409))
                .contains("ALREADY_APPROVED");
        Thread.sleep(2000);
        String youssef = SharedStack.keycloak().passwordGrant("youssef.benali", "demo");
        assertThat(call(http, youssef, "GET", med.url() + "/api/v1/alerts?limit=500", null, 200))
                .as("nothing at the peer after one approval").doesNotContain("OFAST-2026-118");

        // A pointer genuinely signed by the home exchange, for the peer's notice, but answering no hit the peer found:
        // sent before the real one on the same topic, it has been judged when the real one arrives, and delivers nothing.
        String forgedId = "hit:" + UUID.randomUUID().toString().replace("-", "");
        try (var producer = new KafkaProducer<>(SharedStack.kafka().operator().config(Map.of(ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("synergie.federation.out." + PeerExchange.NAME, "pointer:" + forgedId,
                    homeSigner.sign(new eu.synergie.core.federation.Pointer(PeerExchange.HOME_NAME, PeerExchange.NAME, forgedId,
                            peer, "FR-DGPN", "FORGED-CASE-7", Instant.now()).toJson()))).get();
        }
        call(http, SharedStack.keycloak().passwordGrant("paul.lefevre", "demo"), "POST",
                "http://localhost:" + port + "/api/v1/approvals/" + id + "/approval", null, 200);
        JsonNode alert = await("the pointer alert at the peer").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    for (JsonNode a : JSON.readTree(call(http, SharedStack.keycloak().passwordGrant("youssef.benali", "demo"),
                            "GET", med.url() + "/api/v1/alerts?limit=500", null, 200))) {
                        if (a.path("noticeId").asString().equals(peer.toString())) {
                            return a;
                        }
                    }
                    return null;
                }, java.util.Objects::nonNull);
        assertThat(alert.path("form").asString()).isEqualTo("POINTER");
        assertThat(call(http, SharedStack.keycloak().passwordGrant("youssef.benali", "demo"), "GET",
                med.url() + "/api/v1/alerts?limit=500", null, 200)).as("the pointer that answers no hit").doesNotContain("FORGED-CASE-7");
        assertThat(alert.path("otherAgency").asString()).isEqualTo("FR-DGPN @ " + PeerExchange.HOME_NAME);
        assertThat(alert.path("contactRef").asString()).isEqualTo("OFAST-2026-118");
        assertThat(alert.path("otherNoticeId").isNull() || alert.path("otherNoticeId").isMissingNode()).isTrue();

        List<ConsumerRecord<String, byte[]>> everything = new ArrayList<>();
        everything.addAll(records(SharedStack.kafka(), "synergie.federation.out." + PeerExchange.NAME));
        everything.addAll(records(SharedStack.kafka(), PeerExchange.NAME + ".synergie.federation.out."
                + PeerExchange.HOME_NAME));
        everything.addAll(records(med.kafka, "synergie.federation.out." + PeerExchange.HOME_NAME));
        everything.addAll(records(med.kafka, PeerExchange.inboundTopic()));
        assertThat(everything).extracting(ConsumerRecord::key).contains("hits:" + home, "hits:" + peer, "pointer:" + id)
                .doesNotContain("hits:" + silent);
        for (ConsumerRecord<String, byte[]> record : everything) {
            String bytes = new String(record.value(), StandardCharsets.ISO_8859_1) + record.key();
            assertThat(bytes).as("%s at %d of %s", record.key(), record.offset(), record.topic())
                    .doesNotContain(digits, silentDigits, spaced(digits), spaced(silentDigits));
        }
    }

    /**
     * The peer's cluster and gateway down for two minutes while the home exchange takes 5,000 notices marked for it: when
     * they are back, every one of them is in the peer's index once.
     */
    @Test
    @Order(5)
    void peerDownForTwoMinutesThenEveryNoticeArrivesOnce() throws Exception {
        String marker = "FEDOUT" + UUID.randomUUID().toString().substring(0, 8);
        med.gateway.stop(Duration.ofSeconds(10));
        med.kafka.stop(Duration.ofSeconds(10));
        Instant down = Instant.now();
        Set<UUID> sent = new HashSet<>();
        X509Certificate westRecipient = keys.regions().recipientCertificate("EU-WEST").orElseThrow();
        try (KafkaProducer<String, byte[]> producer = producer(SharedStack.kafka())) {
            for (int i = 0; i < 5000; i++) {
                UUID id = UUID.randomUUID();
                sent.add(id);
                producer.send(new ProducerRecord<>("synergie.notices.EU-WEST", id.toString(), NoticeSealer.seal(
                        notice(id, "Saisie d'avoirs " + marker, "[\"EXCH-MED\"]", "GREEN", "H1", "[]")
                                .getBytes(StandardCharsets.UTF_8), dgpn, westRecipient)));
            }
            producer.flush();
        }
        Duration left = Duration.ofMinutes(2).minus(Duration.between(down, Instant.now()));
        if (!left.isNegative()) {
            Thread.sleep(left.toMillis());
        }
        med.kafka.start(Duration.ofMinutes(2));
        Instant back = Instant.now();
        med.gateway.start(Duration.ofMinutes(4));
        await("5,000 notices at the peer").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2))
                .until(() -> peerIndexCount(marker) == 5000);
        System.out.printf("FederationIT: peer down %d s while 5,000 notices were published; all in its index %d s after its"
                + " Kafka was back%n", Duration.between(down, back).toSeconds(), Duration.between(back, Instant.now()).toSeconds());
        Map<String, Integer> copies = new HashMap<>();
        inboundRecordList().forEach(r -> copies.merge(r.key(), 1, Integer::sum));
        long duplicated = sent.stream().filter(id -> copies.getOrDefault(id.toString(), 0) > 1).count();
        System.out.printf("FederationIT: of 5,000, %d copied to the peer's topic more than once%n", duplicated);
        assertThat(sent).allSatisfy(id -> assertThat(copies.getOrDefault(id.toString(), 0)).isPositive());
        assertThat(duplicated).as("exactly once through MirrorMaker 2").isZero();
    }

    /** The peer removes the home exchange: a notice marked for it a second later never reaches its index. */
    @Test
    @Order(6)
    void unpeeringStopsTheFlowAtOnce() throws Exception {
        call(http, admin(), "DELETE", med.url() + "/api/v1/trust/peers/" + PeerExchange.HOME_NAME, null, 200);
        Thread.sleep(1000);
        UUID late = UUID.randomUUID();
        publish(notice(late, "Après la fin du pairage " + late, "[\"EXCH-MED\"]", "GREEN", "H1", "[]"));

        await("the late notice in the peer's cluster").atMost(Duration.ofSeconds(60)).until(() -> inboundRecords()
                .containsKey(late.toString()));
        await("refused by the peer").atMost(Duration.ofSeconds(30)).until(() -> call(http, admin(), "GET",
                med.url() + "/api/v1/admin/deadletters?recent=1000", null, 200), body -> body.contains(late.toString())
                && body.contains("PEER_NOT_ACTIVE"));
        assertThat(peerIndexHas(late)).isFalse();

        call(http, admin(), "DELETE", "http://localhost:" + port + "/api/v1/trust/peers/" + PeerExchange.NAME, null, 200);
        Thread.sleep(1000);
        UUID later = UUID.randomUUID();
        publish(notice(later, "Après le retrait " + later, "[\"EXCH-MED\"]", "GREEN", "H1", "[]"));
        await("indexed at home").atMost(Duration.ofSeconds(30)).until(() -> fetch(SharedStack.keycloak()
                .passwordGrant("claire.martin", "demo"), "/api/v1/notices/" + later + "?purpose=" + PURPOSE).statusCode() == 200);
        Thread.sleep(3000);
        assertThat(inboundRecords()).doesNotContainKey(later.toString());
    }

    /** What a run of notices marked for the peer took, from the home exchange's 202 to the peer's search finding each. */
    private record Crossing(Map<UUID, Instant> accepted, Map<UUID, Duration> latency, List<Long> rounds, String busy) {

        void print(String what, String target) {
            List<Long> millis = latency.values().stream().map(Duration::toMillis).sorted().toList();
            int n = millis.size();
            System.out.printf("FederationIT: home 202 -> found by the peer's search, %s: p50 %d ms, p99 %d ms, max %d ms%s;"
                    + " one round of the two searches at the peer took p50 %d ms, max %d ms; the machine's cores %s%n", what,
                    millis.get(n / 2), millis.get((int) Math.ceil(n * 0.99) - 1), millis.get(n - 1), target, median(rounds),
                    rounds.stream().max(Long::compare).orElse(0L), busy);
        }
    }

    /**
     * The machine's CPU time so far, busy and all, in clock ticks (Linux's {@code /proc/stat}); null elsewhere. Both
     * exchanges, both MirrorMakers and this test share the cores: how busy they were explains the latency printed.
     */
    private static long[] cpuTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                all += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {all - idle, all};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String busy(long[] before, long[] after) {
        if (before == null || after == null || after[1] == before[1]) {
            return "(not measured here)";
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format("%.0f %% busy (%d cores)", 100.0 * (after[0] - before[0]) / (after[1] - before[1]), cores);
    }

    /**
     * Publishes {@code count} notices marked for the peer through the home gateway at ten a second (a feed's pace: the
     * latency of each notice, not the queue of a burst), while the peer's search is asked all along, from before the
     * first notice: a notice's latency ends when a search finds it, not when the publishing is over.
     */
    private Crossing cross(int count, String marker) throws Exception {
        // A token per run: two runs may outlast one (5 minutes).
        String analyst = SharedStack.keycloak().passwordGrant("youssef.benali", "demo");
        Map<UUID, Instant> accepted = new ConcurrentHashMap<>();
        Map<UUID, Duration> latency = new ConcurrentHashMap<>();
        List<String> markers = List.of(marker + "A", marker + "B");
        List<Long> rounds = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> searchFailed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread searching = Thread.ofPlatform().name("federation-it-peer-search").start(() -> {
            HttpClient searchHttp = HttpClient.newHttpClient();
            try {
                while (latency.size() < count && !Thread.currentThread().isInterrupted()) {
                    long round = System.nanoTime();
                    for (String each : markers) {
                        for (JsonNode hit : JSON.readTree(call(searchHttp, analyst, "GET", med.url()
                                + "/api/v1/notices?size=100&purpose=" + PURPOSE + "&q=" + each, null, 200)).path("hits")) {
                            UUID id = UUID.fromString(hit.path("noticeId").asString());
                            Instant published = accepted.get(id);
                            if (published != null) {
                                assertThat(hit.path("region").asString()).isEqualTo("MED");
                                latency.putIfAbsent(id, Duration.between(published, Instant.now()));
                            }
                        }
                    }
                    rounds.add((System.nanoTime() - round) / 1_000_000);
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                searchFailed.set(e);
            }
        });
        long[] ticks = cpuTicks();
        Instant start = Instant.now();
        for (int i = 0; i < count; i++) {
            long due = start.plusMillis(100L * i).toEpochMilli() - System.currentTimeMillis();
            if (due > 0) {
                Thread.sleep(due);
            }
            UUID id = UUID.randomUUID();
            publish(notice(id, "Blanchiment transfrontalier " + markers.get(i % 2), "[\"EXCH-MED\"]", "GREEN", "H1", "[]"));
            accepted.put(id, Instant.now());
        }
        searching.join(Duration.ofMinutes(2));
        searching.interrupt();
        assertThat(searchFailed.get()).as("the peer's search").isNull();
        assertThat(latency).as("notices found by the peer's search").hasSize(count);
        return new Crossing(accepted, latency, rounds, busy(ticks, cpuTicks()));
    }

    /**
     * Where the time goes, per notice, median over the 200: home 202 → verified by the home indexer → appended to the
     * outbound topic → copied into the peer's cluster → verified by the peer → found by the peer's search.
     */
    private void printStages(Map<UUID, Instant> accepted) throws Exception {
        Map<String, Long> outbound = new HashMap<>();
        records(SharedStack.kafka(), "synergie.federation.out." + PeerExchange.NAME)
                .forEach(r -> outbound.putIfAbsent(r.key(), r.timestamp()));
        Map<String, Long> copied = new HashMap<>();
        inboundRecordList().forEach(r -> copied.putIfAbsent(r.key(), r.timestamp()));
        List<Long> indexedHome = new ArrayList<>();
        List<Long> leftHome = new ArrayList<>();
        List<Long> crossed = new ArrayList<>();
        List<Long> verifiedPeer = new ArrayList<>();
        List<Long> endToEnd = new ArrayList<>();
        for (Map.Entry<UUID, Instant> notice : accepted.entrySet()) {
            String id = notice.getKey().toString();
            long home = Instant.parse(document(SharedStack.elasticsearch(), notice.getKey()).path("provenance")
                    .path("verifiedAt").asString()).toEpochMilli();
            long peer = Instant.parse(peerDocument(notice.getKey()).path("provenance").path("verifiedAt").asString()).toEpochMilli();
            indexedHome.add(home - notice.getValue().toEpochMilli());
            leftHome.add(outbound.get(id) - home);
            crossed.add(copied.get(id) - outbound.get(id));
            verifiedPeer.add(peer - copied.get(id));
            endToEnd.add(peer - notice.getValue().toEpochMilli());
        }
        List<Long> sorted = endToEnd.stream().sorted().toList();
        System.out.printf("FederationIT: home 202 -> verified by the peer (before its index write and refresh, <= 1 s more):"
                + " p50 %d ms, p99 %d ms, max %d ms%n", sorted.get(99), sorted.get(197), sorted.get(199));
        System.out.printf("FederationIT: medians over 200, ms: 202 -> verified at home %d (the home indexer's batch, after"
                + " the 202), -> appended to the outbound topic %d, -> copied into the peer's cluster %d (MirrorMaker 2),"
                + " -> verified by the peer %d; the rest to the peer's search is its index refresh%n",
                median(indexedHome), median(leftHome), median(crossed), median(verifiedPeer));
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private JsonNode document(ElasticsearchNode elasticsearch, UUID id) throws Exception {
        JsonNode hits = JSON.readTree(elasticsearch.httpClient().send(elasticsearch.request("/notices/_search?q=noticeId:" + id,
                elasticsearch.gatewayUser()).build(), HttpResponse.BodyHandlers.ofString()).body()).path("hits").path("hits");
        return hits.isEmpty() ? null : hits.get(0).path("_source");
    }

    private JsonNode homeIdentity() throws Exception {
        return JSON.readTree(call(http, admin(), "GET", "http://localhost:" + port + "/api/v1/trust/federation", null, 200));
    }

    /** An agency of the peer with a key and a certificate its CA issued from a CSR, through the peer's trust API. */
    private KeyCredential peerAgency(String code) throws Exception {
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(med.url() + "/api/v1/trust/agencies"))
                .header("Authorization", "Bearer " + admin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\",\"name\":\"Agence " + code
                        + "\",\"regions\":[\"MED\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isIn(201, 409);
        java.security.KeyPair pair = eu.synergie.crypto.pki.Keys.generateEcP256();
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(med.url() + "/api/v1/trust/agencies/" + code
                + "/certificates")).header("Authorization", "Bearer " + admin()).header("Content-Type", "application/pkcs10")
                .POST(HttpRequest.BodyPublishers.ofByteArray(eu.synergie.crypto.pki.CertificateRequests.create(pair, code)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return new KeyCredential(pair.getPrivate(), Pem.readCertificates(issued.body()));
    }

    private void publishAtPeer(String json, KeyCredential agency) throws Exception {
        X509Certificate med = Pkcs12.read(FederationIT.med.home.resolve("keys/region-MED.p12"),
                FederationIT.med.keysPassword.toCharArray()).certificate();
        try (KafkaProducer<String, byte[]> producer = producer(FederationIT.med.kafka)) {
            producer.send(new ProducerRecord<>("synergie.notices.MED", json.substring(json.indexOf("\"noticeId\": \"") + 13,
                    json.indexOf("\"noticeId\": \"") + 49), NoticeSealer.seal(json.getBytes(StandardCharsets.UTF_8), agency, med))).get();
        }
    }

    private static String peerNotice(UUID id, String title) {
        return TestEnvelopes.notice(id, "MA-DGSN", "MED", title).replace("\"tlp\": \"AMBER\"", "\"tlp\": \"GREEN\"")
                .replace("\"handlingCode\": \"H2\"", "\"handlingCode\": \"H1\"");
    }

    /** The notice with one phone entity instead of its own entities, and the dissemination given. */
    private static String withPhone(String json, String phone, String dissemination) {
        return json.replaceAll("\"dissemination\": \"[A-Z]+\"", "\"dissemination\": \"" + dissemination + "\"")
                .replaceAll("(?s)\"entities\": \\[.*\\]", "\"entities\": [{\"kind\": \"PHONE\", \"value\": \"" + phone + "\"}]");
    }

    private static String spaced(String eightDigits) {
        return eightDigits.replaceAll("(..)(?!$)", "$1 ");
    }

    /** The caller's pending request for the disclosure of {@code noticeId}, or null. */
    private JsonNode disclosureFor(String approver, UUID noticeId) throws Exception {
        for (JsonNode request : JSON.readTree(call(http, approver, "GET", "http://localhost:" + port + "/api/v1/approvals",
                null, 200))) {
            if (request.path("noticeId").asString().equals(noticeId.toString())) {
                return request;
            }
        }
        return null;
    }

    private static List<ConsumerRecord<String, byte[]>> records(KafkaBroker kafka, String topic) {
        Map<String, Object> settings = kafka.operator().config(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private void assertOpensslOpensAndVerifiesAtThePeer(Path folder, byte[] envelope, UUID id) throws Exception {
        KeyCredential federation = Pkcs12.read(med.home.resolve("keys/federation.p12"), med.keysPassword.toCharArray());
        String homeRoot = JSON.readTree(call(http, admin(), "GET", "http://localhost:" + port + "/api/v1/trust/federation",
                null, 200)).path("rootPem").asString();
        Files.write(folder.resolve("envelope.der"), envelope);
        Files.writeString(folder.resolve("federation.pem"), Pem.certificates(List.of(federation.certificate())));
        Files.writeString(folder.resolve("federation-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(federation.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Files.writeString(folder.resolve("home-root.pem"), homeRoot);
        run(folder, "openssl", "cms", "-decrypt", "-inform", "DER", "-in", "envelope.der", "-recip", "federation.pem",
                "-inkey", "federation-key.pem", "-out", "signed.der");
        String verified = run(folder, "openssl", "cms", "-verify", "-inform", "DER", "-in", "signed.der",
                "-CAfile", "home-root.pem", "-out", "notice.json");
        assertThat(verified).contains("Verification successful");
        assertThat(Files.readString(folder.resolve("notice.json"))).contains(id.toString(), "\"federation\": [\"EXCH-MED\"]");
    }

    private static String run(Path folder, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s: %s", String.join(" ", command), output).isZero();
        return output;
    }

    private byte[] signedData(String json, KeyCredential agency) {
        byte[] envelope = NoticeSealer.seal(json.getBytes(StandardCharsets.UTF_8), agency,
                keys.regions().recipientCertificate("EU-WEST").orElseThrow());
        return new eu.synergie.core.envelope.NoticeOpener(keys.root(), keys.regions(), 1 << 20, java.time.Clock.systemUTC())
                .open(envelope).signedData();
    }

    /** Whether the latest trust record of a certificate the peer holds is its revocation (the signed JSON, read without checking). */
    private static boolean revokedAtPeer(byte[] trustRecord) throws Exception {
        return trustRecord != null && new String((byte[]) new org.bouncycastle.cms.CMSSignedData(trustRecord).getSignedContent()
                .getContent(), StandardCharsets.UTF_8).contains("\"REVOKED\"");
    }

    private String peerVersion(UUID id) throws Exception {
        JsonNode source = peerDocument(id);
        return source == null ? "" : source.path("version").asInt(1) + " " + source.path("status").asString();
    }

    private boolean peerIndexHas(UUID id) throws Exception {
        return peerDocument(id) != null;
    }

    private JsonNode peerDocument(UUID id) throws Exception {
        return document(med.elasticsearch, id);
    }

    private long peerIndexCount(String marker) throws Exception {
        ElasticsearchNode elasticsearch = med.elasticsearch;
        HttpResponse<String> response = elasticsearch.httpClient().send(elasticsearch.request("/notices/_count?q=title:"
                + URLEncoder.encode(marker, StandardCharsets.UTF_8), elasticsearch.gatewayUser()).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()).path("count").asLong() : -1;
    }

    /** The last record under each key of the peer's copy of what home sends it. */
    private Map<String, byte[]> inboundRecords() {
        Map<String, byte[]> byKey = new HashMap<>();
        inboundRecordList().forEach(r -> byKey.put(r.key(), r.value()));
        return byKey;
    }

    private List<ConsumerRecord<String, byte[]>> inboundRecordList() {
        return records(med.kafka, PeerExchange.inboundTopic());
    }

    private static String feedToken;
    private static Instant feedTokenAt = Instant.MIN;

    /** The feed's token, asked again after a minute (tokens live five). */
    private static synchronized String feedToken() {
        if (feedTokenAt.isBefore(Instant.now().minusSeconds(60))) {
            feedToken = SharedStack.keycloak().clientCredentials(FEED, FEED_SECRET);
            feedTokenAt = Instant.now();
        }
        return feedToken;
    }

    private void publish(String json) throws Exception {
        byte[] envelope = TestEnvelopes.seal(json, dgpn, keys.regions().recipientCertificate("EU-WEST").orElseThrow());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/api/v1/notices"))
                .header("Authorization", "Bearer " + feedToken())
                .header("Content-Type", "application/pkcs7-mime").POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private static String notice(UUID id, String title, String federation, String tlp, String handling, String releasableTo) {
        return TestEnvelopes.notice(id, "FR-DGPN", "EU-WEST", title)
                .replace("\"tlp\": \"AMBER\"", "\"tlp\": \"" + tlp + "\"")
                .replace("\"handlingCode\": \"H2\"", "\"handlingCode\": \"" + handling + "\"")
                .replace("\"releasableTo\": []", "\"releasableTo\": " + releasableTo + ", \"federation\": " + federation)
                .replace("\"dissemination\": \"POINTER\"", "\"dissemination\": \"FULL\"");
    }

    private static KafkaProducer<String, byte[]> producer(KafkaBroker kafka) {
        return new KafkaProducer<>(kafka.operator().config(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
    }

    private static String admin() {
        return SharedStack.keycloak().passwordGrant("amelie.roux", "demo");
    }

    private static String call(HttpClient http, String token, String method, String url, String body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, url, response.body()).isEqualTo(expected);
        return response.body();
    }
}
