package eu.synergie.gateway.wiring;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * At start-up, after Spring has created the topics and brought their configuration to what the gateway declares
 * ({@code spring.kafka.admin.modify-topic-configs}), checks that every topic declared with the broker's append time
 * ({@code message.timestamp.type=LogAppendTime}: the region topics, trust, watchlists, alerts, approvals, audit) has it, and
 * stops the start with the topics named if not. The publish rule and the freshness of the exchange's own records
 * are judged as of the append time; on a topic left at {@code CreateTime} (the gateway may not alter topic
 * configurations on a cluster with ACLs; MirrorMaker copies keep their source's times) a producer would choose it.
 * Records that still carry another time are refused one by one as well ({@code UNTRUSTED_TIMESTAMP}).
 */
final class AppendTimeCheck extends StartStep {

    static final String APPEND_TIME = "LogAppendTime";

    private final KafkaAdmin admin;
    private final TreeSet<String> topics;

    /** @param topics the topics declared with {@code LogAppendTime} */
    AppendTimeCheck(KafkaAdmin admin, Collection<String> topics) {
        // Before the followers and the indexer (phase 0 and later).
        super(-100);
        this.admin = admin;
        this.topics = new TreeSet<>(topics);
    }

    @Override
    void begin() {
        Map<String, String> types = new TreeMap<>();
        try (Admin client = Admin.create(admin.getConfigurationProperties())) {
            Map<ConfigResource, Config> configs = client.describeConfigs(topics.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get(30, TimeUnit.SECONDS);
            configs.forEach((resource, config) -> types.put(resource.name(),
                    Optional.ofNullable(config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG)).map(ConfigEntry::value).orElse(null)));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot check the timestamp type of the topics " + topics + ": "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the topics' timestamp type", e);
        }
        refusal(topics, types).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
    }

    /** Why the gateway must not start with these topics' timestamp types ({@code null}: not described), if it must not. */
    static Optional<String> refusal(Collection<String> topics, Map<String, String> typeByTopic) {
        List<String> wrong = topics.stream().filter(t -> !APPEND_TIME.equals(typeByTopic.get(t)))
                .map(t -> t + " (" + TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG + "=" + typeByTopic.get(t) + ")").toList();
        if (wrong.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the exchange judges what it reads from these topics as of the broker's append time, but they"
                + " do not use it: " + String.join(", ", wrong) + ". The gateway could not set it (is it allowed to alter"
                + " topic configurations?). Set it, e.g. kafka-configs.sh --alter --entity-type topics --entity-name <topic>"
                + " --add-config " + TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG + "=" + APPEND_TIME + ", then start again");
    }
}
