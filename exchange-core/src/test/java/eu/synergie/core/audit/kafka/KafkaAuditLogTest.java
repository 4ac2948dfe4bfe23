package eu.synergie.core.audit.kafka;

import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditOutcome;
import eu.synergie.core.audit.AuditUnavailableException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
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
                KafkaAuditLog.TOPIC, "gateway-test", 10)) {
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
        assertThatThrownBy(() -> new KafkaAuditLog(null, KafkaAuditLog.TOPIC, "gateway-test", 0))
                .hasMessageContaining("synergie.audit.max-pending");
    }
}
