package eu.synergie.gateway;

import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.infra.KeycloakServer;
import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Four-eyes release of whole notices (issue 18, part 2) on the real stack. LU-PGD, this test's own agency, holds its
 * CONFIDENTIAL notices for a release approver: such a notice is accepted (202) but no analyst of the region finds it,
 * by search, by id or through a watchlist, while its approver reads it from the queue; its author (a feed client that
 * also holds the approver role) cannot approve it; one approval releases it, and the watchlist alert follows; a
 * RESTRICTED notice is not held; a rejected notice stays unseen; with a short expiry, the request expires and the
 * notice stays unseen. Every step is in the audit log.
 */
class ReleaseApprovalIT extends GatewayIntegrationTest {

    private static final String AGENCY = "LU-PGD";
    private static final String REGION = "EU-WEST";
    private static final String PURPOSE = "PGD-2026-1206";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void heldNoticeIsSeenOnlyByItsApproversUntilOneWhoIsNotItsAuthorReleasesIt() throws Exception {
        KeycloakServer keycloak = SharedStack.keycloak();
        String admin = keycloak.passwordGrant("amelie.roux", "demo");
        HttpResponse<String> onboarded = send(admin, "POST", "/api/v1/trust/agencies",
                "{\"code\":\"" + AGENCY + "\",\"name\":\"Police grand-ducale\",\"regions\":[\"" + REGION + "\"]}");
        assertThat(onboarded.statusCode()).as(onboarded.body()).isEqualTo(201);
        String feedSecret = JSON.readTree(onboarded.body()).path("feedClient").path("clientSecret").asString();
        // The feed client also approves: the principal that published a notice still may not approve it.
        TestPrincipals.grantClientRoles(keycloak, "feed-lu-pgd", "release-approver");
        String feed = keycloak.clientCredentials("feed-lu-pgd", feedSecret);
        HttpResponse<String> user = send(admin, "POST", "/api/v1/access/users", """
                {"username":"marie.weber","email":"marie.weber@police.example","firstName":"Marie","lastName":"Weber",
                 "agency":"%s","regions":["%s"],"clearance":"CONFIDENTIAL","roles":["release-approver"],
                 "temporaryPassword":false}""".formatted(AGENCY, REGION));
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        String approver = keycloak.passwordGrant("marie.weber", JSON.readTree(user.body()).path("initialPassword").asString());
        String claire = keycloak.passwordGrant("claire.martin", "demo");
        KeyCredential credential = TestEnvelopes.agency(trust, AGENCY, Set.of(REGION));

        // The policy, through the API: CONFIDENTIAL and above wait for an approver, from the lead on.
        HttpResponse<String> policy = send(admin, "PUT", "/api/v1/trust/agencies/" + AGENCY + "/release-policy",
                "{\"classificationAtLeast\":\"CONFIDENTIAL\",\"expiresAfter\":\"PT1H\"}");
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
        awaitInForce(JSON.readTree(policy.body()).path("rules").get(0).path("from").asString());
        assertThat(send(admin, "PUT", "/api/v1/trust/agencies/" + AGENCY + "/release-policy",
                "{\"classificationAtLeast\":\"TOP\"}").statusCode()).isEqualTo(422);

        String phone = "+33 6 " + (10 + (int) (Math.random() * 29)) + " 4" + (int) (Math.random() * 10) + " 5"
                + (int) (Math.random() * 10) + " 6" + (int) (Math.random() * 10);
        HttpResponse<String> watchlist = send(claire, "POST", "/api/v1/watchlists",
                "{\"name\":\"Go-fast Luxembourg\",\"values\":[{\"kind\":\"PHONE\",\"value\":\"" + phone + "\"}]}");
        assertThat(watchlist.statusCode()).as(watchlist.body()).isEqualTo(201);
        Thread.sleep(2000);   // the watchlist read back by the matcher: its log is followed within a second or so

        UUID held = UUID.randomUUID();
        UUID open = UUID.randomUUID();
        String marker = "PGDREL" + held.toString().substring(0, 8);
        assertThat(publish(feed, notice(held, "CONFIDENTIAL", marker + " retenue", phone), credential)).isEqualTo(202);
        assertThat(publish(feed, notice(open, "RESTRICTED", marker + " ouverte", "+352 621 000 111"), credential)).isEqualTo(202);

        // The RESTRICTED one is searchable; the CONFIDENTIAL one waits in the queue, unseen.
        await("the restricted notice searchable").atMost(Duration.ofSeconds(60)).until(() -> found(claire, marker).contains(open.toString()));
        String request = awaitRequest(approver, held);
        assertThat(request).isEqualTo("release:" + held + ":1:" + Instant.parse("2026-11-28T10:00:00Z").toEpochMilli());
        assertThat(found(claire, marker)).containsExactly(open.toString());
        assertThat(send(claire, "GET", "/api/v1/notices/" + held + "?purpose=" + PURPOSE, null).statusCode()).isEqualTo(404);
        assertThat(alerts(claire)).noneMatch(a -> a.path("noticeId").asString().equals(held.toString()));

        // Its approver reads it from the queue; the analyst may not, nor may another agency's approver.
        HttpResponse<String> read = send(approver, "GET", "/api/v1/approvals/" + request + "/notice", null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).path("title").asString()).isEqualTo(marker + " retenue");
        assertThat(send(claire, "GET", "/api/v1/approvals/" + request + "/notice", null).statusCode()).isEqualTo(403);
        assertThat(send(keycloak.passwordGrant("nadia.girard", "demo"), "GET", "/api/v1/approvals/" + request + "/notice",
                null).statusCode()).isEqualTo(404);
        JsonNode mine = JSON.readTree(send(feed, "GET", "/api/v1/releases", null).body());
        assertThat(StreamSupport.stream(mine.spliterator(), false)).filteredOn(r -> r.path("id").asString().equals(request))
                .singleElement().satisfies(r -> {
                    assertThat(r.path("status").asString()).isEqualTo("PENDING");
                    assertThat(r.path("kind").asString()).isEqualTo("NOTICE_RELEASE");
                    assertThat(r.path("recipient").asString()).isEqualTo(REGION);
                    assertThat(r.path("approvalsRequired").asInt()).isEqualTo(1);
                });

