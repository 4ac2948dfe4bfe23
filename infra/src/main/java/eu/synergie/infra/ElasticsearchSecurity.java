package eu.synergie.infra;

import eu.synergie.crypto.password.Bcrypt;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.Pem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import javax.net.ssl.SSLContext;

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
 *       {@code audit} (the auditors' index) and {@code reports} (partners' reports, sealed); puts index templates (the notices' template; Elasticsearch has no
 *       privilege narrower than all templates); reads the cluster's health and nothing else of the cluster.</li>
 *   <li>{@value #OPERATOR_USER}, role {@code superuser}: for people (and the launcher's own readiness check).</li>
 * </ul>
 */
final class ElasticsearchSecurity {

    static final String GATEWAY_USER = "synergie-gateway";
    static final String OPERATOR_USER = "synergie-operator";
    static final String GATEWAY_ROLE = "synergie_gateway";

    private static final List<String> NODE_DNS_NAMES = List.of("localhost");
    private static final List<String> NODE_IP_ADDRESSES = List.of("127.0.0.1");
    private static final String OWNER_ONLY = SecretsFolder.OWNER_ONLY;

    /**
     * The role of the gateway: the index patterns are what the search module names (NoticeQueries.ALIAS and its
     * generations {@code notices-<region>-g<millis>}, the audit index {@code audit} by default, the partners' reports
     * {@code reports}); {@code manage} covers
     * creating them, their aliases, mappings, refreshes and deleting old generations.
     */
    private static final String ROLES = """
            # Written by Synergie's launcher at every start: edits here are lost.
            %s:
              cluster: ["cluster:monitor/health", "manage_index_templates"]
              indices:
                - names: ["notices*", "audit*", "reports*"]
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
        this.sslContext = SecretsFolder.trusting(ca.certificate(), "synergie-elasticsearch-ca");
    }

    /** The secrets kept in {@code folder}, made there first if they are not. */
    static ElasticsearchSecurity loadOrCreate(Path folder) {
        return SecretsFolder.withLock(folder, secrets -> new ElasticsearchSecurity(folder,
                secrets.ca("Synergie Elasticsearch CA"),
                new ElasticsearchNode.Credentials(GATEWAY_USER, secrets.password("gateway.password")),
                new ElasticsearchNode.Credentials(OPERATOR_USER, secrets.password("operator.password"))));
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
        SecretsFolder.serverCertificate(ca, nodeName, NODE_DNS_NAMES, NODE_IP_ADDRESSES, certs.resolve("node.key"),
                certs.resolve("node.crt"));
        SecretsFolder.write(certs.resolve("ca.crt"), Pem.certificates(List.of(ca.certificate())), OWNER_ONLY);
        SecretsFolder.write(config.resolve("users"), GATEWAY_USER + ":" + Bcrypt.hash(gateway.password().toCharArray()) + "\n"
                + OPERATOR_USER + ":" + Bcrypt.hash(operator.password().toCharArray()) + "\n", OWNER_ONLY);
        SecretsFolder.write(config.resolve("users_roles"), GATEWAY_ROLE + ":" + GATEWAY_USER + "\nsuperuser:" + OPERATOR_USER + "\n",
                OWNER_ONLY);
        SecretsFolder.write(config.resolve("roles.yml"), ROLES, OWNER_ONLY);
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
}
