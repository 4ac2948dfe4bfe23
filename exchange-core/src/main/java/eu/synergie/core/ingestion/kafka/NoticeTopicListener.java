package eu.synergie.core.ingestion.kafka;

import eu.synergie.core.ingestion.NoticeIngestion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

import java.util.List;

/**
 * The indexer's Kafka side: every notice topic, in batches, offsets committed by the container only
 * after {@link NoticeIngestion#ingest} returned (an exception leaves the batch to be retried).
 */
public final class NoticeTopicListener {

    private static final Logger LOG = LoggerFactory.getLogger(NoticeTopicListener.class);

    private final NoticeIngestion ingestion;
    private final String groupId;
    private final int consumers;
    private final int batchRecords;

    /**
     * @param groupId      the indexers' consumer group
     * @param consumers    consumers in this instance (the container's concurrency)
     * @param batchRecords the most records one batch takes (the consumers' {@code max.poll.records})
     */
    public NoticeTopicListener(NoticeIngestion ingestion, String groupId, int consumers, int batchRecords) {
        this.ingestion = ingestion;
        this.groupId = groupId;
        this.consumers = consumers;
        this.batchRecords = batchRecords;
    }

    /** Read by the annotation below ({@code __listener} is this bean): the settings come from the wiring, not from keys read here. */
    public String groupId() {
        return groupId;
    }

    public int consumers() {
        return consumers;
    }

    public int batchRecords() {
        return batchRecords;
    }

    // Consumers share the partitions of every region topic: a notice's versions share its key, hence its
    // partition, hence one consumer, so they are still judged in log order. The sticky assignor spreads
    // the partitions of all topics together; the default (range) deals each topic out alike, so with 3
    // partitions per topic one of 2 consumers would get twice the other's share.
    // A batch pays fixed costs whatever its size (a trust catch-up, the matcher's refresh and lookups, one bulk per
    // batch), hence its own max.poll.records (2,000 by default, where other consumers take 500). Below saturation a poll
    // takes what has arrived, so batches and latency stay small; Kafka's fetch sizes still bound a poll's bytes.
    @KafkaListener(id = "synergie-indexer", topicPattern = "synergie\\.notices\\..+", batch = "true",
            groupId = "#{__listener.groupId()}", concurrency = "#{__listener.consumers()}",
            properties = {"partition.assignment.strategy=org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
                    "max.poll.records=#{__listener.batchRecords()}"})
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        var outcome = ingestion.ingest(records.stream()
                .map(eu.synergie.core.intake.kafka.KafkaNoticeLog::logged)
                .toList());
        LOG.debug("indexed {} and dead-lettered {} envelopes", outcome.indexed(), outcome.deadLettered());
    }
}
