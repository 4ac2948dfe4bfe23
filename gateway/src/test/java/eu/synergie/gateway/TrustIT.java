package eu.synergie.gateway;

import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.trust.TrustLogReader;
import eu.synergie.core.trust.TrustRecords;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.crypto.stamp.ExchangeSignatures;
import eu.synergie.core.trust.kafka.TrustFollower;
import eu.synergie.crypto.pki.CertificateRequests;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.infra.SharedStack;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trust life cycle through the admin API on the real stack: onboard an agency, issue its certificate
 * from a CSR, publish, revoke, and see the next publication refused while earlier notices stay
 * searchable; and a second instance's registry sees the revocation within 5 seconds.
 */
class TrustIT extends GatewayIntegrationTest {

    /** Registered by this test only: its demo feed client {@code feed-es-cnp} exists in the realm. */
    private static final String AGENCY = "ES-CNP";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void onboardPublishRevokeThenNextPublicationRefusedAndEarlierNoticeStillFound() throws Exception {
        String admin = SharedStack.keycloak().passwordGrant("amelie.roux", "demo");

        HttpResponse<String> registered = send(admin, "POST", "/api/v1/trust/agencies", "application/json",
                "{\"code\":\"" + AGENCY + "\",\"name\":\"Cuerpo Nacional de Policía\",\"regions\":[\"EU-WEST\",\"MED\"]}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

        KeyPair pair = Keys.generateEcP256();
        HttpResponse<String> issued = send(admin, "POST", "/api/v1/trust/agencies/" + AGENCY + "/certificates",
                "application/pkcs10", Pem.certificateRequest(CertificateRequests.create(pair, AGENCY)));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        List<X509Certificate> chain = Pem.readCertificates(issued.body());
        assertThat(chain).hasSize(3);
        assertThat(chain.get(1)).isEqualTo(keys.issuingCa().certificate());
        assertThat(chain.get(2)).isEqualTo(keys.root());
        KeyCredential agency = new KeyCredential(pair.getPrivate(), chain);

        String feed = SharedStack.keycloak().clientCredentials("feed-es-cnp", "demo-secret-es-cnp");
        UUID first = UUID.randomUUID();
        HttpResponse<String> accepted = publish(feed, TestEnvelopes.seal(
                TestEnvelopes.notice(first, AGENCY, "EU-WEST", "Fraude carrusel del IVA " + first), agency,
                keys.regions().recipientCertificate("EU-WEST").orElseThrow()));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        // A second instance's view of the registry, following the same log with only the exchange root.
        TrustRegistry otherInstance = new TrustRegistry();
        try (TrustFollower follower = new TrustFollower(new KafkaConsumer<>(SharedStack.kafka().operator().config(), new StringDeserializer(),
                new ByteArrayDeserializer()), new TrustLogReader(otherInstance, TrustRecords.reader(new ExchangeSignatures(keys.root(), keys::logSignerCertificates),
                new Freshness(Duration.ofMinutes(5))), (topic, key, offset, reason, detail) -> { }))) {
            follower.start(Duration.ofSeconds(30));
            String serial = chain.getFirst().getSerialNumber().toString(16);
            HttpResponse<String> revoked = send(admin, "POST", "/api/v1/trust/certificates/" + serial + "/revocation",
                    "application/json", "{\"reason\":\"KEY_COMPROMISE\"}");
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
            long revokedAt = System.nanoTime();

            HttpResponse<String> refused = publish(feed, TestEnvelopes.seal(
                    TestEnvelopes.notice(UUID.randomUUID(), AGENCY, "EU-WEST", "Après révocation"), agency,
                    keys.regions().recipientCertificate("EU-WEST").orElseThrow()));
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).contains("CERTIFICATE_REVOKED");

            await("revocation seen by another instance").atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(20)).until(() -> otherInstance.certificate(serial).map(c -> c.revoked()).orElse(false));
            // Within 5 s of the revocation itself, not of the wait's start (the refused publication came in between).
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).as("revocation seen by another instance")
                    .isLessThan(Duration.ofSeconds(5));
            System.out.printf("revocation seen by a second instance after %d ms%n",
                    Duration.ofNanos(System.nanoTime() - revokedAt).toMillis());
        }

        String luc = SharedStack.keycloak().passwordGrant("luc.peeters", "demo");
        awaitFound(luc, "carrusel " + first, first);

        HttpResponse<byte[]> crl = http.send(HttpRequest.newBuilder(api("/api/v1/trust/crl")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(crl.statusCode()).isEqualTo(200);
        assertThat(crl.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
        X509CRL parsed = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.body()));
        parsed.verify(keys.issuingCa().certificate().getPublicKey());
        assertThat(parsed.isRevoked(chain.getFirst())).isTrue();
    }

    @Test
    void trustApiWhenAnalystThen403() throws Exception {
        String analyst = SharedStack.keycloak().passwordGrant("claire.martin", "demo");
        assertThat(send(analyst, "GET", "/api/v1/trust/agencies", "application/json", "").statusCode()).isEqualTo(403);
        assertThat(send(analyst, "POST", "/api/v1/trust/agencies", "application/json", "{}").statusCode()).isEqualTo(403);
    }

    @Test
    void csrWithBrokenSignatureIs422() throws Exception {
        String admin = SharedStack.keycloak().passwordGrant("markus.schmidt", "demo");
        send(admin, "POST", "/api/v1/trust/agencies", "application/json",
                "{\"code\":\"MA-DGSN\",\"name\":\"Sûreté nationale\",\"regions\":[\"MED\"]}");
        String csr = Pem.certificateRequest(CertificateRequests.create(Keys.generateEcP256(), "MA-DGSN"));
        String broken = csr.replace(csr.substring(100, 104), csr.charAt(100) == 'A' ? "BBBB" : "AAAA");
        HttpResponse<String> response = send(admin, "POST", "/api/v1/trust/agencies/MA-DGSN/certificates",
                "application/pkcs10", broken);
        assertThat(response.statusCode()).isIn(400, 422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private void awaitFound(String token, String text, UUID id) {
        await("notice " + id + " found (last answer)").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> send(token, "GET", "/api/v1/notices?purpose=CRF-LU-1&q=" + URLEncoder.encode(text, StandardCharsets.UTF_8),
                        "application/json", "").body(), body -> body.contains(id.toString()));
    }

    private HttpResponse<String> publish(String token, byte[] envelope) throws Exception {
        return http.send(HttpRequest.newBuilder(api("/api/v1/notices")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/pkcs7-mime").POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String token, String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", type);
        request = method.equals("GET") ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
