package eu.synergie.gateway;

import eu.synergie.core.envelope.MarkingsLabel;
import eu.synergie.core.envelope.NoticeSealer;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.crypto.envelope.HybridEnvelopeSealer;
import eu.synergie.crypto.envelope.HybridRecipient;
import eu.synergie.crypto.pki.BouncyCastle;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.CertificateRequests;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A region moved to the hybrid envelope profile (issue 20) on the real stack, as its users see it: the trust
 * administrator chooses the profile and a switch date through the API; an agency gets its ECDSA and ML-DSA-65
 * certificates from PKCS#10 requests and the region's two recipient certificates from the API; a classical notice
 * published before the switch stays searchable, one published after it is refused with {@code HYBRID_REQUIRED}, and a
 * hybrid one (ML-KEM-768 around ECDH, ML-DSA-65 countersignature) is accepted, indexed and found. The region, EU-NORTH,
 * is this test's alone in the shared stack: no other test publishes classical envelopes to it.
 */
class HybridProfileIT extends GatewayIntegrationTest {

    private static final String REGION = "EU-NORTH";
    private static final String AGENCY = "SE-NOA";
    private static final String PURPOSE = "NOA-2026-1204";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void regionSwitchedToHybridTakesHybridEnvelopesAndRefusesClassicalOnesFromItsSwitchDate() throws Exception {
        String admin = SharedStack.keycloak().passwordGrant("amelie.roux", "demo");
        HttpResponse<String> registered = send(admin, "POST", "/api/v1/trust/agencies", "application/json",
                "{\"code\":\"" + AGENCY + "\",\"name\":\"Polisen, Nationella operativa avdelningen\",\"regions\":[\"" + REGION + "\"]}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        JsonNode feedClient = JSON.readTree(registered.body()).get("feedClient");
        String feed = SharedStack.keycloak().clientCredentials(feedClient.get("clientId").asString(),
                feedClient.get("clientSecret").asString());

        // The agency's two signing keys, each certified from its own request; its ML-KEM key has no request (it cannot
        // sign one): the exchange never checks that certificate (it only names the agency as a recipient of its own
        // envelope), so here any ML-DSA CA's does.
        KeyPair ecdsa = Keys.generateEcP256();
        KeyPair mlDsa = Keys.generateMlDsa65();
        KeyCredential classical = new KeyCredential(ecdsa.getPrivate(), issued(admin, CertificateRequests.create(ecdsa, AGENCY)));
        List<X509Certificate> mlDsaChain = issued(admin, CertificateRequests.create(mlDsa, AGENCY));
        assertThat(mlDsaChain.getLast()).as("the ML-DSA chain ends at the exchange's ML-DSA root").isEqualTo(keys.postQuantumRoot());
        assertThat(classical.chain().getLast()).isEqualTo(keys.root());
        KeyCredential postQuantum = new KeyCredential(mlDsa.getPrivate(), mlDsaChain);
        KeyPair mlKem = Keys.generateMlKem768();
        X509Certificate ownKem = keys.postQuantumIssuingCa().issueAgencyKemCertificate(AGENCY, mlKem.getPublic(),
                Duration.ofDays(30));

        // What the agency seals to, as the API hands it out (to feeds too).
        HttpResponse<String> regions = send(feed, "GET", "/api/v1/trust/regions", "application/json", "");
        assertThat(regions.statusCode()).as(regions.body()).isEqualTo(200);
        JsonNode north = region(regions.body());
        assertThat(north.get("profile").asString()).isEqualTo("CLASSICAL");
        assertThat(JSON.readTree(regions.body())).as("a feed sees the regions its token grants").hasSize(1);
        List<X509Certificate> recipients = Pem.readCertificates(north.get("certificates").asString());
        assertThat(recipients).hasSize(2);
        X509Certificate regionEcdh = recipients.get(0);
        X509Certificate regionKem = recipients.get(1);
        assertThat(Keys.isEc(regionEcdh.getPublicKey())).isTrue();
        assertThat(Keys.isMlKem768(regionKem.getPublicKey())).isTrue();
        assertThat(CertificateAuthority.regionOf(regionKem)).isEqualTo(REGION);

        UUID before = UUID.randomUUID();
        HttpResponse<String> classicalBefore = publish(feed, NoticeSealer.seal(notice(before, "avant la bascule").getBytes(StandardCharsets.UTF_8),
                classical, regionEcdh));
        assertThat(classicalBefore.statusCode()).as(classicalBefore.body()).isEqualTo(202);

        HttpResponse<String> past = send(admin, "PUT", "/api/v1/trust/regions/" + REGION + "/profile", "application/json",
                "{\"profile\":\"HYBRID\",\"from\":\"" + Instant.now().minusSeconds(60) + "\"}");
        assertThat(past.statusCode()).as(past.body()).isEqualTo(422);
        assertThat(past.body()).contains("s from now");
        Instant switchAt = Instant.now().plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        HttpResponse<String> chosen = send(admin, "PUT", "/api/v1/trust/regions/" + REGION + "/profile", "application/json",
                "{\"profile\":\"HYBRID\",\"from\":\"" + switchAt + "\"}");
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
        JsonNode scheduled = JSON.readTree(chosen.body());
        assertThat(scheduled.get("profile").asString()).as("not before its date").isEqualTo("CLASSICAL");
        assertThat(scheduled.get("switches").get(0).get("profile").asString()).isEqualTo("HYBRID");
        assertThat(Instant.parse(scheduled.get("switches").get(0).get("from").asString())).isEqualTo(switchAt);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(switchAt.plusMillis(200)));

        HttpResponse<String> classicalAfter = publish(feed, NoticeSealer.seal(notice(UUID.randomUUID(), "après la bascule, classique")
                .getBytes(StandardCharsets.UTF_8), classical, regionEcdh));
        assertThat(classicalAfter.statusCode()).as(classicalAfter.body()).isEqualTo(422);
        assertThat(classicalAfter.body()).contains("HYBRID_REQUIRED").contains(REGION);

        UUID hybrid = UUID.randomUUID();
        byte[] json = notice(hybrid, "après la bascule, hybride").getBytes(StandardCharsets.UTF_8);
        byte[] envelope = HybridEnvelopeSealer.seal(json, classical, postQuantum,
                List.of(new HybridRecipient(regionEcdh, regionKem), new HybridRecipient(classical.certificate(), ownKem)),
                MarkingsLabel.of(NoticeJson.read(json).markings()));
        assertThat(EnvelopeProfile.of(envelope)).isEqualTo(EnvelopeProfile.HYBRID);
        HttpResponse<String> hybridAfter = publish(feed, envelope);
        assertThat(hybridAfter.statusCode()).as(hybridAfter.body()).isEqualTo(202);

        // Indexed by the indexer (which judges again as of the append time): the classical notice appended before the
        // switch and the hybrid one, never the refused one.
        String analyst = TestPrincipals.taxiiClientToken(SharedStack.keycloak(), "it-noa-analyst", AGENCY, List.of(REGION),
                "RESTRICTED", PURPOSE);
        await("both notices searchable").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> found = send(analyst, "GET", "/api/v1/notices?size=10&purpose=" + PURPOSE + "&q="
                    + URLEncoder.encode(RUN, StandardCharsets.UTF_8), "application/json", "");
            assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
            assertThat(JSON.readTree(found.body()).get("total").asLong()).as(found.body()).isEqualTo(2);
            assertThat(found.body()).contains(before.toString()).contains(hybrid.toString());
        });
    }

    @Test
    void mlDsaCrlIsPublicAndSignedByTheMlDsaIssuingCa() throws Exception {
        HttpResponse<byte[]> crl = http.send(HttpRequest.newBuilder(api("/api/v1/trust/crl/ml-dsa")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(crl.statusCode()).isEqualTo(200);
        X509CRL list = (X509CRL) CertificateFactory.getInstance("X.509", BouncyCastle.PROVIDER)
                .generateCRL(new ByteArrayInputStream(crl.body()));
        X509Certificate issuer = keys.postQuantumIssuingCa().certificate();
        list.verify(issuer.getPublicKey(), BouncyCastle.PROVIDER);
        assertThat(list.getIssuerX500Principal()).isEqualTo(issuer.getSubjectX500Principal());
    }

    private List<X509Certificate> issued(String admin, byte[] csr) throws Exception {
        HttpResponse<String> issued = send(admin, "POST", "/api/v1/trust/agencies/" + AGENCY + "/certificates",
                "application/pkcs10", Pem.certificateRequest(csr));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return Pem.readCertificates(issued.body());
    }

    private static JsonNode region(String regions) {
        for (JsonNode region : JSON.readTree(regions)) {
            if (region.get("region").asString().equals(REGION)) {
                return region;
            }
        }
        throw new AssertionError(REGION + " is not among the regions: " + regions);
    }

    private static String notice(UUID id, String title) {
        return TestEnvelopes.notice(id, AGENCY, REGION, "Blanchiment " + title + " " + RUN);
    }

    private HttpResponse<String> publish(String token, byte[] envelope) throws Exception {
        return http.send(HttpRequest.newBuilder(api("/api/v1/notices"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/pkcs7-mime")
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String token, String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", type);
        request = method.equals("GET") ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
