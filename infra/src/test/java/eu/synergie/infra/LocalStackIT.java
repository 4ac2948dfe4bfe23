package eu.synergie.infra;

import eu.synergie.infra.junit.RealStackExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RealStackExtension.class)
class LocalStackIT {

    @Test
    void kafkaWhenRecordProducedThenConsumedBack(KafkaBroker kafka) throws Exception {
        try (Admin admin = Admin.create(kafka.operator().config())) {
            admin.createTopics(List.of(new NewTopic("infra.roundtrip", 1, (short) 1))).all().get();
        }
        try (var producer = new KafkaProducer<String, String>(kafka.operator().config(Map.of(ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("infra.roundtrip", "k", "bonjour")).get();
        }
        try (var consumer = new KafkaConsumer<String, String>(kafka.operator().config(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "infra-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("infra.roundtrip"));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int i = 0; i < 20 && records.isEmpty(); i++) {
                records = consumer.poll(Duration.ofMillis(500));
            }
            assertThat(records.records("infra.roundtrip")).extracting(r -> r.value()).containsExactly("bonjour");
        }
    }

    /** As the operator over HTTPS (the index is none of the gateway's): {@link ElasticsearchSecurityIT} has the refusals. */
    @Test
    void elasticsearchWhenDocumentIndexedThenFound(ElasticsearchNode elasticsearch) throws Exception {
        put(elasticsearch, "/infra-it?wait_for_active_shards=1", "{\"settings\":{\"number_of_replicas\":0}}");
        put(elasticsearch, "/infra-it/_doc/1?refresh=true", "{\"title\":\"Escroquerie au président\"}");
        HttpResponse<String> search = elasticsearch.httpClient().send(elasticsearch.request(
                        "/infra-it/_search?q=title:escroquerie", elasticsearch.operatorUser()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains("\"total\":{\"value\":1");
    }

    @Test
    void keycloakWhenAnalystLogsInThenTokenCarriesAccessClaims(KeycloakServer keycloak) {
        String payload = payloadOf(keycloak.passwordGrant("claire.martin", "demo"));
        assertThat(payload)
                .contains("\"iss\":\"" + keycloak.issuer() + "\"")
                .contains("\"agency\":\"FR-DGPN\"")
                .contains("\"regions\":[\"EU-WEST\",\"MED\"]")
                .contains("\"clearance\":\"CONFIDENTIAL\"")
                .contains("\"analyst\"")
                .contains("synergie-api");
    }

    @Test
    void keycloakWhenFeedClientAuthenticatesThenTokenCarriesAgencyAndRole(KeycloakServer keycloak) {
        String payload = payloadOf(keycloak.clientCredentials("feed-de-bka", "demo-secret-de-bka"));
        assertThat(payload).contains("\"agency\":\"DE-BKA\"").contains("\"agency-feed\"")
                .contains("\"regions\":[\"EU-CENTRAL\"]");
    }

    @Test
    void keycloakWhenPasswordWrongThenRefused(KeycloakServer keycloak) {
        assertThatThrownBy(() -> keycloak.passwordGrant("claire.martin", "wrong"))
                .hasMessageContaining("HTTP 401");
    }

    @Test
    void secondBrokerOnSameFolderIsRefusedBeforeItStarts(KafkaBroker running) {
        KafkaBroker second = new KafkaBroker(SharedStack.get().home().resolve("kafka"), 0, "256m");
        assertThatThrownBy(() -> second.start(Duration.ofSeconds(30)))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("in use by another running kafka");
        assertThat(running.isRunning()).isTrue();
    }

    private static void put(ElasticsearchNode elasticsearch, String path, String json) throws Exception {
        HttpResponse<String> response = elasticsearch.httpClient().send(elasticsearch.request(path, elasticsearch.operatorUser())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    }

    private static String payloadOf(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
