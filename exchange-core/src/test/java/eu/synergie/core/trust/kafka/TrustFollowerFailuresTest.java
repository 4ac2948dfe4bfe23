package eu.synergie.core.trust.kafka;

import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.core.integrity.TestStamps;
import eu.synergie.core.trust.SignerStanding;
import eu.synergie.core.trust.TrustEvent;
import eu.synergie.core.trust.ListTrustLog;
import eu.synergie.core.trust.MemoryRevocations;
import eu.synergie.core.trust.TrustLog;
import eu.synergie.core.trust.TrustLogReader;
import eu.synergie.core.trust.TrustRecords;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.core.trust.TrustService;
import eu.synergie.core.trust.TrustUnavailableException;
import eu.synergie.crypto.stamp.ExchangeSigner;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The trust follower when handling one record fails, on Kafka's own in-memory consumer (no broker): a record whose
 * handling overflows the stack is skipped and the log read on; an Error of the JVM ends the follower with the
 * registry unavailable, never a dead thread behind a registry that still answers.
 */
class TrustFollowerFailuresTest {

    private static final TopicPartition P0 = new TopicPartition(TrustLog.TOPIC, 0);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final TrustRegistry registry = new TrustRegistry();
    private final List<TrustEvent> logged = new ArrayList<>();
    /** Another instance's, which makes the events this one's log holds. */
    private final TrustRegistry writers = new TrustRegistry();
    private final TrustService trust = new TrustService(writers, new ListTrustLog(writers, logged),
            TestStamps.ISSUING, new MemoryRevocations(), Set.of("EU-WEST"),
            Duration.ofDays(10), Clock.systemUTC());
    private final TrustRecords records = TrustRecords.of(ExchangeSigner.of(TestStamps.LOG_SIGNER, Clock.systemUTC()),
            TestStamps.SIGNATURES, new Freshness(Duration.ofMinutes(5)));
    private TrustFollower follower;

    @AfterEach
    void close() {
        if (follower != null) {
            follower.close();
        }
    }

    @Test
    void startWhenHandlingOneRecordOverflowsTheStackThenThatRecordIsSkippedAndTheFollowingApplied() {
        AtomicInteger alarms = new AtomicInteger();
        // The alarm raised for the unsigned record recurses without end: the handling of that record fails with an Error.
        LogAlarm overflowingOnce = (topic, key, offset, reason, detail) -> {
            if (alarms.getAndIncrement() == 0) {
                overflow(0);
            }
        };
        log(unsignedThenRegistration());
        follower = new TrustFollower(consumer, new TrustLogReader(registry, records, overflowingOnce));

        follower.start(Duration.ofSeconds(10));

        assertThat(alarms).hasValue(1);
        assertThat(registry.agency("FR-DGPN")).as("the record after the failed one").isPresent();
        assertThat(registry.signer("ff", Instant.now())).as("still deciding").isInstanceOf(SignerStanding.Unknown.class);
    }

    @Test
    void startWhenHandlingOneRecordRunsOutOfMemoryThenTheRegistryIsUnavailableAndSaysWhy() {
        LogAlarm outOfMemory = (topic, key, offset, reason, detail) -> {
            throw new OutOfMemoryError();
        };
        log(unsignedThenRegistration());
        follower = new TrustFollower(consumer, new TrustLogReader(registry, records, outOfMemory));

        assertThatThrownBy(() -> follower.start(Duration.ofSeconds(10))).isInstanceOf(TrustUnavailableException.class)
                .hasMessage("the trust registry did not load: java.lang.OutOfMemoryError");
        assertThatThrownBy(() -> registry.signer("ff", Instant.now())).isInstanceOf(TrustUnavailableException.class)
                .hasMessageContaining("java.lang.OutOfMemoryError");
    }

    private List<byte[][]> unsignedThenRegistration() {
        trust.register("FR-DGPN", "Police nationale", Set.of("EU-WEST"), "admin");
        TrustEvent registered = logged.getFirst();
        return List.of(new byte[][] {key(registered), "{}".getBytes(StandardCharsets.UTF_8)},
                new byte[][] {key(registered), records.write(registered)});
    }

    private static byte[] key(TrustEvent event) {
        return event.key().getBytes(StandardCharsets.UTF_8);
    }

    /** The trust topic, one partition, holding {@code records} (key, value) from offset 0, appended now. */
    private void log(List<byte[][]> records) {
        consumer.updatePartitions(TrustLog.TOPIC, List.of(new PartitionInfo(TrustLog.TOPIC, 0, new Node(0, "localhost", 9092),
                null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, (long) records.size()));
        consumer.schedulePollTask(() -> {
            for (int offset = 0; offset < records.size(); offset++) {
                consumer.addRecord(new ConsumerRecord<>(TrustLog.TOPIC, 0, offset, System.currentTimeMillis(),
                        TimestampType.LOG_APPEND_TIME, -1, -1, new String(records.get(offset)[0], StandardCharsets.UTF_8),
                        records.get(offset)[1], new RecordHeaders(), Optional.empty()));
            }
        });
    }

    private static int overflow(int depth) {
        return overflow(depth + 1) + 1;
    }
}
