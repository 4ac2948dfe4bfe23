package eu.synergie.gateway;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditEventJson;
import eu.synergie.core.audit.AuditOutcome;
import eu.synergie.core.audit.kafka.KafkaAuditLog;
import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.integrity.Rejection;
import eu.synergie.core.matching.Alert;
import eu.synergie.core.matching.AlertLog;
import eu.synergie.core.matching.MatchingJson;
import eu.synergie.core.matching.MatchingRecords;
import eu.synergie.core.matching.Watchlist;
import eu.synergie.core.matching.WatchlistLog;
import eu.synergie.core.matching.Watchlists;
import eu.synergie.core.matching.kafka.KafkaMatchingLogs;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import eu.synergie.core.trust.CertificateRecord;
import eu.synergie.core.trust.RevocationReason;
import eu.synergie.core.trust.TrustEvent;
import eu.synergie.core.trust.TrustEventJson;
import eu.synergie.core.trust.TrustLog;
import eu.synergie.core.trust.TrustLogReader;
import eu.synergie.core.trust.TrustRecords;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.core.trust.kafka.TrustFollower;
import eu.synergie.crypto.audit.ChainDefect;
import eu.synergie.crypto.audit.HashChain;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.stamp.Forgeries;
import eu.synergie.crypto.stamp.ExchangeMac;
import eu.synergie.crypto.stamp.ExchangeSignatures;
import eu.synergie.crypto.stamp.ExchangeSigner;
import eu.synergie.gateway.observability.CountedLogAlarm;
import eu.synergie.gateway.wiring.AuditProperties;
import eu.synergie.gateway.wiring.TrustFollowing;
import eu.synergie.infra.SharedStack;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.KeyGenerator;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, 1c, tried as someone who can write to the broker: forged, replayed and unsigned records are produced
 * with a plain Kafka producer to {@code synergie.trust}, {@code synergie.audit}, {@code synergie.watchlists} and
 * {@code synergie.alerts}. None takes effect, and each is reported: a WARN line naming topic, offset and key
 * (never the content) and the counter {@code synergie.logs.rejected{topic, reason}}. Each test waits, with
 * Awaitility, for a genuine record the exchange writes after the forged ones, rather than sleeping.
 */
