package eu.synergie.gateway;

import eu.synergie.core.envelope.NoticeSealer;
import eu.synergie.core.ingestion.kafka.NoticeTopicListener;
import eu.synergie.core.trust.RevocationReason;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.infra.ElasticsearchNode;
import eu.synergie.infra.SharedStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The indexer on the real stack: duplicates, versions, withdrawal, a forged envelope among good ones
 * written straight to the log, envelopes that fail the publish rule written straight to the log, and
 * Elasticsearch going away in the middle of ingestion.
 */
class IngestionIT extends GatewayIntegrationTest {

    private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");

    @Autowired
    private KafkaListenerEndpointRegistry listeners;
    @Autowired
    private NoticeTopicListener indexer;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void batchWhenGoodAndBadLinesThenOneStatusPerLineInOrderAndGoodOnesIndexed() throws Exception {
        KeyCredential dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        String token = "flux" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            byte[] envelope = seal(TestEnvelopes.notice(UUID.randomUUID(), "FR-DGPN", "EU-WEST", "Flux " + token + " " + i), dgpn);
            body.append("{\"envelope\":\"").append(java.util.Base64.getEncoder().encodeToString(envelope)).append("\"}\n");
            if (i == 10) {
                body.append("not json\n");
            }
            if (i == 20) {
                body.append("{\"envelope\":\"@@@\"}\n");
            }
            if (i == 30) {
                body.append("{\"envelope\":\"").append(java.util.Base64.getEncoder().encodeToString("garbage".getBytes()))
                        .append("\"}\n");
            }
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/api/v1/notices/batch"))
                .header("Authorization", "Bearer " + SharedStack.keycloak().clientCredentials("feed-fr-dgpn", "demo-secret-fr-dgpn"))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = response.body().lines().toList();
        assertThat(lines).hasSize(53);
        assertThat(lines.get(11)).contains("\"line\":12").contains("\"status\":400").contains("MALFORMED_LINE");
        assertThat(lines.get(22)).contains("\"line\":23").contains("\"status\":400").contains("not base64");
        assertThat(lines.get(33)).contains("\"line\":34").contains("\"status\":400").contains("MALFORMED_ENVELOPE");
        assertThat(lines.stream().filter(l -> l.contains("\"status\":202")).count()).isEqualTo(50);
        assertThat(awaitTotal(token, n -> n >= 50)).isEqualTo(50);

        // Every publication is audited before its 202, and the lines settled together share one PUBLISH record that
        // names each of their notices (how many settle together is the machine's timing: BatchPublishControllerTest
        // checks the grouping itself); none missing, none named twice.
        List<String> published = new ArrayList<>();
        Matcher id = Pattern.compile("\"noticeId\":\"([0-9a-f-]{36})\"").matcher(response.body());
        while (id.find()) {
            published.add(id.group(1));
        }
        assertThat(published).hasSize(50);
        String auditor = SharedStack.keycloak().passwordGrant("sophie.lambert", "demo");
        Map<String, List<String>> records = new HashMap<>();
        for (String notice : published) {
            JsonNode found = await("the PUBLISH record of " + notice).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> JsonMapper.builder().build().readTree(http.send(HttpRequest.newBuilder(
                            api("/api/v1/audit?action=PUBLISH&noticeId=" + notice)).header("Authorization", "Bearer " + auditor)
                            .build(), HttpResponse.BodyHandlers.ofString()).body()).path("records"), r -> r.size() == 1);
            assertThat(found.get(0).path("agency").asString()).isEqualTo("FR-DGPN");
            records.put(found.get(0).path("hash").asString(), found.get(0).path("noticeIds").values().stream()
                    .map(JsonNode::asString).toList());
        }
        assertThat(records.values().stream().flatMap(List::stream).sorted().toList())
                .as("the notices the PUBLISH records name").isEqualTo(published.stream().sorted().toList());
        System.out.printf("IngestionIT: 50 notices of one batch published under %d audit records%n", records.size());
    }

    @Test
    void rebuildWhenRequestedThenNewGenerationFromTheLogServesTheSameNotices() throws Exception {
        KeyCredential dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        X509Certificate med = keys.regions().recipientCertificate("MED").orElseThrow();
        String token = "rebatir" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 30; i++) {
            String json = TestEnvelopes.notice(UUID.randomUUID(), "FR-DGPN", "MED", "Rebâtir " + token + " " + i);
            assertThat(publish(NoticeSealer.seal(json.getBytes(StandardCharsets.UTF_8), dgpn, med)).statusCode()).isEqualTo(202);
        }
        assertThat(awaitTotal(token, n -> n >= 30)).isEqualTo(30);
        String before = aliasTarget("notices-med");

        String admin = SharedStack.keycloak().passwordGrant("amelie.roux", "demo");
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(api("/api/v1/admin/rebuild/MED"))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String progress = await("the rebuild of MED done (last progress)").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> http.send(HttpRequest.newBuilder(api("/api/v1/admin/rebuild")).header("Authorization", "Bearer " + admin)
                        .build(), HttpResponse.BodyHandlers.ofString()).body(), body -> {
                    assertThat(body).doesNotContain("FAILED"); // fails at once, not at the timeout
                    return body.contains("\"DONE\"");
                });
        assertThat(progress).contains("\"DONE\"");
        assertThat(aliasTarget("notices-med")).isNotEqualTo(before).startsWith("notices-med-g");
        assertThat(total(token)).isEqualTo(30);
    }

    private static String aliasTarget(String alias) throws Exception {
        ElasticsearchNode node = SharedStack.elasticsearch();
        String body = node.httpClient().send(node.request("/_alias/" + alias, node.gatewayUser()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"(notices-[^\"]+)\"\\s*:").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }

    /**
     * The second copy's fate is known once the indexer is past it: a marker produced after both copies to their
     * partition is searchable (so anything the copies wrote to the index is visible), and the indexers' group has
     * committed past the second copy (so any dead letter of it was acknowledged first).
     */
    @Test
    void duplicateDeliveryThenOneDocumentAndNoDeadLetter() throws Exception {
        KeyCredential dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        UUID id = UUID.randomUUID();
        String token = "doublon" + id.toString().substring(0, 8);
        byte[] envelope = seal(TestEnvelopes.notice(id, "FR-DGPN", "EU-WEST", "Escroquerie " + token), dgpn);
        UUID marker = UUID.randomUUID();
        String markerToken = "apres" + marker.toString().substring(0, 8);
        long deadBefore = deadLetterTotal();
        RecordMetadata second;
        try (var producer = producer()) {
            RecordMetadata first = producer.send(new ProducerRecord<>("synergie.notices.EU-WEST", id.toString(), envelope)).get();
            second = producer.send(new ProducerRecord<>("synergie.notices.EU-WEST", id.toString(), envelope)).get();
            producer.send(new ProducerRecord<>("synergie.notices.EU-WEST", first.partition(), marker.toString(),
                    seal(TestEnvelopes.notice(marker, "FR-DGPN", "EU-WEST", "Repère " + markerToken), dgpn))).get();
        }
        assertThat(awaitTotal(token, n -> n >= 1)).isEqualTo(1);
        assertThat(awaitTotal(markerToken, n -> n >= 1)).as("the marker produced after both copies").isEqualTo(1);
        awaitIndexerPast(second);
        assertThat(total(token)).isEqualTo(1);
        assertThat(deadLetterTotal()).isEqualTo(deadBefore);
    }

    @Test
    void newerVersionReplacesAndWithdrawalRemoves() throws Exception {
        KeyCredential dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        UUID id = UUID.randomUUID();
        String first = "premiere" + id.toString().substring(0, 8);
        String second = "seconde" + id.toString().substring(0, 8);
        String v1 = TestEnvelopes.notice(id, "FR-DGPN", "EU-WEST", "Trafic " + first);
        assertThat(publish(seal(v1, dgpn)).statusCode()).isEqualTo(202);
        assertThat(awaitTotal(first, n -> n == 1)).isEqualTo(1);

        String v2 = TestEnvelopes.version(TestEnvelopes.notice(id, "FR-DGPN", "EU-WEST", "Trafic " + second), 2, "ACTIVE");
        assertThat(publish(seal(v2, dgpn)).statusCode()).isEqualTo(202);
        assertThat(awaitTotal(second, n -> n == 1)).isEqualTo(1);
        assertThat(total(first)).as("the first version is replaced").isZero();

        String v3 = TestEnvelopes.version(TestEnvelopes.notice(id, "FR-DGPN", "EU-WEST", "Trafic " + second), 3, "WITHDRAWN");
        assertThat(publish(seal(v3, dgpn)).statusCode()).isEqualTo(202);
        assertThat(awaitTotal(second, n -> n == 0)).as("withdrawn").isZero();
    }

    @Test
    void forgedEnvelopeAmongGoodOnesThenDeadLetteredWithReasonAndGoodOnesIndexed() throws Exception {
        KeyCredential dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        CertificateAuthority rogueCa = CertificateAuthority.createRoot("Rogue CA", Duration.ofDays(1));
        KeyPair rogueKeys = Keys.generateEcP256();
        KeyCredential forger = new KeyCredential(rogueKeys.getPrivate(),
                rogueCa.chainOf(rogueCa.issueAgencyCertificate("FR-DGPN", rogueKeys.getPublic(), Duration.ofDays(1))));
        String token = "lot" + UUID.randomUUID().toString().substring(0, 8);
        UUID good1 = UUID.randomUUID();
        UUID forged = UUID.randomUUID();
        UUID good2 = UUID.randomUUID();
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>("synergie.notices.EU-WEST", good1.toString(),
                    seal(TestEnvelopes.notice(good1, "FR-DGPN", "EU-WEST", "Bon " + token), dgpn)));
            producer.send(new ProducerRecord<>("synergie.notices.EU-WEST", forged.toString(),
                    seal(TestEnvelopes.notice(forged, "FR-DGPN", "EU-WEST", "Faux " + token), forger)));
            producer.send(new ProducerRecord<>("synergie.notices.EU-WEST", good2.toString(),
                    seal(TestEnvelopes.notice(good2, "FR-DGPN", "EU-WEST", "Bon " + token), dgpn)));
            producer.flush();
        }
        assertThat(awaitTotal(token, n -> n >= 2)).isEqualTo(2);
        String report = awaitDeadLetter(forged.toString());
        assertThat(report).contains("UNKNOWN_SIGNER");
    }

    /**
     * The indexer is the last gate (issue 13, 1b): produced straight onto a region topic, past the gateway, an
     * envelope of an agency that is not a member of the region, one of a suspended agency and one signed with a
     * revoked certificate are never searchable, and each is a dead letter with its reason. A marker produced
     * after them to the same partition proves their absence: once it is searchable, the indexer has judged them.
     */
    @Test
    void producedStraightToTheTopicWhenThePublishRuleFailsThenNeverSearchableAndDeadLetteredWithItsReason() throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        KeyCredential outsider = TestEnvelopes.agency(trust, "XN-" + run, Set.of("MED"));
        KeyCredential suspended = TestEnvelopes.agency(trust, "XS-" + run, Set.of("EU-WEST"));
        trust.suspend("XS-" + run, "it");
        KeyCredential revoked = TestEnvelopes.agency(trust, "XR-" + run, Set.of("EU-WEST"));
        trust.revoke(TrustRegistry.serialOf(revoked.certificate()), RevocationReason.SUPERSEDED, null, "it");
        KeyCredential dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));

        String token = "portail" + run.toLowerCase();
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, byte[]> envelopes = new LinkedHashMap<>();
        for (var bad : List.of(Map.entry("XN-" + run, outsider), Map.entry("XS-" + run, suspended), Map.entry("XR-" + run, revoked))) {
            UUID id = UUID.randomUUID();
            envelopes.put(id.toString(), seal(TestEnvelopes.notice(id, bad.getKey(), "EU-WEST", "Refusé " + token), bad.getValue()));
        }
        List<String> ids = List.copyOf(envelopes.keySet());
        expected.put(ids.get(0), "NOT_A_MEMBER");
        expected.put(ids.get(1), "AGENCY_SUSPENDED");
        expected.put(ids.get(2), "CERTIFICATE_REVOKED");
        UUID marker = UUID.randomUUID();
        String markerToken = "repere" + run.toLowerCase();
        envelopes.put(marker.toString(), seal(TestEnvelopes.notice(marker, "FR-DGPN", "EU-WEST", "Repère " + markerToken), dgpn));
        try (var producer = producer()) {
            for (var envelope : envelopes.entrySet()) { // one partition, in this order: the marker is judged last
                producer.send(new ProducerRecord<>("synergie.notices.EU-WEST", 0, envelope.getKey(), envelope.getValue())).get();
            }
        }

        Map<String, String> reasons = new HashMap<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(total(markerToken)).as("the marker, produced after the three").isEqualTo(1);
            reasons.clear();
            for (JsonNode letter : JsonMapper.builder().build().readTree(deadLetters()).get("recent")) {
                if (expected.containsKey(letter.get("noticeKey").asString())) {
                    reasons.put(letter.get("noticeKey").asString(), letter.get("reason").asString());
                }
            }
            assertThat(reasons).as("dead letters by notice id").containsOnlyKeys(expected.keySet());
        });
        assertThat(reasons).isEqualTo(expected);
        assertThat(total(token)).as("none of the three is searchable").isZero();
    }

    @Test
    void indexerStoppedInTheMiddleOfALargeBatchThenEveryNoticeFoundExactlyOnceAfterRestart() throws Exception {
        KeyCredential dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        String token = "reprise" + UUID.randomUUID().toString().substring(0, 8);
        int count = 2000;
        List<byte[]> envelopes = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            envelopes.add(seal(TestEnvelopes.notice(id, "FR-DGPN", "EU-WEST", "Reprise " + token + " " + i), dgpn));
        }
        MessageListenerContainer indexer = listeners.getListenerContainer("synergie-indexer");
        try (var producer = producer()) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>("synergie.notices.EU-WEST", ids.get(i).toString(), envelopes.get(i)));
            }
            producer.flush();
        }
        awaitTotal(token, n -> n > 0);
        indexer.stop();
        long whileStopped = total(token);
        assertThat(whileStopped).as("stopped in the middle").isBetween(1L, (long) count - 1);
        indexer.start();
        assertThat(awaitTotal(token, n -> n >= count)).isEqualTo(count);
    }

    private byte[] seal(String json, KeyCredential agency) {
        X509Certificate region = keys.regions().recipientCertificate("EU-WEST").orElseThrow();
        return NoticeSealer.seal(json.getBytes(StandardCharsets.UTF_8), agency, region);
    }

    /**
     * As a large agency's feed that produces straight to Kafka: its own principal, allowed to write its region's topic
     * and nothing else. What it writes is checked by the exchange like anything else (signer, region, rules).
     */
    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(SharedStack.kafka().feed("FR-DGPN", List.of("EU-WEST")).config(Map.of("acks", "all")),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Hits for {@code text} until {@code done} holds for them; fails after 60 s naming the text and the last count (-1: search unavailable). */
    private long awaitTotal(String text, Predicate<Long> done) {
        return await("hits for '" + text + "'").atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(300)).until(() -> total(text), total -> total >= 0 && done.test(total));
    }

    /** Until the indexers' group has committed past {@code record}: the batch that held it was indexed and dead-lettered. */
    private void awaitIndexerPast(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(SharedStack.kafka().operator().config())) {
            await("the offset committed by " + indexer.groupId() + " on " + partition + " past " + record.offset())
                    .atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(indexer.groupId())
                                .partitionsToOffsetAndMetadata().get().get(partition);
                        return committed == null ? -1 : committed.offset();
                    }, committed -> committed > record.offset());
        }
    }

    /** The number of hits for {@code text} as analyst claire.martin, or -1 while search is unavailable. */
    private long total(String text) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/api/v1/notices?size=1&purpose=IT-INGEST&q="
                        + URLEncoder.encode(text, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + SharedStack.keycloak().passwordGrant("claire.martin", "demo")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return -1;
        }
        Matcher m = TOTAL.matcher(response.body());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private long deadLetterTotal() throws Exception {
        Matcher m = TOTAL.matcher(deadLetters());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private String awaitDeadLetter(String key) {
        String report = await("a dead letter for " + key + " (last report)").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(300)).until(this::deadLetters, last -> last.contains(key));
        return report.substring(report.indexOf(key) - 20, Math.min(report.length(), report.indexOf(key) + 200));
    }

    private String deadLetters() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/api/v1/admin/deadletters?recent=1000"))
                .header("Authorization", "Bearer " + SharedStack.keycloak().passwordGrant("amelie.roux", "demo")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> publish(byte[] envelope) throws Exception {
        return http.send(HttpRequest.newBuilder(api("/api/v1/notices"))
                .header("Authorization", "Bearer " + SharedStack.keycloak().clientCredentials("feed-fr-dgpn", "demo-secret-fr-dgpn"))
                .header("Content-Type", "application/pkcs7-mime").POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
