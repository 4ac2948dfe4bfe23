package eu.synergie.gateway.wiring;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.Pem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the gateway reaches Elasticsearch, from its own {@code application.yml} and Spring Boot's auto-configuration:
 * HTTPS, its own user, and the trust of the CA it is given (and of that CA only), or of the JVM's CAs when none is.
 */
class ElasticsearchConnectionSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, ElasticsearchRestClientAutoConfiguration.class));

    @Test
    void connectionWhenDefaultsThenHttpsAsTheGatewaysUserTrustingTheJvmsCas() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            ElasticsearchConnectionDetails connection = started.getBean(ElasticsearchConnectionDetails.class);
            assertThat(connection.getNodes()).singleElement().satisfies(node -> {
                assertThat(node.protocol()).isEqualTo(ElasticsearchConnectionDetails.Node.Protocol.HTTPS);
                assertThat(node.hostname()).isEqualTo("127.0.0.1");
                assertThat(node.port()).isEqualTo(9200);
            });
            assertThat(connection.getUsername()).isEqualTo("synergie-gateway");
            assertThat(connection.getSslBundle()).isNotNull();
            assertThat(trusted(connection.getSslBundle())).hasSizeGreaterThan(1);
        });
    }

    @Test
    void connectionWhenCaAndPasswordGivenThenThatCaAloneIsTrusted(@TempDir Path folder) throws Exception {
        CertificateAuthority ca = CertificateAuthority.createRoot("Synergie Elasticsearch CA", Duration.ofDays(1));
        Path pem = Files.writeString(folder.resolve("ca.crt"), Pem.certificates(List.of(ca.certificate())));

        context.withSystemProperties("SYNERGIE_ELASTICSEARCH_CA=" + pem, "SYNERGIE_ELASTICSEARCH_PASSWORD=secret",
                "SYNERGIE_ELASTICSEARCH=https://search.example:9243").run(started -> {
            assertThat(started).hasNotFailed();
            ElasticsearchConnectionDetails connection = started.getBean(ElasticsearchConnectionDetails.class);
            assertThat(connection.getPassword()).isEqualTo("secret");
            assertThat(connection.getNodes()).singleElement().satisfies(node -> assertThat(node.hostname()).isEqualTo("search.example"));
            assertThat(trusted(connection.getSslBundle())).containsExactly(ca.certificate());
        });
    }

    private static List<X509Certificate> trusted(SslBundle bundle) throws Exception {
        TrustManager[] managers = bundle.getManagers().getTrustManagerFactory().getTrustManagers();
        return Arrays.stream(managers).filter(X509TrustManager.class::isInstance).map(X509TrustManager.class::cast)
                .flatMap(manager -> Arrays.stream(manager.getAcceptedIssuers())).toList();
    }
}
