package eu.synergie.infra;

import eu.synergie.crypto.password.Bcrypt;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Pem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What makes one Elasticsearch node closed to anyone but its users: TLS on HTTP and between nodes with a CA of its
 * own, and two users of the file realm, each with a generated password.
 *
 * <p>Its secrets live in {@code <node folder>/security} (0700, the launcher's user): the CA's key and certificate, and
 * one password file per user (0600). They are made on the first start and kept: later starts, the gateway and the
 * operator find the same CA and passwords there. The node never sees the CA key nor the passwords: what it is given in
 * its configuration folder (its own key, its certificate, the CA certificate, the users' bcrypt hashes, the roles) is
 * written again on every start from what is kept here, readable by the node's user only.
 *
 * <p>The users (the file realm; the native realm and API keys need the {@code .security} index, whose mapping uses
 * analysis the test distribution lacks, and are switched off, as are the built-in users and anonymous access):
 * <ul>
 *   <li>{@value #GATEWAY_USER}, role {@value #GATEWAY_ROLE}: reads, writes and manages the indices and aliases whose
 *       names start with {@code notices} (a generation per region, its write alias, the {@code notices} alias) and
 *       {@code audit} (the auditors' index); puts index templates (the notices' template; Elasticsearch has no
 *       privilege narrower than all templates); reads the cluster's health and nothing else of the cluster.</li>
 *   <li>{@value #OPERATOR_USER}, role {@code superuser}: for people (and the launcher's own readiness check).</li>
 * </ul>
 */
final class ElasticsearchSecurity {

    static final String GATEWAY_USER = "synergie-gateway";
    static final String OPERATOR_USER = "synergie-operator";
    static final String GATEWAY_ROLE = "synergie_gateway";

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration NODE_VALIDITY = Duration.ofDays(730);
    /** A node certificate closer than this to its end is issued again at the next start. */
    private static final Duration NODE_RENEWAL = Duration.ofDays(30);
    private static final List<String> NODE_DNS_NAMES = List.of("localhost");
    private static final List<String> NODE_IP_ADDRESSES = List.of("127.0.0.1");
    private static final String OWNER_ONLY = "rw-------";
    private static final String PUBLIC = "rw-r--r--";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The role of the gateway: the index patterns are what the search module names (NoticeQueries.ALIAS and its
     * generations {@code notices-<region>-g<millis>}, the audit index {@code audit} by default); {@code manage} covers
     * creating them, their aliases, mappings, refreshes and deleting old generations.
     */
    private static final String ROLES = """
            # Written by Synergie's launcher at every start: edits here are lost.
            %s:
              cluster: ["cluster:monitor/health", "manage_index_templates"]
              indices:
                - names: ["notices*", "audit*"]
                  privileges: ["read", "write", "manage"]
                  allow_restricted_indices: false
            """.formatted(GATEWAY_ROLE);

    private final Path folder;
    private final CertificateAuthority ca;
    private final ElasticsearchNode.Credentials gateway;
    private final ElasticsearchNode.Credentials operator;
    private final SSLContext sslContext;

    private ElasticsearchSecurity(Path folder, CertificateAuthority ca, ElasticsearchNode.Credentials gateway,
                                  ElasticsearchNode.Credentials operator) {
        this.folder = folder;
        this.ca = ca;
        this.gateway = gateway;
        this.operator = operator;
        this.sslContext = trusting(ca.certificate());
    }

    /**
     * The secrets kept in {@code folder}, made there first if they are not (a lock file keeps two JVMs from making
     * two CAs at once).
     */
    static ElasticsearchSecurity loadOrCreate(Path folder) {
        synchronized (ElasticsearchSecurity.class) {
            try {
                Files.createDirectories(folder);
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
                try (FileChannel channel = FileChannel.open(folder.resolve(".lock"), Set.of(StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
                     FileLock ignored = channel.lock()) {
                    CertificateAuthority ca = caIn(folder);
                    return new ElasticsearchSecurity(folder, ca,
                            new ElasticsearchNode.Credentials(GATEWAY_USER, password(folder.resolve("gateway.password"))),
                            new ElasticsearchNode.Credentials(OPERATOR_USER, password(folder.resolve("operator.password"))));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the Elasticsearch security folder " + folder, e);
            }
        }
    }

    ElasticsearchNode.Credentials gateway() {
        return gateway;
    }

    ElasticsearchNode.Credentials operator() {
        return operator;
    }

    /** The CA certificate (PEM): what clients trust, {@code curl --cacert} and the gateway's SSL bundle. */
    Path caCertificate() {
        return folder.resolve("ca.crt");
    }

    /** The file holding the operator's password. */
    Path operatorPasswordFile() {
        return folder.resolve("operator.password");
    }

    /** A context that trusts this node's CA and nothing else. */
    SSLContext sslContext() {
        return sslContext;
    }

    /**
     * Writes what the node reads into its configuration folder: {@code certs/} (its key, 0600; its certificate and the
     * CA's), the file realm's {@code users} (bcrypt hashes), {@code users_roles} and {@code roles.yml}, all readable by
     * their owner only (the launcher gives the folder to the node's user afterwards).
     */
    void writeNodeFiles(Path config, String nodeName) throws IOException {
        Path certs = config.resolve("certs");
        Files.createDirectories(certs);
        Files.setPosixFilePermissions(certs, PosixFilePermissions.fromString("rwx------"));
        Path certificate = certs.resolve("node.crt");
        if (!usable(certificate)) {
            KeyPair keys = Keys.generateEcP256();
            X509Certificate issued = ca.issueTlsCertificate(nodeName, keys.getPublic(), NODE_DNS_NAMES,
                    NODE_IP_ADDRESSES, NODE_VALIDITY);
            write(certs.resolve("node.key"), Pem.privateKey(keys.getPrivate()), OWNER_ONLY);
            write(certificate, Pem.certificates(ca.chainOf(issued)), OWNER_ONLY);
        }
        write(certs.resolve("ca.crt"), Pem.certificates(List.of(ca.certificate())), OWNER_ONLY);
        write(config.resolve("users"), GATEWAY_USER + ":" + Bcrypt.hash(gateway.password().toCharArray()) + "\n"
                + OPERATOR_USER + ":" + Bcrypt.hash(operator.password().toCharArray()) + "\n", OWNER_ONLY);
        write(config.resolve("users_roles"), GATEWAY_ROLE + ":" + GATEWAY_USER + "\nsuperuser:" + OPERATOR_USER + "\n",
                OWNER_ONLY);
        write(config.resolve("roles.yml"), ROLES, OWNER_ONLY);
    }

    /**
     * The node's security settings for {@code elasticsearch.yml}. Security settings present also keep Elasticsearch's
     * own first-start auto-configuration (which would rewrite the file with certificates of its own) from running.
     */
    static String settings() {
        return """
                xpack.security.enabled: true
                xpack.security.autoconfiguration.enabled: false
                # Users come from the file realm only: no built-in users (elastic…), no native realm, no API keys or
                # tokens (they need the .security index), no anonymous access.
                xpack.security.authc.reserved_realm.enabled: false
                xpack.security.authc.realms.file.file1.order: 0
                xpack.security.authc.realms.native.native1.enabled: false
                xpack.security.authc.api_key.enabled: false
                xpack.security.authc.token.enabled: false
                xpack.security.http.ssl.enabled: true
                xpack.security.http.ssl.key: certs/node.key
                xpack.security.http.ssl.certificate: certs/node.crt
                xpack.security.http.ssl.certificate_authorities: [certs/ca.crt]
                xpack.security.transport.ssl.enabled: true
                xpack.security.transport.ssl.verification_mode: full
                xpack.security.transport.ssl.client_authentication: required
                xpack.security.transport.ssl.key: certs/node.key
                xpack.security.transport.ssl.certificate: certs/node.crt
                xpack.security.transport.ssl.certificate_authorities: [certs/ca.crt]
                """;
    }

    /** The node's certificate is there, from our CA, with its key, and far enough from its end. */
    private boolean usable(Path certificate) {
        if (!Files.isRegularFile(certificate) || !Files.isRegularFile(certificate.resolveSibling("node.key"))) {
            return false;
        }
        try {
            X509Certificate node = Pem.readCertificates(Files.readString(certificate)).getFirst();
            node.verify(ca.certificate().getPublicKey());
            return node.getNotAfter().toInstant().isAfter(Instant.now().plus(NODE_RENEWAL));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static CertificateAuthority caIn(Path folder) throws IOException {
        Path key = folder.resolve("ca.key");
        Path certificate = folder.resolve("ca.crt");
        if (Files.isRegularFile(key) && Files.isRegularFile(certificate)) {
            PrivateKey privateKey = Pem.readPrivateKey(Files.readString(key));
            return CertificateAuthority.of(new KeyCredential(privateKey, Pem.readCertificates(Files.readString(certificate))));
        }
        CertificateAuthority ca = CertificateAuthority.createRoot("Synergie Elasticsearch CA", CA_VALIDITY);
        write(key, Pem.privateKey(ca.credential().privateKey()), OWNER_ONLY);
        // Last: a folder with a certificate has its key too.
        write(certificate, Pem.certificates(List.of(ca.certificate())), PUBLIC);
        return ca;
    }

    /** The password in {@code file}, made there first: 24 random bytes, URL-safe Base64 (32 characters). */
    private static String password(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            byte[] random = new byte[24];
            RANDOM.nextBytes(random);
            write(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n", OWNER_ONLY);
        }
        String password = Files.readString(file).strip();
        if (password.isEmpty()) {
            throw new IllegalStateException(file + " is empty: delete it to have a new password made at the next start");
        }
        return password;
    }

    /** Written beside and moved into place, created with its permissions: never readable by others, even for a moment. */
    private static void write(Path file, String content, String permissions) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString(permissions));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static SSLContext trusting(X509Certificate ca) {
        try {
            // Through the JDK's own factory: the trust store holds only this CA, whoever issued the certificate.
            X509Certificate anchor = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(ca.getEncoded()));
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("synergie-elasticsearch-ca", anchor);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context trusting the Elasticsearch CA", e);
        }
    }
}
