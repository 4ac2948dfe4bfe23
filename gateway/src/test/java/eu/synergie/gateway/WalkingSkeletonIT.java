package eu.synergie.gateway;

import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.infra.KeycloakServer;
import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One notice from an agency to an analyst through the real Kafka, Elasticsearch and Keycloak: sealed
 * by the agency, pushed with a feed token, appended to its region topic, opened, verified and indexed
 * by the indexer, found by an analyst of the region and by nobody else.
 * <p>
 * Each test stands alone: the one notice that the first two look at is published once for the class, before
 * any test, and is searchable before any test runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalkingSkeletonIT extends GatewayIntegrationTest {

    private static final UUID NOTICE = UUID.randomUUID();
    private static final String TITLE = "Blanchiment via société écran " + NOTICE.toString().substring(0, 8);
    private static final String SEARCHED = "societe ecran " + NOTICE.toString().substring(0, 8);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private byte[] publishedEnvelope;
    private HttpResponse<String> published;
    /** The answer to claire's search that first found the notice. */
    private String foundByClaire;

    @BeforeAll
    void publishTheNoticeAndAwaitItSearchable() throws Exception {
        KeyCredential dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        publishedEnvelope = TestEnvelopes.seal(TestEnvelopes.notice(NOTICE, "FR-DGPN", "EU-WEST", TITLE), dgpn,
                keys.regions().recipientCertificate("EU-WEST").orElseThrow());
        published = publish(feedToken(), publishedEnvelope);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(202);
        foundByClaire = awaitHit(keycloak().passwordGrant("claire.martin", "demo"), SEARCHED);
    }

    @Test
    void noticePublishedByFeedIsFoundByAnalystOfItsRegionOnly() throws Exception {
        assertThat(published.body()).contains(NOTICE.toString()).contains("synergie.notices.EU-WEST");
        assertThat(foundByClaire).contains(NOTICE.toString()).contains("\"tlp\":\"AMBER\"");

        String jonas = keycloak().passwordGrant("jonas.weber", "demo");
        HttpResponse<String> other = search(jonas, SEARCHED, "BKA-2026-77");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).doesNotContain(NOTICE.toString()).contains("\"total\":0");
    }

    @Test
    void openByIdGivesProvenanceAndTheOriginalEnvelopeToTheAnalystOnly() throws Exception {
        String claire = keycloak().passwordGrant("claire.martin", "demo");
        HttpResponse<String> opened = get(claire, "/api/v1/notices/" + NOTICE + "?purpose=PJ-MRS-2026-0412");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        assertThat(opened.body()).contains("\"signerAgency\":\"FR-DGPN\"").contains("\"grading\":\"B2 · H2\"")
                .contains("\"certificateSha256\"").contains("\"birthDate\":\"1980-02-01\"");

        HttpResponse<byte[]> envelope = http.send(HttpRequest.newBuilder(api("/api/v1/notices/" + NOTICE
                        + "/envelope?purpose=PJ-MRS-2026-0412")).header("Authorization", "Bearer " + claire).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(envelope.statusCode()).isEqualTo(200);
        assertThat(envelope.body()).isEqualTo(publishedEnvelope);

        String jonas = keycloak().passwordGrant("jonas.weber", "demo");
        HttpResponse<String> forbidden = get(jonas, "/api/v1/notices/" + NOTICE + "?purpose=BKA-2026-77");
        HttpResponse<String> missing = get(jonas, "/api/v1/notices/" + UUID.randomUUID() + "?purpose=BKA-2026-77");
        assertThat(forbidden.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(forbidden.body().replace(NOTICE.toString(), "ID")).isEqualTo(missing.body().replaceAll(
                "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID"));
        assertThat(get(jonas, "/api/v1/notices/" + NOTICE + "/envelope?purpose=BKA-2026-77").statusCode()).isEqualTo(404);
        assertThat(get(claire, "/api/v1/notices/" + NOTICE).statusCode()).as("purpose required").isEqualTo(400);
    }

    @Test
    void requestWithoutTokenIs401ProblemDetails() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/api/v1/notices?q=x&purpose=p")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.body()).contains("\"status\":401");
    }

    @Test
    void tamperedTokenIs401() throws Exception {
        String token = keycloak().passwordGrant("claire.martin", "demo");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(search(tampered, "x", "p").statusCode()).isEqualTo(401);
    }

    @Test
    void analystCannotPublish403() throws Exception {
        HttpResponse<String> response = publish(keycloak().passwordGrant("claire.martin", "demo"), new byte[]{1, 2, 3});
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"status\":403");
    }

    @Test
    void feedCannotSearch403() throws Exception {
        assertThat(search(feedToken(), "x", "p").statusCode()).isEqualTo(403);
    }

    @Test
    void garbageEnvelopeIs400() throws Exception {
        HttpResponse<String> response = publish(feedToken(), "not a CMS envelope".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("MALFORMED_ENVELOPE").doesNotContain("Exception").doesNotContain("at eu.");
    }

    @Test
    void unknownRegionIs422() throws Exception {
        KeyCredential dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        byte[] envelope = TestEnvelopes.seal(TestEnvelopes.notice(UUID.randomUUID(), "FR-DGPN", "ATLANTIS", "Hors zone"),
                dgpn, keys.regions().recipientCertificate("EU-WEST").orElseThrow());
        HttpResponse<String> response = publish(feedToken(), envelope);
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("UNKNOWN_REGION");
    }

    @Test
    void publishingUnderAnotherAgencyIs403() throws Exception {
        KeyCredential bka = TestEnvelopes.agency(trust, "DE-BKA", Set.of("EU-CENTRAL"));
        byte[] envelope = TestEnvelopes.seal(TestEnvelopes.notice(UUID.randomUUID(), "DE-BKA", "EU-CENTRAL", "Fremd"),
                bka, keys.regions().recipientCertificate("EU-CENTRAL").orElseThrow());
        HttpResponse<String> response = publish(feedToken(), envelope);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("PUBLISH_NOT_PERMITTED");
    }

    @Test
    void searchWithoutPurposeIs400() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/api/v1/notices?q=x"))
                .header("Authorization", "Bearer " + keycloak().passwordGrant("claire.martin", "demo")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("purpose is required");
    }

    /** Claire's search for {@code text} until it finds the notice; its answer's body. */
    private String awaitHit(String token, String text) {
        String answer = await("notice " + NOTICE + " found by an analyst's search for '" + text + "' (last answer: status and body)")
                .atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    HttpResponse<String> response = search(token, text, "PJ-MRS-2026-0412");
                    return response.statusCode() + " " + response.body();
                }, last -> last.startsWith("200 ") && last.contains(NOTICE.toString()));
        return answer.substring("200 ".length());
    }

    private HttpResponse<String> search(String token, String text, String purpose) throws Exception {
        return http.send(HttpRequest.newBuilder(api("/api/v1/notices?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                        + "&purpose=" + URLEncoder.encode(purpose, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> publish(String token, byte[] envelope) throws Exception {
        return http.send(HttpRequest.newBuilder(api("/api/v1/notices"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/pkcs7-mime")
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String feedToken() {
        return keycloak().clientCredentials("feed-fr-dgpn", "demo-secret-fr-dgpn");
    }

    private static KeycloakServer keycloak() {
        return SharedStack.keycloak();
    }
}