class ForgedRecordsIT extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Caller CLAIRE = new Caller("claire.martin", "FR-DGPN", Set.of("EU-WEST", "MED"),
            Classification.CONFIDENTIAL, Set.of(Role.ANALYST));

    @Autowired
    private TrustFollowing trustFollowing;
    @Autowired
    private ExchangeSigner signer;
    @Autowired
    private AuditProperties audit;
    @Autowired
    private KafkaMatchingLogs matchingLogs;
    @Autowired
    private MatchingRecords matchingRecords;
    @Autowired
    private Watchlists watchlists;
    @Autowired
    private MeterRegistry meters;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();

    @BeforeEach
    void listen() {
        warnings.start();
        ((Logger) LoggerFactory.getLogger(CountedLogAlarm.class)).addAppender(warnings);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(CountedLogAlarm.class)).detachAppender(warnings);
    }

    @Test
    void trustWhenIssuedRecordReplayedAfterRevocationOrForgedOrUnsignedThenTheCertificateStaysRevokedEverywhere() throws Exception {
        KeyCredential bka = TestEnvelopes.agency(trust, "DE-BKA", Set.of("EU-CENTRAL"));
        String serial = TrustRegistry.serialOf(bka.certificate());
        String key = "certificate:" + serial;
        byte[] issued = firstValue(TrustLog.TOPIC, key);
        CertificateRecord revoked = trust.revoke(serial, RevocationReason.KEY_COMPROMISE, null, "forged-records-it");
        CertificateRecord unrevoked = new CertificateRecord(serial, revoked.agency(), revoked.pem(), revoked.notBefore(),
                revoked.notAfter(), null);
        byte[] unsignedJson = TrustEventJson.write(new TrustEvent.CertificateChanged(TrustEvent.CertificateChanged.Kind.ISSUED,
                unrevoked, Instant.now(), "forger", 3));
        Map<Rejection, Double> before = counts(TrustLog.TOPIC);

        List<Long> forged = produce(TrustLog.TOPIC,
                record(key, issued),                                      // the genuine ISSUED record, after its REVOKED
                record(key, unsignedJson),                                 // unsigned, with a higher version
                record(key, Forgeries.signedData(bka, unsignedJson)),                  // signed, by the agency's own key
                record("certificate:" + serial + "0", issued),             // genuine, under another key
                record(key, null));                                        // a tombstone
        String marker = "ZZ-M" + run;
        trust.register(marker, "Forged records marker", Set.of("MED"), "forged-records-it");

        // Another instance, reading the log from its start as it would after a restart.
        TrustRegistry second = new TrustRegistry();
        List<Rejection> secondAlarms = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (TrustFollower follower = new TrustFollower(consumer(), new TrustLogReader(second, TrustRecords.reader(
                new ExchangeSignatures(keys.root(), keys::logSignerCertificates), new Freshness(Duration.ofMinutes(5))),
                (topic, k, offset, reason, detail) -> {
                    if (offset >= forged.getFirst()) {
                        secondAlarms.add((Rejection) reason);
                    }
                }))) {
            follower.start(Duration.ofSeconds(30));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> second.agency(marker).isPresent());
            assertThat(second.certificate(serial)).hasValueSatisfying(c -> assertThat(c.revoked()).isTrue());
            assertThat(secondAlarms).containsExactlyInAnyOrder(Rejection.REPLAYED, Rejection.UNSIGNED, Rejection.FORGED,
                    Rejection.MISKEYED, Rejection.UNSIGNED);
        }
        trustFollowing.follower().catchUp(Duration.ofSeconds(10));

        assertThat(trust.registry().certificate(serial)).hasValueSatisfying(c -> assertThat(c.revoked()).isTrue());
        String feed = SharedStack.keycloak().clientCredentials("feed-de-bka", "demo-secret-de-bka");
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(api("/api/v1/notices")).header("Authorization", "Bearer " + feed)
                .header("Content-Type", "application/pkcs7-mime").POST(HttpRequest.BodyPublishers.ofByteArray(TestEnvelopes.seal(
                        TestEnvelopes.notice(UUID.randomUUID(), "DE-BKA", "EU-CENTRAL", "Nach der Fälschung"), bka,
                        keys.regions().recipientCertificate("EU-CENTRAL").orElseThrow()))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("CERTIFICATE_REVOKED");
        HttpResponse<byte[]> crl = http.send(HttpRequest.newBuilder(api("/api/v1/trust/crl")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.body())))
                .isRevoked(bka.certificate())).isTrue();
        assertThat(increase(TrustLog.TOPIC, before)).containsExactlyInAnyOrderEntriesOf(Map.of(Rejection.REPLAYED, 1.0,
                Rejection.UNSIGNED, 2.0, Rejection.FORGED, 1.0, Rejection.MISKEYED, 1.0));
        assertWarned(TrustLog.TOPIC, forged, "BEGIN CERTIFICATE", revoked.pem().substring(40, 80));
        assertThat(prometheus()).contains("synergie_logs_rejected_total{reason=\"REPLAYED\",topic=\"synergie.trust\"}");

        // The key's last record was the tombstone, which compaction would keep: the exchange appended the revocation again.
        TrustRecords reading = TrustRecords.reader(new ExchangeSignatures(keys.root(), keys::logSignerCertificates),
                new Freshness(Duration.ofMinutes(5)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ConsumerRecord<String, byte[]> last = records(TrustLog.TOPIC).reversed().stream().filter(r -> key.equals(r.key()))
                    .findFirst().orElseThrow();
            assertThat(last.offset()).isGreaterThan(forged.getLast());
            assertThat(reading.read(key, last.value(), Instant.ofEpochMilli(last.timestamp())))
                    .isInstanceOfSatisfying(TrustRecords.Read.Valid.class, valid -> assertThat(valid.event()).isEqualTo(
                            trust.registry().current(key).orElseThrow()));
        });
    }

    @Test
    void auditWhenChainExtendedAfterItsFinalCheckpointOrACheckpointForgedThenVerifyReportsEach() throws Exception {
        String closedWriter = "it-closed-" + run;
        try (KafkaAuditLog closed = new KafkaAuditLog(new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new ByteArraySerializer()), audit.topic(), closedWriter, 100,
                new KafkaAuditLog.Checkpoints(signer::signDetached, 1000, Duration.ofHours(1)))) {
            closed.append(event("forged.records.it"));
            closed.append(event("forged.records.it"));
        }
        List<Map<String, Object>> chain = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records(audit.topic())) {
            if (closedWriter.equals(record.key())) {
                chain.add(AuditEventJson.read(record.value()));
            }
        }
        Map<String, Object> finalCheckpoint = chain.getLast();
        assertThat(chain).hasSize(3);
        assertThat(HashChain.checkpointOf(finalCheckpoint)).hasValueSatisfying(c -> assertThat(c.last()).isTrue());
        Map<String, Object> extension = HashChain.entry(closedWriter, 3, (String) finalCheckpoint.get("hash"),
                AuditEventJson.toJson(event("nobody")));
        String forgerWriter = "it-forger-" + run;
        Map<String, Object> start = HashChain.entry(forgerWriter, 0, HashChain.GENESIS, AuditEventJson.toJson(event("nobody")));
        Map<String, Object> borrowedCheckpoint = HashChain.entry(forgerWriter, 1, (String) start.get("hash"),
                HashChain.eventOf(finalCheckpoint));
        Map<ChainDefect, Double> before = counts(audit.topic(), ChainDefect.values());

        List<Long> forged = produce(audit.topic(),
                record(closedWriter, AuditEventJson.write(extension)),
                record(forgerWriter, AuditEventJson.write(start)),
                record(forgerWriter, AuditEventJson.write(borrowedCheckpoint)),
                record(null, "not an audit entry".getBytes()));

        HttpResponse<String> verified = http.send(HttpRequest.newBuilder(api("/api/v1/audit/verify")).header("Authorization",
                "Bearer " + SharedStack.keycloak().passwordGrant("sophie.lambert", "demo")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(verified.body());
        assertThat(body.path("ok").asBoolean()).isFalse();
        Map<Long, JsonNode> defects = new HashMap<>();
        body.path("defects").values().forEach(d -> defects.put(d.path("position").asLong(), d));
        JsonNode extended = defects.get(forged.get(0));
        JsonNode borrowed = defects.get(forged.get(2));
        JsonNode junk = defects.get(forged.get(3));
        assertThat(extended).as(verified.body()).isNotNull();
        assertThat(extended.path("reason").asString()).isEqualTo("FORGED");
        assertThat(extended.path("writer").asString()).isEqualTo(closedWriter);
        assertThat(extended.path("detail").asString()).contains("final signed checkpoint").doesNotContain("nobody");
        assertThat(borrowed).as(verified.body()).isNotNull();
        assertThat(borrowed.path("reason").asString()).isEqualTo("FORGED");
        assertThat(borrowed.path("writer").asString()).isEqualTo(forgerWriter);
        assertThat(junk).as(verified.body()).isNotNull();
        assertThat(junk.path("reason").asString()).isEqualTo("MALFORMED");
        assertThat(defects.values()).as("the closed writer's own entries are intact, up to its final checkpoint")
                .noneMatch(d -> d.path("position").asLong() < forged.getFirst() && closedWriter.equals(d.path("writer").asString()));
        assertThat(increase(audit.topic(), before)).containsEntry(ChainDefect.FORGED, 2.0).containsEntry(ChainDefect.MALFORMED, 1.0);
        assertWarned(audit.topic(), List.of(forged.get(0), forged.get(2), forged.get(3)), "nobody");
    }

    /**
     * The auditors' index takes only entries that continue their writer's chain: a forgery under a genuine writer and a
     * sequence number already taken does not replace the genuine entry, an entry that does not link is not searchable,
     * and a chain nobody signed is shown unverified.
     */
    @Test
    void auditIndexWhenForgedEntriesTakeAGenuineSequenceOrDoNotLinkThenAuditorsFindOnlyTheGenuineOnes() throws Exception {
        String subject = "genuine.it." + run.toLowerCase();
        String writer = "it-genuine-" + run;
        try (KafkaAuditLog genuine = new KafkaAuditLog(new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new ByteArraySerializer()), audit.topic(), writer, 100,
                new KafkaAuditLog.Checkpoints(signer::signDetached, 1000, Duration.ofHours(1)))) {
            genuine.append(event(subject));
            genuine.append(event(subject));
        }
        List<Map<String, Object>> chain = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records(audit.topic())) {
            if (writer.equals(record.key())) {
                chain.add(AuditEventJson.read(record.value()));
            }
        }
        assertThat(chain).hasSize(3);
        String sophie = SharedStack.keycloak().passwordGrant("sophie.lambert", "demo");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> auditRecordsOnceSearchable(sophie, subject),
                found -> found.size() == 2 && found.stream().allMatch(r -> r.path("verified").asBoolean()));

        Map<String, Object> taken = new java.util.LinkedHashMap<>(chain.get(1));
        Map<String, Object> takenEvent = new java.util.LinkedHashMap<>(HashChain.eventOf(chain.get(1)));
        takenEvent.put("purpose", "FORGED-" + run);
        taken.put("event", takenEvent);
        taken.put("hash", HashChain.hashOf(taken));
        String unlinkedWriter = "it-unlinked-" + run;
        Map<String, Object> unlinked = HashChain.entry(unlinkedWriter, 4, "ab".repeat(32), AuditEventJson.toJson(event("unlinked.it." + run.toLowerCase())));
        String freshWriter = "it-fresh-" + run;
        Map<String, Object> fresh = HashChain.entry(freshWriter, 0, HashChain.GENESIS, AuditEventJson.toJson(event("fresh.it." + run.toLowerCase())));
        Map<ChainDefect, Double> before = counts(audit.topic(), ChainDefect.values());

        List<Long> forged = produce(audit.topic(),
                record(writer, AuditEventJson.write(taken)),
                record(unlinkedWriter, AuditEventJson.write(unlinked)),
                record(freshWriter, AuditEventJson.write(fresh)));
        String marker = "marker.it." + run.toLowerCase();
        try (KafkaAuditLog markers = new KafkaAuditLog(new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new ByteArraySerializer()), audit.topic(), "it-marker-" + run, 100,
                new KafkaAuditLog.Checkpoints(signer::signDetached, 1000, Duration.ofHours(1)))) {
            markers.append(event(marker));
        }
        // One partition, read in order: once the marker is searchable, the indexer has judged every forgery.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> auditRecordsOnceSearchable(sophie, marker).size() == 1);

        List<JsonNode> shown = auditRecords(sophie, subject);
        assertThat(shown).extracting(r -> r.path("sequence").asLong(), r -> r.path("hash").asString(), r -> r.path("purpose").asString(),
                        r -> r.path("verified").asBoolean())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(0L, chain.get(0).get("hash"), "IT-FORGERY", true),
                        org.assertj.core.groups.Tuple.tuple(1L, chain.get(1).get("hash"), "IT-FORGERY", true));
        assertThat(auditRecords(sophie, "unlinked.it." + run.toLowerCase())).isEmpty();
        assertThat(auditRecords(sophie, "fresh.it." + run.toLowerCase())).singleElement()
                .satisfies(r -> assertThat(r.path("verified").asBoolean()).as("a chain nobody signed").isFalse());
        assertThat(increase(audit.topic(), before)).containsEntry(ChainDefect.INSERTED, 1.0).containsEntry(ChainDefect.REMOVED, 1.0);
        assertWarned(audit.topic(), forged.subList(0, 2), "FORGED-" + run);
    }

    /**
     * {@link #auditRecords}, none while the audit index cannot be searched yet (503: its shard is still being allocated
     * when this test runs first in its JVM), for waiting on.
     */
    private List<JsonNode> auditRecordsOnceSearchable(String token, String subject) throws Exception {
        return auditRecords(token, subject, true);
    }

    /** The auditors' search for {@code subject}. */
    private List<JsonNode> auditRecords(String token, String subject) throws Exception {
        return auditRecords(token, subject, false);
    }

    private List<JsonNode> auditRecords(String token, String subject, boolean waiting) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/api/v1/audit?subject=" + subject + "&size=100"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (waiting && response.statusCode() == 503) {
            return List.of();
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("records").values().stream().toList();
    }

    @Test
    void watchlistsWhenDeletedOneReplayedOrForgedOnesAppendedThenNoneInForceAndNoneFires() throws Exception {
        String claire = SharedStack.keycloak().passwordGrant("claire.martin", "demo");
        String phone = randomPhone();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(api("/api/v1/watchlists")).header("Authorization", "Bearer " + claire)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"Deleted " + run + "\", \"values\": [{\"kind\": \"PHONE\", \"value\": \"" + phone + "\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String deleted = JSON.readTree(created.body()).path("id").asString();
        assertThat(http.send(HttpRequest.newBuilder(api("/api/v1/watchlists/" + deleted)).header("Authorization", "Bearer " + claire)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
        byte[] genuineCreate = firstValue(WatchlistLog.TOPIC, deleted);
        Watchlist injected = Watchlist.create(CLAIRE, "Injected " + run, List.of(Map.entry("PHONE", phone)), null, Set.of(),
                Set.of(), Instant.now());
        byte[] injectedJson = MatchingJson.writeWatchlist(new MatchingJson.WatchlistState(injected.id(), injected));
        Map<Rejection, Double> before = counts(WatchlistLog.TOPIC);

        List<Long> forged = produce(WatchlistLog.TOPIC,
                record(deleted, genuineCreate),                                     // the deleted watchlist, again
                record(injected.id(), injectedJson),                                // unauthenticated
                record(injected.id(), new ExchangeMac(aesKey(), java.time.Clock.systemUTC()).seal(injectedJson)), // another key
                record(deleted, null));                                             // a bare tombstone
        Watchlist marker = Watchlist.create(CLAIRE, "Marker " + run, List.of(Map.entry("PHONE", phone)), null, Set.of(),
                Set.of(), Instant.now());
        matchingLogs.put(marker);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> watchlists.get(marker.id()).isPresent());

        assertThat(watchlists.get(deleted)).isEmpty();
        assertThat(watchlists.get(injected.id())).isEmpty();
        HttpResponse<String> listed = http.send(HttpRequest.newBuilder(api("/api/v1/watchlists")).header("Authorization", "Bearer " + claire)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(listed.body()).contains(marker.id()).doesNotContain(deleted).doesNotContain(injected.id());
        assertThat(increase(WatchlistLog.TOPIC, before)).containsExactlyInAnyOrderEntriesOf(Map.of(Rejection.REPLAYED, 1.0,
                Rejection.UNSIGNED, 2.0, Rejection.FORGED, 1.0));
        assertWarned(WatchlistLog.TOPIC, forged, phone);

        // A notice with the watched phone: the genuine watchlist fires, neither the deleted nor the injected one does.
        UUID notice = publishWithPhone(phone);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> alerts(claire).stream()
                .anyMatch(a -> marker.id().equals(a.path("watchlistId").asString()) && notice.toString().equals(a.path("noticeId").asString())));
        assertThat(alerts(claire)).filteredOn(a -> notice.toString().equals(a.path("noticeId").asString())
                        && "WATCHLIST".equals(a.path("kind").asString()))
                .extracting(a -> a.path("watchlistId").asString()).containsOnly(marker.id());
        matchingLogs.delete(marker.id());
    }

    @Test
    void alertsWhenInjectedUnsignedForgedReplayedOrMiskeyedThenNoneReachesTheAnalyst() throws Exception {
        String claire = SharedStack.keycloak().passwordGrant("claire.martin", "demo");
        Alert genuine = hit("genuine-" + run, "REF-GENUINE-" + run);
        Alert phishing = hit("phishing-" + run, "Call +33 1 70 00 00 00 and give your password");
        matchingLogs.append(List.of(genuine));
        byte[] genuineRecord = null;
        for (ConsumerRecord<String, byte[]> record : records(AlertLog.TOPIC)) {
            if (matchingRecords.readAlert(record.key(), record.value(), Instant.now()) instanceof MatchingRecords.Read.Valid<Alert> valid
                    && valid.value().id().equals(genuine.id())) {
                genuineRecord = record.value();
            }
        }
        assertThat(genuineRecord).isNotNull();
        byte[] phishingJson = MatchingJson.writeAlert(phishing);
        Map<Rejection, Double> before = counts(AlertLog.TOPIC);

        List<Long> forged = produce(AlertLog.TOPIC,
                record("FR-DGPN", phishingJson),                                                         // unauthenticated
                record("FR-DGPN", new ExchangeMac(aesKey(), java.time.Clock.systemUTC()).seal(phishingJson)), // another key
                record("FR-DGPN", genuineRecord),                                                        // the same record again
                record("BE-PJF", genuineRecord));                                                        // to another agency
        Alert marker = hit("marker-" + run, "REF-MARKER-" + run);
        matchingLogs.append(List.of(marker));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> alerts(claire).stream()
                .anyMatch(a -> marker.id().equals(a.path("id").asString())));

        List<JsonNode> shown = alerts(claire);
        assertThat(shown).noneMatch(a -> phishing.id().equals(a.path("id").asString()));
        assertThat(shown).noneMatch(a -> a.toString().contains("password"));
        assertThat(shown).filteredOn(a -> genuine.id().equals(a.path("id").asString())).hasSize(1);
        assertThat(increase(AlertLog.TOPIC, before)).containsExactlyInAnyOrderEntriesOf(Map.of(Rejection.UNSIGNED, 1.0,
                Rejection.FORGED, 1.0, Rejection.REPLAYED, 1.0, Rejection.MISKEYED, 1.0));
        assertWarned(AlertLog.TOPIC, forged, "password");
    }

    /** A hit for FR-DGPN on one of its EU-WEST notices, which claire may read, as a pointer to ES-CNP. */
    private static Alert hit(String id, String contactRef) {
        Markings markings = new Markings("EU-WEST", "FR-DGPN", Classification.RESTRICTED, HandlingCode.H1, null, Tlp.AMBER,
                Set.of(), Dissemination.FULL);
        return new Alert.Hit(id, "FR-DGPN", Instant.now(), UUID.randomUUID(), markings, "IBAN", "FR7630006000011234567890189",
                Alert.Form.POINTER, null, "ES-CNP", null, contactRef);
    }

    private UUID publishWithPhone(String phone) throws Exception {
        KeyCredential dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        UUID id = UUID.randomUUID();
        String json = TestEnvelopes.notice(id, "FR-DGPN", "EU-WEST", "Go-fast " + run).replace(
                "{\"kind\": \"PERSON\", \"value\": \"Jean DUPONT\"",
                "{\"kind\": \"PHONE\", \"value\": \"" + phone + "\"}, {\"kind\": \"PERSON\", \"value\": \"Jean DUPONT\"");
        String feed = SharedStack.keycloak().clientCredentials("feed-fr-dgpn", "demo-secret-fr-dgpn");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/api/v1/notices")).header("Authorization", "Bearer " + feed)
                .header("Content-Type", "application/pkcs7-mime").POST(HttpRequest.BodyPublishers.ofByteArray(TestEnvelopes.seal(json,
                        dgpn, keys.regions().recipientCertificate("EU-WEST").orElseThrow()))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return id;
    }

    private List<JsonNode> alerts(String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/api/v1/alerts?limit=500"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).values().stream().toList();
    }

    /** Each forged record was warned about once, at its offset, without its content. */
    private void assertWarned(String topic, List<Long> offsets, String... content) {
        List<String> lines = warnings.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(" of " + topic + " ")).toList();
        for (long offset : offsets) {
            assertThat(lines).as("a warning for offset " + offset).anyMatch(m -> m.contains("offset " + offset + " "));
        }
        for (String secret : content) {
            assertThat(lines).noneMatch(m -> m.contains(secret));
        }
    }

    private Map<Rejection, Double> counts(String topic) {
        return counts(topic, Rejection.values());
    }

    private <E extends Enum<E>> Map<E, Double> counts(String topic, E[] reasons) {
        Map<E, Double> counts = new HashMap<>();
        for (E reason : reasons) {
            Counter counter = meters.find("synergie.logs.rejected").tags("topic", topic, "reason", reason.name()).counter();
            counts.put(reason, counter == null ? 0 : counter.count());
        }
        return counts;
    }

    /** How much each reason's counter grew since {@code before}; reasons that did not grow are left out. */
    private <E extends Enum<E>> Map<E, Double> increase(String topic, Map<E, Double> before) {
        Map<E, Double> grown = new HashMap<>();
        @SuppressWarnings("unchecked")
        E[] reasons = (E[]) before.keySet().iterator().next().getDeclaringClass().getEnumConstants();
        counts(topic, reasons).forEach((reason, now) -> {
            if (now > before.get(reason)) {
                grown.put(reason, now - before.get(reason));
            }
        });
        return grown;
    }

    private String prometheus() throws Exception {
        String token = SharedStack.keycloak().clientCredentials("synergie-prometheus", "demo-secret-prometheus");
        return http.send(HttpRequest.newBuilder(api("/actuator/prometheus")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static AuditEvent event(String subject) {
        return new AuditEvent(Instant.now(), AuditAction.SEARCH, subject, "FR-DGPN", "IT-FORGERY",
                new AuditEvent.Query("x", Map.of(), 0), List.of(), List.of(), null, AuditOutcome.SUCCESS);
    }

    private static javax.crypto.SecretKey aesKey() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        return generator.generateKey();
    }

    private static String randomPhone() {
        return "+33 6 " + (10 + (int) (Math.random() * 89)) + " " + (10 + (int) (Math.random() * 89)) + " "
                + (10 + (int) (Math.random() * 89)) + " " + (10 + (int) (Math.random() * 89));
    }

    private static ProducerRecord<String, byte[]> record(String key, byte[] value) {
        return new ProducerRecord<>("unused", key, value);
    }

    /** Appends the records, in order, with a plain producer; returns their offsets. */
    @SafeVarargs
    private static List<Long> produce(String topic, ProducerRecord<String, byte[]>... records) throws Exception {
        List<Long> offsets = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                offsets.add(producer.send(new ProducerRecord<>(topic, 0, record.key(), record.value())).get().offset());
            }
        }
        return offsets;
    }

    private static Map<String, Object> producerConfig() {
        return SharedStack.kafka().operator().config(Map.of(ProducerConfig.ACKS_CONFIG, "all"));
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(SharedStack.kafka().operator().config(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The value of the first record under {@code key}. */
    private static byte[] firstValue(String topic, String key) {
        return records(topic).stream().filter(r -> key.equals(r.key()) && r.value() != null).findFirst()
                .orElseThrow(() -> new AssertionError("no record under " + key + " in " + topic)).value();
    }

    /** Every record of the topic's partition 0 as it stands now, in offset order. */
    private static List<ConsumerRecord<String, byte[]>> records(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).records(partition).stream().filter(r -> r.offset() < end).forEach(records::add);
                return consumer.position(partition) >= end;
            });
            return records;
        }
    }
}
