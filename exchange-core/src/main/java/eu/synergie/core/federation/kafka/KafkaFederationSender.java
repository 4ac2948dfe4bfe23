package eu.synergie.core.federation.kafka;

import eu.synergie.core.federation.FederationOutbox;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Appends the outbox's records to {@code synergie.federation.out.<peer>}, creating the topic the first time: one
 * partition, so that what a peer must know of a signer (sent first) is read before the notice, and a notice's versions in
 * order. The record's kind travels in the {@value #KIND} header; nothing else of the notice is in clear.
 */
public final class KafkaFederationSender implements FederationOutbox.Sender {

    /** The header naming what a record is ({@link FederationOutbox.Kind}). */
    public static final String KIND = "synergie-kind";

    private final KafkaTemplate<String, byte[]> template;
    private final KafkaAdmin admin;
    private final short replication;
    private final Duration timeout;
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    public KafkaFederationSender(KafkaTemplate<String, byte[]> template, KafkaAdmin admin, short replication, Duration timeout) {
        this.template = template;
        this.admin = admin;
        this.replication = replication;
        this.timeout = timeout;
    }

    @Override
    public void send(List<FederationOutbox.Outgoing> records) {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (FederationOutbox.Outgoing record : records) {
            String topic = FederationOutbox.topicFor(record.peer());
            if (created.add(topic)) {
                admin.createOrModifyTopics(topic(topic));
            }
            ProducerRecord<String, byte[]> produced = new ProducerRecord<>(topic, record.key(), record.value());
            produced.headers().add(KIND, record.kind().name().getBytes(StandardCharsets.US_ASCII));
            sent.add(template.send(produced));
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to peer exchanges", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the federation topics did not acknowledge " + records.size() + " records", e);
        }
    }

    private NewTopic topic(String name) {
        // Append time: MirrorMaker 2 carries the time over, and the latency from the origin's append is then measurable.
        return TopicBuilder.name(name).partitions(1).replicas(replication)
                .config(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime").build();
    }
}
