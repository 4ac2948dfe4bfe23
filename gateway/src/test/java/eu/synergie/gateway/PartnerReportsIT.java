package eu.synergie.gateway;

import eu.synergie.infra.KeycloakServer;
import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The partner channel (issue 18, part 3) on the real stack: a partner (lea.moreau, NGO-ALC) reports a trafficking case
 * to FR-DGPN; the report is stored sealed (its victim's name is nowhere in the stored document); FR-DGPN's analyst finds
 * it in the inbox, reads it (audited with the purpose), writes back, gets a notice draft whose victim is protected, and
 * closes it; the partner sees each status and the messages. BE-PJF's analyst, in the same region, does not see a report
 * addressed to FR-DGPN, but does see one for the region's triage desk; MA-DGSN's (another region) does not. The partner
 * cannot search or read notices (SecurityIT checks every operation for the role).
 */
class PartnerReportsIT extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PURPOSE = "DGPN-TEH-2026-0917";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void reportWhenSentToAnAgencyThenItsAnalystTriagesItAndThePartnerFollowsIt() throws Exception {
        KeycloakServer keycloak = SharedStack.keycloak();
        String lea = keycloak.passwordGrant("lea.moreau", "demo");
        String claire = keycloak.passwordGrant("claire.martin", "demo");
        String luc = keycloak.passwordGrant("luc.peeters", "demo");
        String youssef = keycloak.passwordGrant("youssef.benali", "demo");
        TestEnvelopes.agency(trust, "FR-DGPN", java.util.Set.of("EU-WEST", "MED"));   // registered, as in the demo
        String victim = "Blessing OKAFOR-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();

        HttpResponse<String> sent = send(lea, "POST", "/api/v1/reports", """
                {"region":"EU-WEST","addressee":"FR-DGPN",
                 "what":"Trois jeunes femmes logées au-dessus d'un salon de massage, passeports retenus par le gérant.",
                 "where":"Nice, quartier de la gare","when":"depuis octobre 2026",
                 "people":[{"name":"%s","role":"VICTIM","details":"19 ans, nigériane"},
                           {"name":"« Tonton »","details":"le gérant"}],
                 "consent":{"victimAgreesToShare":true,"contactAllowed":false}}""".formatted(victim));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        JsonNode received = JSON.readTree(sent.body());
        String id = received.path("id").asString();
        assertThat(received.path("status").asString()).isEqualTo("RECEIVED");
        assertThat(received.path("organisation").asString()).isEqualTo("NGO-ALC");

        // Stored sealed: the document names who and where to, never what or whom.
        String stored = StoredDocuments.read("reports", id);
        assertThat(stored).contains("\"addressee\":\"FR-DGPN\"").contains("\"envelope\"").doesNotContain(victim)
                .doesNotContain("passeports");

        // Bad input: named, refused, nothing stored.
        int sentBefore = ids(send(lea, "GET", "/api/v1/reports", null)).size();
        HttpResponse<String> invalid = send(lea, "POST", "/api/v1/reports",
                "{\"region\":\"EU-WEST\",\"addressee\":\"XX-NONE\",\"what\":\"x\",\"where\":\"y\",\"when\":\"z\",\"consent\":{}}");
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(422);
        assertThat(JSON.readTree(invalid.body()).path("reason").asString()).isEqualTo("INVALID_REPORT");
        assertThat(JSON.readTree(invalid.body()).path("detail").asString()).contains("addressee");
        assertThat(ids(send(lea, "GET", "/api/v1/reports", null))).hasSize(sentBefore);
        HttpResponse<String> elsewhere = send(lea, "POST", "/api/v1/reports",
                "{\"region\":\"EU-CENTRAL\",\"what\":\"x\",\"where\":\"y\",\"when\":\"z\",\"consent\":{}}");
        assertThat(elsewhere.statusCode()).as("a region the partner account does not cover").isEqualTo(422);

        // FR-DGPN's analyst: in the inbox, read with a purpose (audited), in review for the partner.
        assertThat(ids(send(claire, "GET", "/api/v1/report-inbox", null))).contains(id);
        assertThat(send(claire, "GET", "/api/v1/report-inbox/" + id, null).statusCode()).as("no purpose").isEqualTo(400);
        HttpResponse<String> read = send(claire, "GET", "/api/v1/report-inbox/" + id + "?purpose=" + PURPOSE, null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        JsonNode opened = JSON.readTree(read.body());
        assertThat(opened.path("content").path("people").get(0).path("name").asString()).isEqualTo(victim);
        assertThat(opened.path("report").path("status").asString()).isEqualTo("IN_REVIEW");

        // BE-PJF's analyst (same region) and MA-DGSN's: not for them, exactly like a missing one.
        assertThat(ids(send(luc, "GET", "/api/v1/report-inbox", null))).doesNotContain(id);
        HttpResponse<String> hidden = send(luc, "GET", "/api/v1/report-inbox/" + id + "?purpose=X", null);
        HttpResponse<String> missing = send(luc, "GET", "/api/v1/report-inbox/rep-" + UUID.randomUUID() + "?purpose=X", null);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(hidden.body()).path("reason").asString()).isEqualTo("REPORT_NOT_FOUND");
        assertThat(JSON.readTree(hidden.body()).path("detail")).isEqualTo(JSON.readTree(missing.body()).path("detail"));
        assertThat(send(claire, "GET", "/api/v1/reports/" + id, null).statusCode()).as("analysts are not partners").isEqualTo(403);

        // A message back, the notice draft (the victim protected, the suspect not), then closed with a reason.
        HttpResponse<String> message = send(claire, "POST", "/api/v1/report-inbox/" + id + "/messages",
                "{\"text\":\"Merci. Un enquêteur de l'OCRTEH vous appellera ; ne prévenez pas le gérant.\"}");
        assertThat(message.statusCode()).as(message.body()).isEqualTo(200);
        JsonNode draft = JSON.readTree(send(claire, "GET", "/api/v1/report-inbox/" + id + "/draft?purpose=" + PURPOSE, null).body());
        assertThat(draft.path("originAgency").asString()).isEqualTo("FR-DGPN");
        JsonNode protectedPerson = draft.path("entities").get(0);
        assertThat(protectedPerson.path("protection").path("role").asString()).isEqualTo("VICTIM");
        assertThat(protectedPerson.path("protection").path("localId").asString()).isEqualTo(id + "-1");
        assertThat(draft.path("entities").get(1).has("protection")).isFalse();
        HttpResponse<String> closed = send(claire, "POST", "/api/v1/report-inbox/" + id + "/closure",
                "{\"reason\":\"Transmis à l'OCRTEH, dossier ouvert.\"}");
        assertThat(JSON.readTree(closed.body()).path("status").asString()).isEqualTo("CLOSED");
        HttpResponse<String> again = send(claire, "POST", "/api/v1/report-inbox/" + id + "/closure", "{\"reason\":\"encore\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).path("reason").asString()).isEqualTo("REPORT_CLOSED");

        // The partner follows it: status and the two messages; nobody else's report, and no notice.
        JsonNode followed = JSON.readTree(send(lea, "GET", "/api/v1/reports/" + id, null).body());
        assertThat(followed.path("report").path("status").asString()).isEqualTo("CLOSED");
        assertThat(StreamSupport.stream(followed.path("messages").spliterator(), false)
                .peek(m -> assertThat(m.path("from").asString()).isEqualTo("FR-DGPN")).map(m -> m.path("text").asString()).toList())
                .containsExactly("Merci. Un enquêteur de l'OCRTEH vous appellera ; ne prévenez pas le gérant.",
                        "Transmis à l'OCRTEH, dossier ouvert.");
        assertThat(ids(send(lea, "GET", "/api/v1/reports", null))).contains(id);
        assertThat(send(lea, "GET", "/api/v1/notices?q=x&purpose=" + PURPOSE, null).statusCode()).isEqualTo(403);

        // A report for the region's triage desk: any analyst of the region, none of another.
        HttpResponse<String> toDesk = send(lea, "POST", "/api/v1/reports", """
                {"region":"EU-WEST","what":"Camionnette immatriculée en Belgique, allers-retours nocturnes.",
                 "where":"Menton, frontière","when":"semaine dernière","consent":{"victimAgreesToShare":false,"contactAllowed":false}}""");
        assertThat(toDesk.statusCode()).as(toDesk.body()).isEqualTo(201);
        String deskId = JSON.readTree(toDesk.body()).path("id").asString();
        assertThat(ids(send(luc, "GET", "/api/v1/report-inbox", null))).contains(deskId);
        assertThat(ids(send(claire, "GET", "/api/v1/report-inbox", null))).contains(deskId);
        assertThat(ids(send(youssef, "GET", "/api/v1/report-inbox", null))).doesNotContain(deskId, id);

        // Audited: the submission (the addressee, not the content), the reading with its purpose, the triage.
        String auditor = keycloak.passwordGrant("sophie.lambert", "demo");
        String[] audit = new String[1];
        await("the audit of the report").atMost(Duration.ofSeconds(30)).until(() -> {
            audit[0] = send(auditor, "GET", "/api/v1/audit?size=100&agency=FR-DGPN&action=REPORT_READ", null).body()
                    + send(auditor, "GET", "/api/v1/audit?size=100&action=REPORT_SUBMIT", null).body()
                    + send(auditor, "GET", "/api/v1/audit?size=100&action=REPORT_TRIAGE", null).body();
            return audit[0].contains("report-read " + id) && audit[0].contains(PURPOSE)
                    && audit[0].contains("report-submitted " + id) && audit[0].contains("report-closed " + id);
        });
        assertThat(audit[0]).doesNotContain(victim);
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
