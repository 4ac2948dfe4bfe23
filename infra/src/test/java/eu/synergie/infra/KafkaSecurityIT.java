package eu.synergie.infra;

import eu.synergie.infra.junit.RealStackExtension;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker as anyone who reaches its ports finds it: TLS from its own CA, nothing without a SCRAM user's password, the
 * internal listener closed to a client without a certificate of the CA; and each principal limited to its ACLs: a feed
 * writes its regions' notice topics and reads nothing; a MirrorMaker reads only what is sent to its peer; the gateway
 * cannot delete a topic nor create one outside {@code synergie.*}, nor read a peer's copy before a peering opened it;
 * nobody but the exchange reads the audit. No test here writes to a topic the gateway consumes: the positive write of a
 * feed is {@code IngestionIT}'s (real notices, straight to Kafka as a feed).
 */
@ExtendWith(RealStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaSecurityIT {

    private static final Duration REFUSAL = Duration.ofSeconds(15);

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void topicsTheTestsTouch() throws Exception {
        KafkaBroker kafka = SharedStack.kafka();
        // Not the gateway's topics: it declares them with settings of its own (an authorization is checked before a
        // topic's existence anyway). A topic sent to a peer, and a peer's copy nobody opened.
        for (String topic : List.of("synergie.federation.out.EXCH-KSEC", "EXCH-NOBODY.synergie.federation.out.EXCH-EU")) {
            create(kafka.operator(), topic);
        }
        try (KafkaProducer<String, String> producer = producer(kafka.operator())) {
            producer.send(new ProducerRecord<>("synergie.federation.out.EXCH-KSEC", "k", "for the peer")).get();
        }
    }

    @Test
    void connectWhenNoCredentialsOrAWrongPasswordThenRefused(KafkaBroker kafka) {
        Map<String, Object> plaintext = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        Map<String, Object> sslOnly = withTimeouts(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL",
                SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM",
                SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, kafka.caCertificate().toString()));
        KafkaBroker.Access gateway = kafka.gateway();
        KafkaBroker.Access wrong = new KafkaBroker.Access(gateway.principal(), "not-the-password",
                gateway.bootstrapServers(), gateway.caCertificate());

        assertThatThrownBy(() -> listTopics(withTimeouts(plaintext))).as("a client without TLS nor SASL")
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        assertThatThrownBy(() -> listTopics(sslOnly)).as("TLS without a SCRAM login")
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        assertThatThrownBy(() -> listTopics(withTimeouts(wrong.config()))).as("a wrong password")
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void connectWhenClientDoesNotTrustTheBrokersCaThenTheHandshakeFails(KafkaBroker kafka) {
        Map<String, Object> jdkTrust = new HashMap<>(kafka.gateway().config());
        jdkTrust.remove(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);
        jdkTrust.remove(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);

        assertThatThrownBy(() -> listTopics(withTimeouts(jdkTrust))).hasCauseInstanceOf(SslAuthenticationException.class);
    }

    @Test
    void internalListenerWhenClientHasNoCertificateOfTheCaThenRefused(KafkaBroker kafka) {
        // Brokers and the launcher authenticate with certificates there: trusting the CA is not enough.
        Map<String, Object> noCertificate = withTimeouts(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafka.internalPort(),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL",
                SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM",
                SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, kafka.caCertificate().toString()));

        assertThatThrownBy(() -> listTopics(noCertificate)).hasCauseInstanceOf(SslAuthenticationException.class);
    }

    @Test
    void feedWhenOtherRegionsTopicOrAnyReadThenRefused(KafkaBroker kafka) throws Exception {
        // A region of its own, its topic empty: reading is refused on a topic that exists (an absent one answers nothing).
        String region = "KSEC-" + run;
        String own = "synergie.notices." + region;
        create(kafka.operator(), own);
        KafkaBroker.Access feed = kafka.feed("KSEC-" + run, List.of(region));

        try (KafkaProducer<String, String> producer = producer(feed)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("synergie.notices.MED", "k", "v")).get())
                    .as("another region's topic").hasCauseInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("synergie.audit", "k", "v")).get())
                    .as("the audit").hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        assertThatThrownBy(() -> read(feed, own)).as("reading what it may write")
                .isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> readInGroup(feed, own, "synergie-indexer"))
                .as("joining the indexers' group").isInstanceOf(GroupAuthorizationException.class);
    }

    @Test
    void mirrorWhenAnythingButWhatIsSentToItsPeerThenRefused(KafkaBroker kafka) throws Exception {
        kafka.openFederation("EXCH-EU", "EXCH-KSEC");
        KafkaBroker.Access mirror = kafka.mirror("EXCH-KSEC");

        assertThat(read(mirror, "synergie.federation.out.EXCH-KSEC")).as("what is sent to its peer").isEqualTo("for the peer");
        for (String topic : List.of("synergie.audit", "synergie.notices.EU-WEST", "synergie.alerts")) {
            assertThatThrownBy(() -> read(mirror, topic)).as(topic).isInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaProducer<String, String> producer = producer(mirror)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("synergie.notices.EU-WEST", "k", "v")).get())
                    .as("a region topic").hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void gatewayWhenDeletingOrCreatingOutsideItsTopicsOrReadingAnUnopenedPeerThenRefused(KafkaBroker kafka)
            throws Exception {
        KafkaBroker.Access gateway = kafka.gateway();
        String own = "synergie.ksec-" + run;

        try (Admin admin = Admin.create(withTimeouts(gateway.config()))) {
            admin.createTopics(List.of(new NewTopic(own, 1, (short) 1))).all().get();
            assertThatThrownBy(() -> admin.deleteTopics(List.of(own)).all().get()).as("deleting its own topic")
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("ksec-" + run, 1, (short) 1))).all().get())
                    .as("a topic outside synergie.*").hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaProducer<String, String> producer = producer(gateway)) {
            producer.send(new ProducerRecord<>(own, "k", "v")).get();
        }
        assertThat(read(gateway, own)).as("reads what it wrote").isNotNull();
        assertThatThrownBy(() -> read(gateway, "EXCH-NOBODY.synergie.federation.out.EXCH-EU"))
                .as("a peer's copy before any peering").isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void secretsWhenWrittenThenReadableByTheirOwnerOnly(KafkaBroker kafka) throws Exception {
        Path folder = kafka.caCertificate().getParent();

        assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        for (String secret : List.of("ca.key", "broker.key", "broker.pem", "gateway.password", "operator.password",
                "operator.properties")) {
            assertThat(Files.getPosixFilePermissions(folder.resolve(secret))).as(secret)
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(Files.readString(folder.getParent().resolve("server.properties")))
                .as("no password in the broker's configuration").doesNotContain(kafka.gateway().password())
                .doesNotContain(kafka.operator().password());
    }

    /** Reads the topic's partition 0 from the start, without a group; null when it is empty. */
    private static String read(KafkaBroker.Access access, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(withTimeouts(access.config()),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            var records = consumer.poll(Duration.ofSeconds(5));
            return records.isEmpty() ? null : records.iterator().next().value();
        }
    }

    private static void readInGroup(KafkaBroker.Access access, String topic, String group) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(withTimeouts(access.config(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, group))), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            consumer.poll(Duration.ofSeconds(10));
        }
    }

    private static KafkaProducer<String, String> producer(KafkaBroker.Access access) {
        return new KafkaProducer<>(withTimeouts(access.config(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) REFUSAL.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) REFUSAL.toMillis()))),
                new StringSerializer(), new StringSerializer());
    }

    private static void listTopics(Map<String, Object> config) throws Exception {
        try (Admin admin = Admin.create(config)) {
            admin.listTopics().names().get();
        }
    }

    private static void create(KafkaBroker.Access access, String topic) throws Exception {
        try (Admin admin = Admin.create(access.config())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static Map<String, Object> withTimeouts(Map<String, Object> config) {
        Map<String, Object> bounded = new HashMap<>(config);
        bounded.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        bounded.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REFUSAL.toMillis());
        bounded.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) REFUSAL.toMillis());
        return bounded;
    }
}
