package eu.synergie.core.audit;

import eu.synergie.core.audit.kafka.AuditTopicListener;
import eu.synergie.core.integrity.TestStamps;
import eu.synergie.crypto.audit.ChainVerifier;
import eu.synergie.crypto.audit.ChainWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ConsumerSeekAware.ConsumerSeekCallback;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditors' indexer's Kafka side, given batches as the container would: where it reads from after an assignment,
 * and that no record of the log is left out on the index's word alone.
 */
class AuditTopicListenerTest {

    private static final String TOPIC = "synergie.audit";
    private static final ChainVerifier.SignatureCheck CHECK = (content, signature) -> {
        TestStamps.SIGNATURES.verifyDetached(content, signature);
        return true;
    };

    private final MemoryAuditIndex index = new MemoryAuditIndex();
    private final TestStamps.RecordingAlarm alarm = new TestStamps.RecordingAlarm();
    private final Seeks seeks = new Seeks();

    private static Map<String, Object> event() {
        return AuditEventJson.toJson(new AuditEvent(Instant.parse("2026-12-07T10:00:00Z"), AuditAction.SEARCH, "claire.martin",
                "FR-DGPN", "PJ-MRS-2026-0412", new AuditEvent.Query("x", Map.of(), 1), List.of("n1"), List.of(), null,
                AuditOutcome.SUCCESS));
    }

