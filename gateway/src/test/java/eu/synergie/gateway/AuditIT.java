package eu.synergie.gateway;

import eu.synergie.core.audit.AuditEventJson;
import eu.synergie.core.audit.kafka.KafkaAuditChain;
import eu.synergie.core.audit.kafka.KafkaAuditLog;
import eu.synergie.crypto.audit.ChainDefect;
import eu.synergie.crypto.audit.ChainVerification;
import eu.synergie.crypto.audit.HashChain;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.gateway.wiring.AuditProperties;
import eu.synergie.infra.LocalStack;
import eu.synergie.infra.SharedStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit log through the real Kafka, Elasticsearch and Keycloak: a search leaves exactly one event with
 * its purpose and the ids it returned, which an auditor finds and an analyst may not read; the chain walk
 * finds every kind of tampering at the entry that was tampered with.
 * <p>
 * How tampering is simulated: a Kafka topic cannot be edited in place, so the entries of {@code synergie.audit}
 * are copied, record by record, into fresh topics, one with an entry altered, one with a forged entry
 * inserted, one with an entry removed, and walked with the same {@link KafkaAuditChain} the endpoint uses.
 * Last, a forged entry is appended to {@code synergie.audit} itself and {@code GET /api/v1/audit/verify}
 * must report its offset: this gateway's chain stays broken from then on, so one test checks the chain untouched
 * first and then forges it, and the tests that read the chain's entries read them as they stood before any test
 * ran (after the class's notice, searches and their audit were in the log). Other tests (ForgedRecordsIT) append
 * forgeries of their own to the topic: these tests look at this gateway's own chain (the records keyed by its
 * writer), whatever else the topic holds. Each test stands alone, in any order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditIT extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID NOTICE = UUID.randomUUID();
    private static final String TOKEN = "audit" + NOTICE.toString().substring(0, 8);
    private static final String TITLE = "Fraude carrousel " + TOKEN;
    private static final String PURPOSE = "AUDIT-IT-" + UUID.randomUUID();
    private static LocalStack stack;

    @Autowired
    private KafkaAuditChain chain;

    @Autowired
    private AuditProperties audit;

    @Autowired
    private KafkaAuditLog auditLog;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** This gateway's own chain as it stood before any test ran, everything of the class's searches acknowledged. */
    private List<byte[]> untouched;

    /** A notice published and searchable, then claire's one search with {@link #PURPOSE}, all of it in the audit log. */
    @BeforeAll
    void publishSearchAndAwaitTheAudit() throws Exception {
        stack = SharedStack.all();
        KeyCredential dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        byte[] envelope = TestEnvelopes.seal(TestEnvelopes.notice(NOTICE, "FR-DGPN", "EU-WEST", TITLE), dgpn,
                keys.regions().recipientCertificate("EU-WEST").orElseThrow());
        HttpResponse<String> published = send(post("/api/v1/notices", stack.keycloak().clientCredentials("feed-fr-dgpn",
                "demo-secret-fr-dgpn"), envelope));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(202);
        String claire = stack.keycloak().passwordGrant("claire.martin", "demo");
        awaitSearchable(claire);

        HttpResponse<String> searched = send(get("/api/v1/notices?q=" + TOKEN + "&purpose=" + URLEncoder.encode(PURPOSE,
                StandardCharsets.UTF_8), claire));
        assertThat(searched.statusCode()).isEqualTo(200);
        assertThat(searched.body()).contains(NOTICE.toString());
        // Any event of this search was handed to the producer before the answer: once none is pending, all are in the log.
        awaitAcknowledged();
        untouched = ownEntries();
    }

    @Test
    void searchWritesExactlyOneEventWithPurposeAndReturnedIdsThatAuditorsFindAndAnalystsCannotRead() throws Exception {
        String claire = stack.keycloak().passwordGrant("claire.martin", "demo");
        String sophie = stack.keycloak().passwordGrant("sophie.lambert", "demo");
        String query = "/api/v1/audit?subject=claire.martin&action=SEARCH&noticeId=" + NOTICE + "&size=100";
        List<JsonNode> events = awaitEvents(sophie, query, PURPOSE);
        // Exactly one in the log itself.
        assertThat(untouched.stream().map(AuditEventJson::read).map(HashChain::eventOf)
                .filter(e -> PURPOSE.equals(e.get("purpose")))).hasSize(1);

        assertThat(events).hasSize(1);
        JsonNode event = events.getFirst();
        assertThat(event.path("agency").asString()).isEqualTo("FR-DGPN");
        assertThat(event.path("outcome").asString()).isEqualTo("SUCCESS");
        assertThat(event.path("query").path("text").asString()).isEqualTo(TOKEN);
        assertThat(event.path("query").path("total").asLong()).isEqualTo(1);
        assertThat(event.path("noticeIds").values()).extracting(JsonNode::asString).containsExactly(NOTICE.toString());
        assertThat(event.path("hash").asString()).matches("[0-9a-f]{64}");
        assertThat(event.toString()).as("no notice content in the audit").doesNotContain("Fraude").doesNotContain("Marseille");
        // Vouched for once this gateway's next signed checkpoint covers it (every checkpoint interval: 2 s in these tests).
        assertThat(Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> awaitEvents(sophie, query, PURPOSE).getFirst(),
                e -> e.path("verified").asBoolean()).path("hash").asString()).isEqualTo(event.path("hash").asString());

        HttpResponse<String> analyst = send(get(query, claire));
        assertThat(analyst.statusCode()).isEqualTo(403);
        assertThat(analyst.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(send(get("/api/v1/audit/verify", claire)).statusCode()).isEqualTo(403);
    }

    @Test
    void auditSearchWhenBadCriteriaThen400ProblemDetails() throws Exception {
        String hans = stack.keycloak().passwordGrant("hans.keller", "demo");
        HttpResponse<String> badAction = send(get("/api/v1/audit?action=READ", hans));
        HttpResponse<String> badTime = send(get("/api/v1/audit?from=yesterday", hans));

        assertThat(badAction.statusCode()).isEqualTo(400);
        assertThat(badAction.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(badAction.body()).contains("action must be one of");
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(badTime.body()).contains("from must be an ISO-8601 instant");
    }

    /**
     * One test, in this order, because the forged entry breaks this gateway's chain for good: first the chain as the
     * gateway wrote it has no defect, then a forged entry appended to the topic itself is reported at its offset.
     */
    @Test
    void verifyWhenChainUntouchedThenNoDefectOfItAndWhenForgedEntryAppendedThenItsOffsetIsReported() throws Exception {
        int total = entries(audit.topic(), null).size();
        HttpResponse<String> verified = send(get("/api/v1/audit/verify", stack.keycloak().passwordGrant("hans.keller", "demo")));

        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(verified.body());
        List<JsonNode> defects = body.path("defects").values().stream().toList();
        assertThat(defects).as(verified.body()).noneMatch(d -> auditLog.writer().equals(d.path("writer").asString()));
        assertThat(body.path("ok").asBoolean()).as(verified.body()).isEqualTo(defects.isEmpty());
        assertThat(body.path("entries").asLong()).isGreaterThanOrEqualTo(total);
        assertThat(ownEntries()).hasSizeGreaterThanOrEqualTo(2);

        forgedEntryAppendedToTheLogIsReportedAtItsOffset();
    }

    @Test
    void verifyWhenCopyOfTheLogIsFaithfulThenIntactElseTheTamperedEntryIsNamed() throws Exception {
        List<byte[]> log = untouched;
        assertThat(log).hasSizeGreaterThanOrEqualTo(3);
        // An event, not one of the writer's signed checkpoints, in the middle of the chain.
        int k = log.size() / 2;
        while (k > 0 && HashChain.isCheckpoint(AuditEventJson.read(log.get(k)))) {
            k--;
        }
        String run = UUID.randomUUID().toString().substring(0, 8);

        List<byte[]> faithful = new ArrayList<>(log);
        assertThat(chain.verify(copy("faithful-" + run, faithful))).isEqualTo(new ChainVerification.Intact(log.size(), 1));

        // Altered in place: the purpose of entry k rewritten, its hash left as it was.
        List<byte[]> altered = new ArrayList<>(log);
        altered.set(k, AuditEventJson.write(withEvent(log.get(k), e -> {
            e.put("purpose", "ALTERED");
            return e;
        }, false)));
        assertBroken(chain.verify(copy("altered-" + run, altered)), k, ChainDefect.ALTERED);

        // Altered and re-hashed: found through the next entry of the same chain, but named at k.
        List<byte[]> rehashed = new ArrayList<>(log);
        rehashed.set(k, AuditEventJson.write(withEvent(log.get(k), e -> {
            e.put("subject", "someone.else");
            return e;
        }, true)));
        assertBroken(chain.verify(copy("rehashed-" + run, rehashed)), k, nextOfSameWriter(log, k) < 0 ? -1 : k,
                ChainDefect.ALTERED);

        // Inserted: a well-formed forgery of entry k (same writer, same sequence, correct hash) just before it.
        List<byte[]> inserted = new ArrayList<>(log);
        inserted.add(k, AuditEventJson.write(withEvent(log.get(k), e -> {
            e.put("noticeIds", List.of(UUID.randomUUID().toString()));
            return e;
        }, true)));
        assertBroken(chain.verify(copy("inserted-" + run, inserted)), k, ChainDefect.INSERTED);

        // Removed: entry k left out; the break shows at the next entry of its chain, now one place earlier.
        List<byte[]> removed = new ArrayList<>(log);
        removed.remove(k);
        int next = nextOfSameWriter(log, k);
        if (next > 0) {
            assertBroken(chain.verify(copy("removed-" + run, removed)), next - 1, ChainDefect.REMOVED);
        }
        assertThat(next).as("entry k has a successor in its chain").isPositive();
    }

    /**
     * A forgery of this gateway's audited search (same writer, same sequence number, another purpose, a correct hash) is
     * reported by the walk, and the auditors' search still shows the genuine entry, never the forgery.
     */
    private void forgedEntryAppendedToTheLogIsReportedAtItsOffset() throws Exception {
        List<byte[]> log = ownEntries();
        byte[] genuine = log.stream().filter(entry -> PURPOSE.equals(HashChain.eventOf(AuditEventJson.read(entry)).get("purpose")))
                .findFirst().orElseThrow();
        String forgedPurpose = "FORGED-" + PURPOSE;
        byte[] forged = AuditEventJson.write(withEvent(genuine, e -> {
            e.put("purpose", forgedPurpose);
            return e;
        }, true));
        long offset;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            RecordMetadata written = producer.send(new ProducerRecord<>(audit.topic(), 0, null, forged)).get();
            offset = written.offset();
        }

        HttpResponse<String> verified = send(get("/api/v1/audit/verify", stack.keycloak().passwordGrant("sophie.lambert", "demo")));

        assertThat(verified.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(verified.body());
        assertThat(body.path("ok").asBoolean()).as(verified.body()).isFalse();
        List<JsonNode> atOffset = body.path("defects").values().stream().filter(d -> d.path("position").asLong() == offset).toList();
        assertThat(atOffset).as(verified.body()).hasSize(1);
        assertThat(atOffset.getFirst().path("reason").asString()).isEqualTo("INSERTED");
        assertThat(atOffset.getFirst().path("writer").asString()).isEqualTo(auditLog.writer());
        assertThat(atOffset.getFirst().path("detail").asString()).doesNotContain(forgedPurpose);
        assertThat(body.path("counts").path("INSERTED").asLong()).as(verified.body()).isPositive();

        // A search audited after the forgery: once the auditors find it, the indexer has read past the forgery.
        String claire = stack.keycloak().passwordGrant("claire.martin", "demo");
        String marker = "AUDIT-IT-MARKER-" + UUID.randomUUID();
        assertThat(send(get("/api/v1/notices?q=" + TOKEN + "&purpose=" + URLEncoder.encode(marker, StandardCharsets.UTF_8),
                claire)).statusCode()).isEqualTo(200);
        String sophie = stack.keycloak().passwordGrant("sophie.lambert", "demo");
        String query = "/api/v1/audit?subject=claire.martin&action=SEARCH&noticeId=" + NOTICE + "&size=100";
        awaitEvents(sophie, query, marker);
        List<JsonNode> shown = purposeOf(send(get(query, sophie)).body(), PURPOSE);
        assertThat(shown).singleElement().satisfies(e -> {
            assertThat(e.path("hash").asString()).isEqualTo(AuditEventJson.read(genuine).get("hash"));
            assertThat(e.path("verified").asBoolean()).isTrue();
        });
        assertThat(purposeOf(send(get(query, sophie)).body(), forgedPurpose)).isEmpty();
    }

    private static void assertBroken(ChainVerification verification, long position, ChainDefect defect) {
        assertBroken(verification, position, position, defect);
    }

    private static void assertBroken(ChainVerification verification, long position, long expected, ChainDefect defect) {
        assertThat(verification).isInstanceOfSatisfying(ChainVerification.Broken.class, broken -> {
            assertThat(broken.position()).as(broken.detail()).isEqualTo(expected < 0 ? position : expected);
            assertThat(broken.defect()).as(broken.detail()).isEqualTo(defect);
        });
    }

    /** The entry's event changed by {@code change}; re-hashed like a careful forger would, or not. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withEvent(byte[] stored, UnaryOperator<Map<String, Object>> change, boolean rehash) {
        Map<String, Object> entry = new LinkedHashMap<>(AuditEventJson.read(stored));
        entry.put("event", change.apply(new LinkedHashMap<>((Map<String, Object>) entry.get("event"))));
        if (rehash) {
            entry.put("hash", HashChain.hashOf(entry));
        }
        return entry;
    }

    private static int nextOfSameWriter(List<byte[]> log, int k) {
        String writer = HashChain.linkOf(AuditEventJson.read(log.get(k))).orElseThrow().writer();
        for (int i = k + 1; i < log.size(); i++) {
            if (HashChain.linkOf(AuditEventJson.read(log.get(i))).orElseThrow().writer().equals(writer)) {
                return i;
            }
        }
        return -1;
    }

    /** The records of this gateway's own chain (keyed by its writer), in offset order. */
    private List<byte[]> ownEntries() {
        return entries(audit.topic(), auditLog.writer());
    }

    /** Every record of the topic's partition 0 under {@code key} (every record when null), in offset order. */
    private static List<byte[]> entries(String topic, String key) {
        Map<String, Object> config = stack.kafka().operator().config(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<byte[]> records = new ArrayList<>();
            long[] read = {0};
            // In this thread: a consumer is not for several threads, and Awaitility would poll in one of its own.
            await("read " + topic + " to its end offset " + end + " (last position)").atMost(Duration.ofSeconds(30))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ZERO).pollInSameThread()
                    .until(() -> {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                            if (record.offset() < end) {
                                read[0]++;
                                if (key == null || key.equals(record.key())) {
                                    records.add(record.value());
                                }
                            }
                        }
                        return consumer.position(partition);
                    }, position -> position >= end);
            assertThat(read[0]).as("the whole topic was read").isEqualTo(end);
            return records;
        }
    }

    /** A new topic holding {@code records} in order, from offset 0. */
    private String copy(String name, List<byte[]> records) throws Exception {
        // Under synergie.*: the gateway reads it back with its own principal, whose ACLs stop there.
        String topic = "synergie.audit-copy-" + name;
        try (Admin admin = Admin.create(stack.kafka().operator().config())) {
            // As the audit topic itself: stamped with the broker's append time, the only time the walk trusts.
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("message.timestamp.type", "LogAppendTime"))))
                    .all().get();
        }
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (byte[] record : records) {
                producer.send(new ProducerRecord<>(topic, 0, null, record));
            }
            producer.flush();
        }
        return topic;
    }

    private static KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = stack.kafka().operator().config(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private void awaitAcknowledged() {
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(auditLog.pending()).as("audit entries awaiting the broker").isZero());
    }

    private void awaitSearchable(String token) {
        await("notice " + NOTICE + " searchable (last answer: status and body)").atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    HttpResponse<String> response = send(get("/api/v1/notices?q=" + TOKEN + "&purpose=AUDIT-IT-WAIT", token));
                    return response.statusCode() + " " + response.body();
                }, last -> last.startsWith("200 ") && last.contains(NOTICE.toString()));
    }

    private List<JsonNode> awaitEvents(String token, String query, String purpose) {
        String found = await("an audit event with purpose " + purpose + " (last answer: status and body)")
                .atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    HttpResponse<String> response = send(get(query, token));
                    return response.statusCode() + " " + response.body();
                }, last -> last.startsWith("200 ") && !purposeOf(last.substring(4), purpose).isEmpty());
        return purposeOf(found.substring(4), purpose);
    }

    private static List<JsonNode> purposeOf(String body, String purpose) {
        return JSON.readTree(body).path("records").values().stream()
                .filter(r -> purpose.equals(r.path("purpose").asString())).toList();
    }

    private HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + token).build();
    }

    private HttpRequest post(String path, String token, byte[] body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/pkcs7-mime").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
