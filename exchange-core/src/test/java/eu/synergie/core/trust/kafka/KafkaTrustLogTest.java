package eu.synergie.core.trust.kafka;

import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.integrity.TestStamps;
import eu.synergie.core.trust.AgencyRecord;
import eu.synergie.core.trust.TrustEvent;
import eu.synergie.core.trust.TrustLog;
import eu.synergie.core.trust.TrustLogReader;
import eu.synergie.core.trust.TrustRecords;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.core.trust.TrustUnavailableException;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Appending to the trust log: what an administrator is told when Kafka does not acknowledge, and the producer's bounds. */
class KafkaTrustLogTest {

    private static final Duration TIMEOUT = Duration.ofMillis(200);

    private final TrustRecords records = TrustRecords.of(TestStamps.signer(Clock.systemUTC()), TestStamps.SIGNATURES,
            new Freshness(Duration.ofMinutes(5)));
    private final MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
            new ByteArraySerializer());
    private final KafkaTrustLog log = new KafkaTrustLog(producer, records, new TrustFollower(new MockConsumer<>("earliest"),
            new TrustLogReader(new TrustRegistry(), records, (topic, key, offset, reason, detail) -> { })), TIMEOUT);
    private final TrustEvent event = new TrustEvent.AgencyChanged(TrustEvent.AgencyChanged.Kind.REGISTERED,
            AgencyRecord.registered("FR-DGPN", "Police nationale", Set.of("EU-WEST"), Instant.now()), Instant.now(), "admin", 1);

    @Test
    void producerSettingsThenDeliveryBoundedByTheAppendTimeoutWhateverTheBase() {
        Map<String, Object> settings = KafkaTrustLog.producerSettings(Map.of(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx"), Duration.ofSeconds(10));

        assertThat(settings).containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    }

    @Test
    void appendWhenAcknowledgedThenTheSignedRecordUnderItsKey() {
        CompletableFuture<Void> appended = CompletableFuture.runAsync(() -> log.append(event));
        while (!producer.completeNext()) {
            Thread.onSpinWait();
        }
        appended.join();

        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(TrustLog.TOPIC);
            assertThat(record.key()).isEqualTo("agency:FR-DGPN");
            assertThat(records.read(record.key(), record.value(), Instant.now())).isInstanceOf(TrustRecords.Read.Valid.class);
        });
    }

    @Test
    void appendWhenTheProducerGivesUpAfterItsDeliveryTimeoutThenUnavailableWithTheOutcomeUnknown() {
        CompletableFuture<Void> appended = CompletableFuture.runAsync(() -> log.append(event));
        while (!producer.errorNext(new TimeoutException("Expiring 1 record(s)"))) {
            Thread.onSpinWait();
        }

        assertThatThrownBy(appended::join).hasCauseInstanceOf(TrustUnavailableException.class)
                .cause().hasMessageContaining("whether it was recorded is unknown");
    }

    @Test
    void appendWhenNothingAnswersThenUnavailableWithTheOutcomeUnknown() {
        assertThatThrownBy(() -> log.append(event)).isInstanceOf(TrustUnavailableException.class)
                .hasMessageContaining("agency:FR-DGPN").hasMessageContaining("unknown");
    }

    @Test
    void appendWhenTheBrokerRefusesTheRecordThenUnavailableSayingItWasNotRecorded() {
        CompletableFuture<Void> appended = CompletableFuture.runAsync(() -> log.append(event));
        while (!producer.errorNext(new RecordTooLargeException("too large"))) {
            Thread.onSpinWait();
        }

        assertThatThrownBy(appended::join).hasCauseInstanceOf(TrustUnavailableException.class)
                .cause().hasMessageContaining("was not recorded");
    }
}
