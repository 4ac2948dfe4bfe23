package eu.synergie.core.audit.kafka;

import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditOutcome;
import eu.synergie.core.audit.AuditEventJson;
import eu.synergie.core.audit.AuditUnavailableException;
import eu.synergie.core.integrity.TestStamps;
import eu.synergie.crypto.audit.ChainVerification;
import eu.synergie.crypto.audit.ChainVerifier;
import eu.synergie.crypto.audit.HashChain;
import org.apache.kafka.clients.producer.MockProducer;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fail closed, without a broker: a real Kafka producer pointed at a port where nothing listens. */
class KafkaAuditLogTest {

    private static final AuditEvent SEARCH = new AuditEvent(Instant.parse("2026-11-28T10:00:00Z"), AuditAction.SEARCH,
            "claire.martin", "FR-DGPN", "PJ-MRS-2026-0412", new AuditEvent.Query("x", Map.of(), 0), List.of(), List.of(), null,
            AuditOutcome.SUCCESS);

    private static final KafkaAuditLog.Checkpoints CHECKPOINTS = new KafkaAuditLog.Checkpoints(
            TestStamps.signer(Clock.systemUTC())::signDetached, 3, Duration.ofHours(1));

    @Test
    void appendWhenEveryThirdEntryAndOnCloseThenSignedCheckpointsThatTheVerifierAccepts() {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        KafkaAuditLog log = new KafkaAuditLog(producer, KafkaAuditLog.TOPIC, "gateway-test", 10, CHECKPOINTS);
        for (int i = 0; i < 7; i++) {
            log.append(SEARCH);
        }
        log.close();

        List<Map<String, Object>> entries = producer.history().stream().map(r -> AuditEventJson.read(r.value())).toList();
        assertThat(entries).extracting(HashChain::isCheckpoint)
                .containsExactly(false, false, false, true, false, false, false, true, false, true);
        assertThat(HashChain.checkpointOf(entries.getLast())).hasValueSatisfying(c -> assertThat(c.last()).isTrue());
        ChainVerifier verifier = new ChainVerifier((content, signature) -> {
            TestStamps.SIGNATURES.verifyDetached(content, signature);
            return true;
        }, Instant.now().plus(Duration.ofDays(1)), Duration.ofSeconds(1));
        for (int i = 0; i < entries.size(); i++) {
            verifier.accept(i, Instant.now(), entries.get(i));
        }
        assertThat(verifier.result()).as("signed to the end: nothing unsigned even a day later")
                .isEqualTo(new ChainVerification.Intact(10, 1));
    }

    @Test
    void appendWhenEntriesWaitLongerThanTheIntervalThenACheckpointWithoutNewEvents() {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        try (KafkaAuditLog log = new KafkaAuditLog(producer, KafkaAuditLog.TOPIC, "gateway-test", 10,
                new KafkaAuditLog.Checkpoints(TestStamps.signer(Clock.systemUTC())::signDetached, 1000, Duration.ofMillis(50)))) {
            log.append(SEARCH);

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 2);
            assertThat(HashChain.isCheckpoint(AuditEventJson.read(producer.history().get(1).value()))).isTrue();
        }
    }

    @Test
    void appendWhenLogUnreachableThenRefusedWithinMaxBlockAndNothingLeftPending() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closed,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaAuditLog log = new KafkaAuditLog(new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()),
                KafkaAuditLog.TOPIC, "gateway-test", 10, CHECKPOINTS)) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> log.append(SEARCH)).isInstanceOf(AuditUnavailableException.class)
                    .hasMessageContaining("did not take the entry");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(log.pending()).isZero();
            assertThatThrownBy(() -> log.append(SEARCH)).as("still refused, not queued").isInstanceOf(AuditUnavailableException.class);
        }
    }

    @Test
    void constructorWhenNoPendingAllowedThenRefused() {
        assertThatThrownBy(() -> new KafkaAuditLog(null, KafkaAuditLog.TOPIC, "gateway-test", 0, CHECKPOINTS))
                .hasMessageContaining("synergie.audit.max-pending");
    }
}