    /** {@code count} entries of {@code writer}'s chain as records at offsets from {@code from}. */
    private static List<ConsumerRecord<String, byte[]>> records(ChainWriter writer, long from, int count) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(new ConsumerRecord<>(TOPIC, 0, from + i, System.currentTimeMillis(), TimestampType.LOG_APPEND_TIME,
                    -1, -1, writer.writer(), AuditEventJson.write(writer.link(event())), new RecordHeaders(), Optional.empty()));
        }
        return records;
    }

    /** A record at {@code offset} that is no entry of any chain. */
    private static ConsumerRecord<String, byte[]> junk(long offset) {
        return new ConsumerRecord<>(TOPIC, 0, offset, System.currentTimeMillis(), TimestampType.LOG_APPEND_TIME, -1, -1, "junk",
                "not an entry".getBytes(StandardCharsets.UTF_8), new RecordHeaders(), Optional.empty());
    }

    private AuditTopicListener assignedAt(long committed) {
        AuditTopicListener listener = new AuditTopicListener(new AuditIndexer(index, CHECK, alarm, TOPIC, 100), TOPIC,
                "synergie-audit-indexer", alarm);
        listener.registerSeekCallback(seeks);
        listener.onPartitionsAssigned(Map.of(new TopicPartition(TOPIC, 0), committed), seeks);
        return listener;
    }

    @Test
    void onBatchWhenTheIndexHoldsALongerLogThanTheTopicThenTheTopicsEntriesAreIndexedNotSkipped() {
        // The index was filled from a log of 20 records (as a test stack whose Elasticsearch data is kept while its Kafka
        // starts empty, or a topic recreated): its resume point, 20, is past every record of the log read now.
        ChainWriter earlier = new ChainWriter("gateway-earlier");
        assignedAt(0).onBatch(records(earlier, 0, 20));
        assertThat(index.resumeAt()).isEqualTo(20);

        ChainWriter now = new ChainWriter("gateway-now");
        assignedAt(0).onBatch(records(now, 0, 5));

        assertThat(index.records.keySet()).filteredOn(id -> id.startsWith("gateway-now"))
                .containsExactly("gateway-now:0", "gateway-now:1", "gateway-now:2", "gateway-now:3", "gateway-now:4");
        assertThat(alarm.raised).isEmpty();
        assertThat(seeks.seeks).isEmpty();
    }

    @Test
    void onBatchWhenTheTopicIsNewButTheIndexIsKeptThenWhatIsWrongInTheNewLogIsAlarmedToo() {
        ChainWriter earlier = new ChainWriter("gateway-earlier");
        assignedAt(0).onBatch(records(earlier, 0, 20));

        ChainWriter now = new ChainWriter("gateway-now");
        List<ConsumerRecord<String, byte[]>> log = new ArrayList<>();
        log.add(junk(0));
        log.addAll(records(now, 1, 3));
        assignedAt(0).onBatch(log);

        assertThat(alarm.raised).as("offset 0 is before the kept index's end (20), which is no proof it was ever read")
                .extracting(TestStamps.RecordingAlarm.Raised::offset).containsExactly(0L);
        assertThat(index.records.keySet()).contains("gateway-now:0", "gateway-now:1", "gateway-now:2");
    }

    @Test
    void onBatchWhenAWritersHeadWasStoredBehindAnothersThenItsEntriesBeforeTheResumePointAreIndexed() {
        ChainWriter a = new ChainWriter("gateway-a");
        ChainWriter b = new ChainWriter("gateway-b");
        List<ConsumerRecord<String, byte[]>> log = new ArrayList<>();
        log.addAll(records(a, 0, 1));
        log.addAll(records(b, 1, 2));
        log.addAll(records(a, 3, 1));
        log.addAll(records(b, 4, 1));
        assignedAt(0).onBatch(log.subList(0, 2));
        ChainHead bAtItsFirst = index.heads.get("gateway-b");
        assignedAt(2).onBatch(log.subList(2, 4));
        // The index lost b's last write (its translog is flushed asynchronously) and kept a's: it ends at a's head (3).
        index.records.remove("gateway-b:1");
        index.heads.put("gateway-b", bAtItsFirst);
        assertThat(index.resumeAt()).isEqualTo(4);

        assignedAt(2).onBatch(log.subList(2, 5));

        assertThat(index.records.keySet()).contains("gateway-b:1", "gateway-b:2");
        assertThat(alarm.raised).as("a's entry at 3 seen as indexed, b's linked again").isEmpty();
    }

    @Test
    void onBatchWhenReadAgainFromTheCommittedOffsetThenWhatTheIndexHoldsPassesAndWhatWasAlarmedBeforeItStaysQuiet() {
        ChainWriter writer = new ChainWriter("gateway-a");
        List<ConsumerRecord<String, byte[]>> log = new ArrayList<>(records(writer, 0, 2));
        log.add(junk(2));
        log.addAll(records(writer, 3, 4));
        assignedAt(0).onBatch(log.subList(0, 5));
        assertThat(alarm.raised).hasSize(1);

        // Restarted with its offset committed at 3 (the batch that went on to 4 was indexed, not committed).
        assignedAt(3).onBatch(log.subList(3, 7));

        assertThat(index.records.keySet()).containsExactly("gateway-a:0", "gateway-a:1", "gateway-a:2", "gateway-a:3",
                "gateway-a:4", "gateway-a:5");
        assertThat(alarm.raised).as("the entries at 3 and 4 seen as indexed, not taken twice; the junk at 2 not again")
                .hasSize(1);
        assertThat(seeks.seeks).isEmpty();
    }

    @Test
    void onBatchWhenTheIndexLostWritesTheOffsetsHadPassedThenTheLogIsReadAgainFromABatchBeforeItsEndAndEveryWriterCatchesUp() {
        ChainWriter a = new ChainWriter("gateway-a");
        ChainWriter b = new ChainWriter("gateway-b");
        List<ConsumerRecord<String, byte[]>> log = new ArrayList<>();
        log.addAll(records(a, 0, 1));
        log.addAll(records(b, 1, 1));
        assignedAt(0).onBatch(log.subList(0, 2));
        ChainHead bAtItsFirst = index.heads.get("gateway-b");
        log.addAll(records(b, 2, 1));
        log.addAll(records(a, 3, 1));
        log.addAll(records(a, 4, 1));
        log.addAll(records(b, 5, 1));
        log.addAll(records(a, 6, 1));
        assignedAt(2).onBatch(log.subList(2, 4));
        // Elasticsearch crashed after the offsets were committed at 6: it kept the batch of 2 and 3 but not b's head of
        // it (the request of heads cut short), and lost the batch of 4 and 5. Its highest head, a's at 3, says resume at 4.
        index.heads.put("gateway-b", bAtItsFirst);
        assertThat(index.resumeAt()).isEqualTo(4);

        AuditTopicListener restarted = assignedAt(6);
        restarted.onBatch(log.subList(6, 7));
        assertThat(seeks.seeks).as("a batch before the index's end, not at it").containsExactly(0L);
        restarted.onBatch(log.subList(0, 7));

        assertThat(index.records.keySet()).contains("gateway-a:2", "gateway-b:2", "gateway-a:3");
        assertThat(index.heads.get("gateway-b").position()).isEqualTo(5);
        assertThat(alarm.raised).isEmpty();
    }

    /** Records the seeks asked for; the listener needs no other. */
    private static final class Seeks implements ConsumerSeekCallback {

        final List<Long> seeks = new ArrayList<>();

        @Override
        public void seek(String topic, int partition, long offset) {
            seeks.add(offset);
        }

        @Override
        public void seek(String topic, int partition, Function<Long, Long> offsetComputeFunction) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void seekToBeginning(String topic, int partition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void seekToEnd(String topic, int partition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void seekRelative(String topic, int partition, long offset, boolean toCurrent) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void seekToTimestamp(String topic, int partition, long timestamp) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void seekToTimestamp(Collection<TopicPartition> topicPartitions, long timestamp) {
            throw new UnsupportedOperationException();
        }
    }
}
