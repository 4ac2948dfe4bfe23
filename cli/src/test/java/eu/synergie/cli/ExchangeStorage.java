package eu.synergie.cli;

import eu.synergie.infra.ElasticsearchNode;
import eu.synergie.infra.SharedStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything the exchange's operator can read of what it stores, searched for text that must not be there: every
 * record of every topic, every document of every index, every server log file (as UTF-8 text; the log files as
 * ISO-8859-1, byte for byte). For the tests that show the exchange keeps something only sealed.
 */
final class ExchangeStorage {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ExchangeStorage() {
    }

    /** How many records, documents or files were read, and which hold a secret. */
    record Scan(long read, List<String> holding) {
    }

    /** Every record of every topic the operator sees, read to its end, whose key or value holds one of {@code secrets}. */
    static Scan kafkaRecordsHolding(List<String> secrets) throws Exception {
        long kafkaRecords = 0;
        Map<String, Object> config = SharedStack.kafka().operator().config(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000));
        List<String> holding = new ArrayList<>();
        List<TopicPartition> partitions;
        try (Admin admin = Admin.create(config)) {
            var topics = admin.listTopics().names().get();
            partitions = admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition()))).toList();
        }
        assertThat(partitions).as("the exchange's topics").extracting(TopicPartition::topic).contains("synergie.audit", "synergie.approvals");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertThat(System.nanoTime()).as("read every topic to its end within 120 s").isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    kafkaRecords++;
                    String text = (record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8))
                            + (record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
                    if (holdsAny(text, secrets)) {
                        holding.add(record.topic() + "/" + record.partition() + "@" + record.offset());
                    }
                }
            }
        }
        return new Scan(kafkaRecords, holding);
    }

    /** Every document of every index but the node's own, read whole, that holds one of {@code secrets}. */
    static Scan elasticsearchDocumentsHolding(List<String> secrets) throws Exception {
        ElasticsearchNode node = SharedStack.elasticsearch();
        HttpClient client = HttpClient.newBuilder().sslContext(node.sslContext()).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString((node.operatorUser().username() + ":"
                + node.operatorUser().password()).getBytes(StandardCharsets.UTF_8));
        List<String> holding = new ArrayList<>();
        // A point in time over every index but the node's own, paged in shard order: each document once.
        HttpResponse<String> opened = client.send(HttpRequest.newBuilder(URI.create(node.url() + "/*,-.*/_pit?keep_alive=2m"))
                .header("Authorization", auth).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        String pit = JSON.readTree(opened.body()).path("id").asString();
        JsonNode after = null;
        long seen = 0;
        while (true) {
            String query = "{\"size\":2000,\"query\":{\"match_all\":{}},\"pit\":{\"id\":\"" + pit + "\",\"keep_alive\":\"2m\"},"
                    + "\"sort\":[\"_shard_doc\"]" + (after == null ? "" : ",\"search_after\":" + after) + "}";
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(node.url() + "/_search"))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode hits = JSON.readTree(page.body()).path("hits").path("hits");
            if (hits.isEmpty()) {
                break;
            }
            for (JsonNode hit : hits) {
                seen++;
                if (holdsAny(hit.path("_source").toString(), secrets)) {
                    holding.add(hit.path("_index").asString() + "/" + hit.path("_id").asString());
                }
                after = hit.path("sort");
            }
        }
        assertThat(seen).as("documents read").isPositive();
        return new Scan(seen, holding);
    }

    /** The log files of Kafka, Elasticsearch and Keycloak. */
    static Scan serverLogFilesHolding(List<String> secrets) throws IOException {
        long logFiles = 0;
        List<String> holding = new ArrayList<>();
        for (String server : List.of("kafka", "elasticsearch", "keycloak")) {
            Path logs = SharedStack.all().home().resolve(server).resolve("logs");
            assertThat(logs).as(server + "'s logs").isDirectory();
            try (Stream<Path> files = Files.walk(logs)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    logFiles++;
                    if (holdsAny(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1), secrets)) {
                        holding.add(file.toString());
                    }
                }
            }
        }
        return new Scan(logFiles, holding);
    }

    private static boolean holdsAny(String text, List<String> secrets) {
        return secrets.stream().anyMatch(text::contains);
    }
}
