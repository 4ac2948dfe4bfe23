package eu.synergie.infra;

import eu.synergie.crypto.pki.CertificateAuthority;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What makes a broker closed to anyone but its principals: TLS on every listener with a CA of its own, SASL/SCRAM
 * (SHA-512) for clients, and ACLs with deny by default.
 *
 * <p>Its secrets live in {@code <broker folder>/security} (0700): the CA's key and certificate, the broker's key and
 * certificate chain (one PEM, 0600: Kafka reads both from one file), and one password file per SCRAM user (0600),
 * feeds' under {@code feeds/}. They are made on the first start and kept.
 *
 * <p>Three listeners: {@code CLIENTS} (SASL_SSL, SCRAM) for everyone, {@code INTERNAL} (TLS with client certificates)
 * between brokers and for the launcher itself, {@code CONTROLLER} (TLS with client certificates) for KRaft. A
 * certificate's principal is its CN. The principals:
 * <ul>
 *   <li>{@value #BROKER} (certificate): the brokers and the launcher, which creates the SCRAM users and the ACLs over
 *       the internal listener after each start (SCRAM users of KRaft live in the cluster's metadata, created through
 *       the admin API by someone already authenticated: the certificate breaks the circle). Super user.</li>
 *   <li>{@value #OPERATOR} (SCRAM): people, with Kafka's own tools ({@code operator.properties}). Super user.</li>
 *   <li>{@value #GATEWAY} (SCRAM): the exchange. Reads, writes, creates and configures the topics named
 *       {@code synergie.*}, in groups named {@code synergie*}; reads a federation copy only once a peering opened it.
 *       Cannot delete a topic, nor touch anything else.</li>
 *   <li>{@code mirror-<peer>} (SCRAM): the MirrorMaker 2 between this cluster and one peer, on either side of the
 *       flow: reads the one topic this cluster sends that peer, writes the peer's copies ({@code <peer>.*}) and its own
 *       bookkeeping topics here. Nothing else: not a region topic, not the audit.</li>
 *   <li>{@code feed-<agency>} (SCRAM): an agency that produces directly to Kafka. Writes its regions' notice topics,
 *       and nothing else: it reads nothing, not even what it wrote.</li>
 * </ul>
 */
final class KafkaSecurity {

    static final String BROKER = "synergie-kafka-broker";
    static final String OPERATOR = "synergie-operator";
    static final String GATEWAY = "synergie-gateway";
    static final String MECHANISM = "SCRAM-SHA-512";
    static final String TOPIC_PREFIX = "synergie.";
    static final String NOTICE_TOPIC_PREFIX = "synergie.notices.";
    private static final String GROUP_PREFIX = "synergie";
    private static final List<String> DNS_NAMES = List.of("localhost");
    private static final List<String> IP_ADDRESSES = List.of("127.0.0.1");
    /** The names an exchange, an agency or a region may have in a principal or a topic: what the registry accepts. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?");

    private final Path folder;
    private final CertificateAuthority ca;
    private final String gatewayPassword;
    private final String operatorPassword;

    private KafkaSecurity(Path folder, CertificateAuthority ca, String gatewayPassword, String operatorPassword) {
        this.folder = folder;
        this.ca = ca;
        this.gatewayPassword = gatewayPassword;
        this.operatorPassword = operatorPassword;
    }

    static KafkaSecurity loadOrCreate(Path folder) {
        return SecretsFolder.withLock(folder, secrets -> {
            CertificateAuthority ca = secrets.ca("Synergie Kafka CA");
            KafkaSecurity security = new KafkaSecurity(folder, ca, secrets.password("gateway.password"),
                    secrets.password("operator.password"));
            security.writeOperatorProperties();
            return security;
        });
    }

    Path caCertificate() {
        return folder.resolve("ca.crt");
    }

    /**
     * The brokers' key and certificate chain, issued again when missing or near their end; one for every member of a
     * cluster on this machine (they all answer at 127.0.0.1). Under the folder's lock: members start at once.
     */
    Path brokerKeyStore() {
        return SecretsFolder.withLock(folder, secrets -> {
            try {
                Path key = folder.resolve("broker.key");
                Path chain = folder.resolve("broker.crt");
                SecretsFolder.serverCertificate(ca, BROKER, DNS_NAMES, IP_ADDRESSES, key, chain);
                Path pem = folder.resolve("broker.pem");
                if (!Files.isRegularFile(pem) || !Files.readString(pem).equals(Files.readString(key) + Files.readString(chain))) {
                    SecretsFolder.write(pem, Files.readString(key) + Files.readString(chain), SecretsFolder.OWNER_ONLY);
                }
                return pem;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The broker's settings for {@code server.properties}, after its listeners. */
    String brokerSettings() throws IOException {
        Path keyStore = brokerKeyStore();
        return """
                # TLS everywhere, from the broker's own CA (security/ca.crt); a client checks the broker's name.
                ssl.keystore.type=PEM
                ssl.keystore.location=%1$s
                ssl.truststore.type=PEM
                ssl.truststore.location=%2$s
                ssl.endpoint.identification.algorithm=https
                listener.name.internal.ssl.client.auth=required
                listener.name.controller.ssl.client.auth=required
                # A certificate's principal is its CN.
                ssl.principal.mapping.rules=RULE:^CN=([^,]+).*$/$1/,DEFAULT
                # Clients: SCRAM users, created by the launcher (security/*.password).
                sasl.enabled.mechanisms=%3$s
                listener.name.clients.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
                # Deny by default; denials are logged (kafka.authorizer.logger).
                authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
                allow.everyone.if.no.acl.found=false
                super.users=User:%4$s;User:%5$s
                """.formatted(keyStore, caCertificate(), MECHANISM, BROKER, OPERATOR);
    }

    /** The launcher's own client settings: the broker's certificate on the internal listener. */
    Map<String, String> brokerClient() throws IOException {
        Path keyStore = brokerKeyStore();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
        settings.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
        settings.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keyStore.toString());
        settings.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        settings.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, caCertificate().toString());
        return settings;
    }

    /** A SCRAM user's client settings for the {@code CLIENTS} listener. */
    static Map<String, String> scramClient(String user, String password, Path caCertificate) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        settings.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        settings.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(user, password));
        settings.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        settings.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, caCertificate.toString());
        return settings;
    }

    static String jaas(String user, String password) {
        // Generated names and passwords are letters, digits, '-' and '_': nothing to escape inside the quotes.
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    String gatewayPassword() {
        return gatewayPassword;
    }

    String operatorPassword() {
        return operatorPassword;
    }

    /** The password of {@code mirror-<peer>}, made on first use. */
    String mirrorPassword(String peer) {
        return SecretsFolder.withLock(folder, secrets -> secrets.password("mirrors/" + name(peer) + ".password"));
    }

    /** The password of {@code feed-<agency>}, made on first use. */
    String feedPassword(String agency) {
        return SecretsFolder.withLock(folder, secrets -> secrets.password("feeds/" + name(agency) + ".password"));
    }

    /** A client configuration file for Kafka's own tools ({@code --command-config}), as the operator. */
    Path operatorProperties() {
        return folder.resolve("operator.properties");
    }

    private void writeOperatorProperties() {
        StringBuilder file = new StringBuilder("# The operator's client settings (Kafka's tools: --command-config). Secret: 0600.\n");
        scramClient(OPERATOR, operatorPassword, caCertificate()).forEach((key, value) -> file.append(key).append('=').append(value).append('\n'));
        try {
            SecretsFolder.write(operatorProperties(), file.toString(), SecretsFolder.OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the gateway may do, whatever the peerings. */
    static List<AclBinding> gatewayAcls() {
        List<AclBinding> acls = new ArrayList<>();
        for (AclOperation operation : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE,
                AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS)) {
            acls.add(allow(GATEWAY, ResourceType.TOPIC, TOPIC_PREFIX, PatternType.PREFIXED, operation));
        }
        for (AclOperation operation : List.of(AclOperation.READ, AclOperation.DESCRIBE)) {
            acls.add(allow(GATEWAY, ResourceType.GROUP, GROUP_PREFIX, PatternType.PREFIXED, operation));
        }
        return acls;
    }

    /**
     * The peering of this cluster (exchange {@code own}) with {@code peer}, as far as Kafka goes: the MirrorMakers'
     * principal for that peer reads what this cluster sends it and writes what it sends here; the gateway reads the
     * latter.
     */
    static List<AclBinding> federationAcls(String own, String peer) {
        name(own);
        String mirror = mirrorUser(peer);
        List<AclBinding> acls = new ArrayList<>();
        // As the source: the MirrorMaker beside the peer's cluster reads one topic here, without a group.
        String outbound = TOPIC_PREFIX + "federation.out." + peer;
        for (AclOperation operation : List.of(AclOperation.READ, AclOperation.DESCRIBE)) {
            acls.add(allow(mirror, ResourceType.TOPIC, outbound, PatternType.LITERAL, operation));
        }
        // As the target: the copies (<peer>.<topic>), MirrorMaker's own topics for this flow, its worker's group and
        // its transactions (exactly once), all named after the peer.
        List<ResourcePattern> written = List.of(
                new ResourcePattern(ResourceType.TOPIC, peer + ".", PatternType.PREFIXED),
                new ResourcePattern(ResourceType.TOPIC, "mm2-configs." + peer + ".internal", PatternType.LITERAL),
                new ResourcePattern(ResourceType.TOPIC, "mm2-offsets." + peer + ".internal", PatternType.LITERAL),
                new ResourcePattern(ResourceType.TOPIC, "mm2-status." + peer + ".internal", PatternType.LITERAL),
                new ResourcePattern(ResourceType.TOPIC, "mm2-offset-syncs." + peer + ".internal", PatternType.LITERAL),
                new ResourcePattern(ResourceType.TOPIC, "heartbeats", PatternType.LITERAL));
        for (ResourcePattern topic : written) {
            for (AclOperation operation : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE,
                    AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS)) {
                acls.add(new AclBinding(topic, entry(mirror, operation)));
            }
        }
        for (AclOperation operation : List.of(AclOperation.READ, AclOperation.DESCRIBE)) {
            acls.add(allow(mirror, ResourceType.GROUP, peer + "-mm2", PatternType.PREFIXED, operation));
        }
        // Transactions (exactly once): the task's ({@code <group>-<connector>-<task>}) and the worker leader's own
        // for the configuration topic ({@code connect-cluster-<group>}).
        for (String transactions : List.of(peer + "-mm2", "connect-cluster-" + peer + "-mm2")) {
            for (AclOperation operation : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
                acls.add(allow(mirror, ResourceType.TRANSACTIONAL_ID, transactions, PatternType.PREFIXED, operation));
            }
        }
        String inbound = peer + "." + TOPIC_PREFIX + "federation.out." + own;
        for (AclOperation operation : List.of(AclOperation.READ, AclOperation.DESCRIBE)) {
            acls.add(allow(GATEWAY, ResourceType.TOPIC, inbound, PatternType.LITERAL, operation));
        }
        return acls;
    }

    /** A feed writes its regions' notice topics, nothing else. */
    static List<AclBinding> feedAcls(String agency, List<String> regions) {
        List<AclBinding> acls = new ArrayList<>();
        for (String region : regions) {
            String topic = NOTICE_TOPIC_PREFIX + name(region);
            for (AclOperation operation : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
                acls.add(allow(feedUser(agency), ResourceType.TOPIC, topic, PatternType.LITERAL, operation));
            }
        }
        return acls;
    }

    static String mirrorUser(String peer) {
        return "mirror-" + name(peer);
    }

    static String feedUser(String agency) {
        return "feed-" + name(agency);
    }

    private static String name(String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("not a name for a Kafka principal or topic (letters and digits, with "
                    + "'_' or '-' inside): " + value);
        }
        return value;
    }

    private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern), entry(user, operation));
    }

    private static AccessControlEntry entry(String user, AclOperation operation) {
        return new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW);
    }
}
