package eu.synergie.infra;

import eu.synergie.crypto.password.Bcrypt;
import eu.synergie.crypto.pki.Pem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The node's secrets and the files it is given, without a node: made once, kept, and never readable by others. */
class ElasticsearchSecurityTest {

    @TempDir
    Path folder;

    @Test
    void loadOrCreateWhenMadeBeforeThenSameCaAndPasswords() throws Exception {
        ElasticsearchSecurity first = ElasticsearchSecurity.loadOrCreate(folder.resolve("security"));
        ElasticsearchSecurity again = ElasticsearchSecurity.loadOrCreate(folder.resolve("security"));

        assertThat(again.gateway()).isEqualTo(first.gateway());
        assertThat(again.operator()).isEqualTo(first.operator());
        assertThat(first.gateway().password()).hasSize(32).isNotEqualTo(first.operator().password());
        assertThat(Files.readString(again.caCertificate())).isEqualTo(Files.readString(first.caCertificate()));
        assertThat(first.gateway().username()).isEqualTo("synergie-gateway");
        assertThat(first.operator().username()).isEqualTo("synergie-operator");
    }

    @Test
    void loadOrCreateWhenMadeThenSecretsOwnerOnly() throws Exception {
        Path security = folder.resolve("security");
        ElasticsearchSecurity.loadOrCreate(security);

        assertThat(Files.getPosixFilePermissions(security)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        for (String secret : List.of("ca.key", "gateway.password", "operator.password")) {
            assertThat(Files.getPosixFilePermissions(security.resolve(secret))).as(secret)
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        try (var files = Files.list(security)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder(".lock", "ca.key", "ca.crt", "gateway.password", "operator.password");
        }
    }

    @Test
    void writeNodeFilesWhenWrittenThenHashesRolesAndACertificateForTheLoopback() throws Exception {
        ElasticsearchSecurity security = ElasticsearchSecurity.loadOrCreate(folder.resolve("security"));
        Path config = Files.createDirectories(folder.resolve("config"));

        security.writeNodeFiles(config, "synergie-1");

        List<String> users = Files.readAllLines(config.resolve("users"));
        assertThat(users).hasSize(2);
        assertThat(users.get(0)).startsWith("synergie-gateway:$2a$10$");
        assertThat(Bcrypt.matches(security.gateway().password().toCharArray(), users.get(0).substring(users.get(0).indexOf(':') + 1))).isTrue();
        assertThat(Bcrypt.matches(security.operator().password().toCharArray(), users.get(1).substring(users.get(1).indexOf(':') + 1))).isTrue();
        assertThat(Files.readString(config.resolve("users_roles")))
                .isEqualTo("synergie_gateway:synergie-gateway\nsuperuser:synergie-operator\n");
        assertThat(Files.readString(config.resolve("roles.yml"))).contains("names: [\"notices*\", \"audit*\", \"reports*\"]")
                .contains("cluster: [\"cluster:monitor/health\", \"manage_index_templates\"]");

        List<X509Certificate> chain = Pem.readCertificates(Files.readString(config.resolve("certs/node.crt")));
        X509Certificate ca = Pem.readCertificates(Files.readString(security.caCertificate())).getFirst();
        chain.getFirst().verify(ca.getPublicKey());
        assertThat(chain).hasSize(2).last().isEqualTo(ca);
        assertThat(chain.getFirst().getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                .containsExactly("localhost", "127.0.0.1");
        assertThat(Pem.readPrivateKey(Files.readString(config.resolve("certs/node.key")))).isNotNull();
        for (String file : List.of("users", "users_roles", "roles.yml", "certs/node.key", "certs/node.crt", "certs/ca.crt")) {
            assertThat(Files.getPosixFilePermissions(config.resolve(file))).as(file)
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void writeNodeFilesWhenCertificateStillGoodThenKeptElseIssuedAgain() throws Exception {
        ElasticsearchSecurity security = ElasticsearchSecurity.loadOrCreate(folder.resolve("security"));
        Path config = Files.createDirectories(folder.resolve("config"));
        security.writeNodeFiles(config, "synergie-1");
        String certificate = Files.readString(config.resolve("certs/node.crt"));

        security.writeNodeFiles(config, "synergie-1");
        assertThat(Files.readString(config.resolve("certs/node.crt"))).as("kept across starts").isEqualTo(certificate);

        // Another CA (its folder was removed): the node's certificate no longer chains to what clients trust.
        ElasticsearchSecurity.loadOrCreate(folder.resolve("other")).writeNodeFiles(config, "synergie-1");
        assertThat(Files.readString(config.resolve("certs/node.crt"))).isNotEqualTo(certificate);
    }

    @Test
    void settingsWhenWrittenThenTlsBothWaysAndFileRealmOnly() {
        assertThat(ElasticsearchSecurity.settings())
                .contains("xpack.security.enabled: true")
                .contains("xpack.security.http.ssl.enabled: true")
                .contains("xpack.security.transport.ssl.enabled: true")
                .contains("xpack.security.transport.ssl.verification_mode: full")
                .contains("xpack.security.authc.reserved_realm.enabled: false")
                .contains("xpack.security.authc.realms.native.native1.enabled: false")
                .doesNotContain("xpack.security.authc.anonymous");
    }
}
