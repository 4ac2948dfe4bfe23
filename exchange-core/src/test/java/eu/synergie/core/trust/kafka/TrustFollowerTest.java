package eu.synergie.core.trust.kafka;

import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.integrity.Rejection;
import eu.synergie.core.integrity.TestStamps;
import eu.synergie.core.trust.AgencyRecord;
import eu.synergie.core.trust.TrustEvent;
import eu.synergie.core.trust.TrustLog;
import eu.synergie.core.trust.TrustLogReader;
import eu.synergie.core.trust.TrustRecords;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.core.trust.TrustUnavailableException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The trust follower on Kafka's in-memory consumer: it loads the log, refuses records without the broker's append
 * time, and while the broker cannot be read the registry is unavailable, then current again once it can: a broker
 * outage is not the end of following.
 */
class TrustFollowerTest {

    private static final TopicPartition PARTITION = new TopicPartition(TrustLog.TOPIC, 0);

    private final Broker consumer = new Broker();
    private final TrustRegistry registry = new TrustRegistry();
    private final TestStamps.RecordingAlarm alarm = new TestStamps.RecordingAlarm();
    private final TrustRecords records = TrustRecords.of(TestStamps.signer(Clock.systemUTC()), TestStamps.SIGNATURES,
            new Freshness(Duration.ofMinutes(5)));
    private final TrustFollower follower = new TrustFollower(consumer, new TrustLogReader(registry, records, alarm));
    private long end;

    @AfterEach
    void close() {
        follower.close();
    }

    @Test
    void startWhenTheLogHoldsEventsThenLoadedAndCurrentAsOfTheLoad() {
        Instant before = Instant.now();
        topic(registered("FR-DGPN", TimestampType.LOG_APPEND_TIME));

        follower.start(Duration.ofSeconds(10));

        assertThat(registry.agency("FR-DGPN")).isPresent();
        assertThat(registry.currentAsOf()).isAfterOrEqualTo(before);
        assertThat(registry.unavailableReason()).isEmpty();
    }

    @Test
    void applyWhenARecordCarriesItsProducersTimeThenIgnoredAndAlarmed() {
        topic(registered("FR-DGPN", TimestampType.CREATE_TIME), registered("BE-PJF", TimestampType.LOG_APPEND_TIME));

        follower.start(Duration.ofSeconds(10));

        assertThat(registry.agency("FR-DGPN")).isEmpty();
        assertThat(registry.agency("BE-PJF")).isPresent();
        assertThat(alarm.raised).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(Rejection.UNTRUSTED_TIMESTAMP);
            assertThat(r.offset()).isZero();
            assertThat(r.detail()).contains("CreateTime");
        });
    }

    @Test
    void followWhenTheBrokerCannotBeReadThenUnavailableOnlyUntilItCanAndWhatCameMeanwhileIsApplied() {
        topic(registered("FR-DGPN", TimestampType.LOG_APPEND_TIME));
        follower.start(Duration.ofSeconds(10));

        consumer.down = true;
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> registry.unavailableReason().isPresent());
        assertThat(registry.unavailableReason()).hasValueSatisfying(why -> assertThat(why).contains("broker gone"));
        assertThatThrownBy(() -> follower.catchUp(Duration.ofSeconds(5))).as("at once, not after the timeout")
                .isInstanceOf(TrustUnavailableException.class).hasMessageContaining("broker gone");
        assertThatThrownBy(() -> registry.signer("1f", Instant.now())).isInstanceOf(TrustUnavailableException.class);
        add(registered("BE-PJF", TimestampType.LOG_APPEND_TIME));

        consumer.down = false;
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> registry.unavailableReason().isEmpty());
        assertThat(registry.agency("BE-PJF")).as("appended during the outage").isPresent();
        follower.catchUp(Duration.ofSeconds(5));
    }

    private ConsumerRecord<String, byte[]> registered(String code, TimestampType type) {
        TrustEvent event = new TrustEvent.AgencyChanged(TrustEvent.AgencyChanged.Kind.REGISTERED,
                AgencyRecord.registered(code, "Agency " + code, Set.of("EU-WEST"), Instant.now()), Instant.now(), "admin", 1);
        return new ConsumerRecord<>(TrustLog.TOPIC, 0, end++, Instant.now().toEpochMilli(), type, -1, -1, event.key(),
                records.write(event), new RecordHeaders(), Optional.empty());
    }

    @SafeVarargs
    private void topic(ConsumerRecord<String, byte[]>... held) {
        consumer.updatePartitions(TrustLog.TOPIC, List.of(new PartitionInfo(TrustLog.TOPIC, 0, new Node(0, "localhost", 9092),
                null, null)));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, end));
        consumer.schedulePollTask(() -> List.of(held).forEach(consumer::addRecord));
    }

    private void add(ConsumerRecord<String, byte[]> record) {
        consumer.addRecord(record);
        consumer.updateEndOffsets(Map.of(PARTITION, end));
    }

    /** Kafka's in-memory consumer, with a broker that can be away. */
    private static final class Broker extends MockConsumer<String, byte[]> {

        volatile boolean down;

        Broker() {
            super("earliest");
        }

        @Override
        public synchronized ConsumerRecords<String, byte[]> poll(Duration timeout) {
            if (down) {
                throw new KafkaException("broker gone");
            }
            ConsumerRecords<String, byte[]> records = super.poll(timeout);
            if (records.isEmpty()) {
                try {
                    wait(Math.min(timeout.toMillis(), 20)); // a real poll waits; this one would spin
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return records;
        }

        @Override
        public synchronized Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
            if (down) {
                throw new KafkaException("broker gone");
            }
            return super.endOffsets(partitions, timeout);
        }
    }
}
