package eu.synergie.gateway;

import eu.synergie.core.approval.Approval;
import eu.synergie.core.approval.ApprovalRequest;
import eu.synergie.core.approval.ApprovalRequest.Subject;
import eu.synergie.core.approval.ApprovalStatus;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import eu.synergie.gateway.approval.ReleaseApprovals;
import eu.synergie.infra.KeycloakServer;
import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Four-eyes approval on the real stack: a pointer disclosure asked for by the federation waits in the queue of
 * FR-DGPN's release approvers only, one approval is not enough, nobody counts twice, the second approver approves it
 * and whoever acts on approvals is told once; a rejection ends a request; an expired one takes no decision and the
 * sweep closes it; analysts are refused at the door; every decision is in the audit log.
 */
class ApprovalsIT extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String APPROVALS = "/api/v1/approvals";

    @Autowired
    private ReleaseApprovals approvals;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, AtomicInteger> told = new ConcurrentHashMap<>();
    private ReleaseApprovals.Registration listening;
    private KeycloakServer keycloak;

    @BeforeEach
    void listen() {
        keycloak = SharedStack.all().keycloak();
        listening = approvals.onApproved(a -> told.computeIfAbsent(a.id(), id -> new AtomicInteger()).incrementAndGet());
    }

    @AfterEach
    void stopListening() {
        listening.close();
    }

    @Test
    void approveWhenTwoApproversOfTheOwningAgencyApproveThenApprovedAndTheListenerToldOnce() throws Exception {
        String notice = UUID.randomUUID().toString();
        Approval requested = approvals.request(pointer(notice, 2, Duration.ofHours(1)));
        String id = requested.id();
        assertThat(requested.status()).isEqualTo(ApprovalStatus.PENDING);
        String nadia = token("nadia.girard");
        String paul = token("paul.lefevre");
        String an = token("an.devos");

        // In the queue of FR-DGPN's approvers, not of BE-PJF's: to them it does not exist.
        assertThat(ids(send("GET", APPROVALS, nadia))).contains(id);
        assertThat(ids(send("GET", APPROVALS, an))).doesNotContain(id);
        HttpResponse<String> hidden = send("GET", APPROVALS + "/" + id, an);
        HttpResponse<String> missing = send("GET", APPROVALS + "/" + UUID.randomUUID(), an);
        assertProblem(hidden, 404, "APPROVAL_NOT_FOUND");
        assertThat(sameProblem(hidden)).isEqualTo(sameProblem(missing));
        assertProblem(send("POST", APPROVALS + "/" + id + "/approval", an), 404, "APPROVAL_NOT_FOUND");
        JsonNode seen = JSON.readTree(send("GET", APPROVALS + "/" + id, nadia).body());
        assertThat(seen.path("kind").asString()).isEqualTo("POINTER_DISCLOSURE");
        assertThat(seen.path("noticeId").asString()).isEqualTo(notice);
        assertThat(seen.path("approvalsRequired").asInt()).isEqualTo(2);

        // One approval is not enough, and the same person does not count twice.
        HttpResponse<String> first = send("POST", APPROVALS + "/" + id + "/approval", nadia);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("status").asString()).isEqualTo("PENDING");
        assertThat(JSON.readTree(first.body()).path("approvedBy").values()).extracting(JsonNode::asString)
                .containsExactly("nadia.girard");
        HttpResponse<String> again = send("POST", APPROVALS + "/" + id + "/approval", nadia);
        assertProblem(again, 409, "ALREADY_APPROVED");
        assertThat(JSON.readTree(again.body()).path("detail").asString()).isNotBlank();

        HttpResponse<String> second = send("POST", APPROVALS + "/" + id + "/approval", paul);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        JsonNode approved = JSON.readTree(second.body());
        assertThat(approved.path("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.path("approvedBy").values()).extracting(JsonNode::asString)
                .containsExactly("nadia.girard", "paul.lefevre");
        assertThat(ids(send("GET", APPROVALS, nadia))).doesNotContain(id);
        assertProblem(send("POST", APPROVALS + "/" + id + "/rejection", paul), 409, "APPROVAL_ALREADY_DECIDED");

        await("the listener told of the approval").atMost(Duration.ofSeconds(60)).until(() -> count(id) == 1);
        // A later approval as the marker: the group reads in log order, so once it is told, any second call for the
        // first request would have come before it.
        Approval marker = approvals.request(pointer(UUID.randomUUID().toString(), 1, Duration.ofHours(1)));
        assertThat(send("POST", APPROVALS + "/" + marker.id() + "/approval", paul).statusCode()).isEqualTo(200);
        await("the listener told of the marker").atMost(Duration.ofSeconds(60)).until(() -> count(marker.id()) == 1);
        assertThat(count(id)).as("told once").isEqualTo(1);

        List<JsonNode> audit = awaitAudit("noticeId=" + notice, 5);
        assertThat(audit).extracting(r -> r.path("action").asString() + " " + r.path("subject").asString() + " "
                + r.path("outcome").asString()).containsExactlyInAnyOrder(
                "RELEASE_REQUEST system:federation SUCCESS", "RELEASE_APPROVAL nadia.girard SUCCESS",
                "RELEASE_APPROVAL nadia.girard REFUSED", "RELEASE_APPROVAL paul.lefevre SUCCESS",
                "RELEASE_REJECTION paul.lefevre REFUSED");
        assertThat(audit).filteredOn(r -> r.path("outcome").asString().equals("REFUSED")
                && r.path("subject").asString().equals("nadia.girard")).singleElement()
                .satisfies(r -> assertThat(r.path("change").asString()).contains("ALREADY_APPROVED"));
        assertThat(audit).allSatisfy(r -> assertThat(r.path("recipients").values()).extracting(JsonNode::asString)
                .containsExactly("EXCH-B/DE-BKA"));
        // BE-PJF's refused approval is audited for BE-PJF, without FR-DGPN's notice.
        assertThat(awaitAudit("subject=an.devos&action=RELEASE_APPROVAL&size=100", 1)).filteredOn(r ->
                r.path("change").asString().contains(id)).singleElement().satisfies(r -> {
            assertThat(r.path("agency").asString()).isEqualTo("BE-PJF");
            assertThat(r.path("outcome").asString()).isEqualTo("REFUSED");
            assertThat(r.path("noticeIds").values()).isEmpty();
        });
    }

    @Test
    void rejectWhenAnApproverRejectsThenRejectedAndNeverApproved() throws Exception {
        String notice = UUID.randomUUID().toString();
        String id = approvals.request(pointer(notice, 2, Duration.ofHours(1))).id();
        String paul = token("paul.lefevre");

        HttpResponse<String> rejected = send("POST", APPROVALS + "/" + id + "/rejection", paul);

        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        assertThat(JSON.readTree(rejected.body()).path("status").asString()).isEqualTo("REJECTED");
        assertThat(JSON.readTree(rejected.body()).path("rejectedBy").asString()).isEqualTo("paul.lefevre");
        assertProblem(send("POST", APPROVALS + "/" + id + "/approval", token("nadia.girard")), 409, "APPROVAL_ALREADY_DECIDED");
        assertThat(JSON.readTree(send("GET", APPROVALS + "/" + id, paul).body()).path("status").asString()).isEqualTo("REJECTED");
        assertThat(awaitAudit("noticeId=" + notice + "&action=RELEASE_REJECTION", 1)).singleElement().satisfies(r -> {
            assertThat(r.path("subject").asString()).isEqualTo("paul.lefevre");
            assertThat(r.path("outcome").asString()).isEqualTo("SUCCESS");
        });
        assertThat(told).doesNotContainKey(id);
    }

    @Test
    void approveWhenExpiredThenRefusedAndTheSweepClosesIt() throws Exception {
        String notice = UUID.randomUUID().toString();
        Approval requested = approvals.request(pointer(notice, 2, Duration.ofSeconds(2)));
        String id = requested.id();
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(requested.request().expiresAt()));
        String nadia = token("nadia.girard");

        assertProblem(send("POST", APPROVALS + "/" + id + "/approval", nadia), 409, "APPROVAL_EXPIRED");
        assertThat(JSON.readTree(send("GET", APPROVALS + "/" + id, nadia).body()).path("status").asString()).isEqualTo("EXPIRED");
        assertThat(ids(send("GET", APPROVALS, nadia))).doesNotContain(id);
        assertThat(awaitAudit("noticeId=" + notice + "&action=RELEASE_EXPIRY", 1)).singleElement()
                .satisfies(r -> assertThat(r.path("subject").asString()).isEqualTo("system:approvals"));
        assertThat(awaitAudit("noticeId=" + notice + "&action=RELEASE_APPROVAL", 1)).singleElement()
                .satisfies(r -> assertThat(r.path("change").asString()).contains("EXPIRED"));
    }

    @Test
    void everyEndpointWhenCalledByAnAnalystThenRefused403() throws Exception {
        String id = approvals.request(pointer(UUID.randomUUID().toString(), 2, Duration.ofHours(1))).id();
        String claire = token("claire.martin");

        assertProblem(send("GET", APPROVALS, claire), 403, null);
        assertProblem(send("GET", APPROVALS + "/" + id, claire), 403, null);
        assertProblem(send("POST", APPROVALS + "/" + id + "/approval", claire), 403, null);
        assertProblem(send("POST", APPROVALS + "/" + id + "/rejection", claire), 403, null);
        Caller nadia = new Caller("nadia.girard", "FR-DGPN", Set.of(), null, Set.of(Role.RELEASE_APPROVER));
        assertThat(approvals.get(id, nadia).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(approvals.get(id, nadia).approvedBy()).isEmpty();
    }

    private ApprovalRequest pointer(String notice, int approvalsRequired, Duration expiresIn) {
        Instant now = Instant.now();
        return new ApprovalRequest("it-" + UUID.randomUUID(), new Subject(Subject.Kind.POINTER_DISCLOSURE, notice,
                "EXCH-B/DE-BKA"), "FR-DGPN", "system:federation", approvalsRequired, now, now.plus(expiresIn));
    }

    private int count(String id) {
        AtomicInteger count = told.get(id);
        return count == null ? 0 : count.get();
    }

    private String token(String user) {
        return keycloak.passwordGrant(user, "demo");
    }

    private static List<String> ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).values().stream().map(a -> a.path("id").asString()).toList();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        if (reason != null) {
            assertThat(problem.path("reason").asString()).isEqualTo(reason);
        }
    }

    /** What a caller learns from a problem: all of it but the path it asked for. */
    private static String sameProblem(HttpResponse<String> response) {
        JsonNode problem = JSON.readTree(response.body());
        return response.statusCode() + " " + problem.path("type") + " " + problem.path("title") + " "
                + problem.path("reason") + " " + problem.path("detail");
    }

    /** The audit records an auditor finds with {@code criteria}, once at least {@code atLeast} are indexed. */
    private List<JsonNode> awaitAudit(String criteria, int atLeast) throws Exception {
        String auditor = token("sophie.lambert");
        String query = "/api/v1/audit?" + criteria + (criteria.contains("size=") ? "" : "&size=100");
        return await("audit records " + criteria).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    HttpResponse<String> response = send("GET", query, auditor);
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    return JSON.readTree(response.body()).path("records").values().stream().toList();
                }, records -> records.size() >= atLeast);
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody());
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