        // Its author cannot approve it; one other approver releases it, and what the region does on arrival follows.
        HttpResponse<String> self = send(feed, "POST", "/api/v1/approvals/" + request + "/approval", "");
        assertThat(self.statusCode()).as(self.body()).isEqualTo(403);
        assertThat(JSON.readTree(self.body()).path("reason").asString()).isEqualTo("SELF_APPROVAL");
        HttpResponse<String> approved = send(approver, "POST", "/api/v1/approvals/" + request + "/approval", "");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(JSON.readTree(approved.body()).path("status").asString()).isEqualTo("APPROVED");
        await("the released notice searchable").atMost(Duration.ofSeconds(60))
                .until(() -> found(claire, marker).contains(held.toString()));
        assertThat(send(claire, "GET", "/api/v1/notices/" + held + "?purpose=" + PURPOSE, null).statusCode()).isEqualTo(200);
        await("the watchlist alert, once released").atMost(Duration.ofSeconds(60))
                .until(() -> alerts(claire).stream().anyMatch(a -> a.path("noticeId").asString().equals(held.toString())
                        && a.path("kind").asString().equals("WATCHLIST")));
        assertThat(send(approver, "GET", "/api/v1/approvals/" + request + "/notice", null).statusCode())
                .as("no longer held: read as any notice").isEqualTo(404);

        // Rejected: never seen by the region.
        UUID rejected = UUID.randomUUID();
        assertThat(publish(feed, notice(rejected, "CONFIDENTIAL", marker + " refusée", "+352 621 000 222"), credential)).isEqualTo(202);
        String rejection = awaitRequest(approver, rejected);
        HttpResponse<String> refused = send(approver, "POST", "/api/v1/approvals/" + rejection + "/rejection", "");
        assertThat(JSON.readTree(refused.body()).path("status").asString()).isEqualTo("REJECTED");

        // A short expiry: the request expires undecided, and the notice stays unseen.
        HttpResponse<String> shorter = send(admin, "PUT", "/api/v1/trust/agencies/" + AGENCY + "/release-policy",
                "{\"classificationAtLeast\":\"CONFIDENTIAL\",\"expiresAfter\":\"PT3S\"}");
        assertThat(shorter.statusCode()).as(shorter.body()).isEqualTo(200);
        awaitInForce(JSON.readTree(shorter.body()).path("rules").get(1).path("from").asString());
        UUID expiring = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        assertThat(publish(feed, notice(expiring, "CONFIDENTIAL", marker + " expirée", "+352 621 000 333"), credential)).isEqualTo(202);
        String expiry = "release:" + expiring + ":1:" + Instant.parse("2026-11-28T10:00:00Z").toEpochMilli();
        await("the third request, expired").atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> state = send(approver, "GET", "/api/v1/approvals/" + expiry, null);
            return state.statusCode() == 200 && JSON.readTree(state.body()).path("status").asString().equals("EXPIRED");
        });
        HttpResponse<String> late = send(approver, "POST", "/api/v1/approvals/" + expiry + "/approval", "");
        assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
        assertThat(JSON.readTree(late.body()).path("reason").asString()).isEqualTo("APPROVAL_EXPIRED");
        assertThat(publish(feed, notice(after, "RESTRICTED", marker + " témoin", "+352 621 000 444"), credential)).isEqualTo(202);
        await("a later notice searchable").atMost(Duration.ofSeconds(60)).until(() -> found(claire, marker).contains(after.toString()));
        assertThat(found(claire, marker)).containsExactlyInAnyOrder(open.toString(), held.toString(), after.toString());
        assertThat(send(claire, "GET", "/api/v1/notices/" + rejected + "?purpose=" + PURPOSE, null).statusCode()).isEqualTo(404);
        assertThat(send(claire, "GET", "/api/v1/notices/" + expiring + "?purpose=" + PURPOSE, null).statusCode()).isEqualTo(404);

        // Audited: the request, the refused self-approval, the approval, the approver's reading.
        String auditor = keycloak.passwordGrant("sophie.lambert", "demo");
        await("the audit of the release").atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> audit = send(auditor, "GET", "/api/v1/audit?noticeId=" + held + "&size=100", null);
            String body = audit.body();
            return audit.statusCode() == 200 && body.contains("RELEASE_REQUEST") && body.contains("RELEASE_APPROVAL")
                    && body.contains("SELF_APPROVAL") && body.contains("four-eyes release " + request);
        });

        // The policy lifted: nothing more is held (a later notice's hold is judged by the rule of its time).
        HttpResponse<String> lifted = send(admin, "PUT", "/api/v1/trust/agencies/" + AGENCY + "/release-policy", "{}");
        assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(200);
        send(claire, "DELETE", "/api/v1/watchlists/" + JSON.readTree(watchlist.body()).path("id").asString(), null);
    }

    /** The id of the release request of notice {@code notice}, once it is in the approver's queue. */
    private String awaitRequest(String approver, UUID notice) {
        String[] id = new String[1];
        await("the release request of " + notice + " in the approver's queue").atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> queue = send(approver, "GET", "/api/v1/approvals", null);
            assertThat(queue.statusCode()).as(queue.body()).isEqualTo(200);
            StreamSupport.stream(JSON.readTree(queue.body()).spliterator(), false)
                    .filter(a -> a.path("noticeId").asString().equals(notice.toString()))
                    .forEach(a -> id[0] = a.path("id").asString());
            return id[0] != null;
        });
        return id[0];
    }

    private static void awaitInForce(String from) {
        Instant inForce = Instant.parse(from);
        await("the release rule in force").atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(inForce.plusMillis(500)));
    }

    private static String notice(UUID id, String classification, String title, String phone) {
        return TestEnvelopes.notice(id, AGENCY, REGION, title)
                .replace("\"classification\": \"RESTRICTED\"", "\"classification\": \"" + classification + "\"")
                .replace("\"dissemination\": \"POINTER\"", "\"dissemination\": \"FULL\"")
                .replace("{\"kind\": \"IBAN\", \"value\": \"FR7630006000011234567890189\"}",
                        "{\"kind\": \"PHONE\", \"value\": \"" + phone + "\"}");
    }

    private int publish(String token, String noticeJson, KeyCredential credential) throws Exception {
        byte[] envelope = TestEnvelopes.seal(noticeJson, credential, keys.regions().recipientCertificate(REGION).orElseThrow());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/api/v1/notices"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/pkcs7-mime")
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return response.statusCode();
    }

    private List<String> found(String token, String text) throws Exception {
        HttpResponse<String> response = send(token, "GET", "/api/v1/notices?q=" + text + "&purpose="
                + URLEncoder.encode(PURPOSE, StandardCharsets.UTF_8), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(response.body()).path("hits").spliterator(), false)
                .map(h -> h.path("noticeId").asString()).toList();
    }

    private List<JsonNode> alerts(String token) throws Exception {
        HttpResponse<String> response = send(token, "GET", "/api/v1/alerts?limit=500", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(response.body()).spliterator(), false).toList();
    }

    private static List<String> ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(response.body()).spliterator(), false).map(a -> a.path("id").asString()).toList();
    }

    private HttpResponse<String> send(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
