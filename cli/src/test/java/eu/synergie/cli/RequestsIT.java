package eu.synergie.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import eu.synergie.cli.desk.AgencyDesk;
import eu.synergie.cli.keys.AgencyKeyStore;
import eu.synergie.client.RequestMessages;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests for information end to end (issue 22), on the real stack with two agencies' own key stores: a POINTER hit
 * becomes a request from Belgium to France, France's analyst takes it and replies, Belgium reads the reply, France
 * releases the notice and Belgium opens it (which it could not before); a refusal, an expiry, an urgent request flagged
 * overdue; a third agency's analysts cannot see or touch any of it; and nothing the two agencies wrote is in the
 * exchange's topics, indexes or logs.
 */
class RequestsIT extends ExchangeIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PURPOSE = "PJ-BRU-2026-1187";
    private static final String LEGAL_BASIS = "Décision-cadre 2006/960/JAI, art. 3";

    @TempDir
    Path work;

    private RequestMessages france;
    private RequestMessages belgium;

    @Test
    void requestWhenFromAPointerHitThenRepliedReleasedRefusedExpiredBetweenTheTwoAgenciesOnlyAndNeverInTheClear()
            throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            run(logs);
        } finally {
            root.detachAppender(logs);
        }
    }

    private void run(ListAppender<ILoggingEvent> logs) throws Exception {
        Random random = new Random();
        String token = letters(random, 8);
        String phone = "+3361" + (1_000_000 + random.nextInt(8_999_999));
        String caseRef = "DGPN-2026-" + token;
        Map<String, String> fr = onboardAgency("FR-DGPN", "feed-fr-dgpn", "demo-secret-fr-dgpn", work.resolve("fr"));
        Map<String, String> be = onboardAgency("BE-PJF", FEED_CLIENT, FEED_SECRET, work.resolve("be"));
        france = new RequestMessages(key(fr));
        belgium = new RequestMessages(key(be));

        // France holds a notice released to Spain only; Belgium publishes one with the same phone: a POINTER hit.
        UUID held = UUID.randomUUID();
        String heldNotice = phoneNotice(held, "FR-DGPN", caseRef, token, phone, "[\"ES-CNP\"]", 1);
        pushNotice(fr, heldNotice);
        pushNotice(be, phoneNotice(UUID.randomUUID(), "BE-PJF", "PJF-BRU-2026-" + token, token + "B", phone, "[]", 1));
        String luc = SharedStack.keycloak().passwordGrant("luc.peeters", "demo");
        JsonNode hit = await("the pointer hit in Belgium's alerts").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> pointerTo(luc, phone), java.util.Objects::nonNull);
        assertThat(hit.path("otherAgency").asString()).isEqualTo("FR-DGPN");
        assertThat(hit.path("contactRef").asString()).isEqualTo(caseRef);
        assertThat(send(luc, "GET", "/api/v1/notices/" + held + "?purpose=" + PURPOSE, "application/json", "").statusCode())
                .as("Belgium cannot read France's notice before the release").isEqualTo(404);
        String key = hit.path("entityKind").asString() + ":" + hit.path("entityValue").asString();

        int franceMails = mails(FRANCE_MAILBOX).size();
        int belgiumMails = mails(BELGIUM_MAILBOX).size();

        // The request, urgent, its question sealed by Belgium's key store for both agencies.
        String question = "Question " + letters(random, 12) + " : le titulaire du " + phone + " est-il connu à Lyon ?";
        UUID first = UUID.randomUUID();
        Instant deadline = Instant.now().plusSeconds(6);
        HttpResponse<String> opened = open(luc, first, key, caseRef, "URGENT", deadline, null,
                belgium.seal(first.toString(), "REQUEST", "FR-DGPN", question, recipients(luc, "FR-DGPN")));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        assertThat(JSON.readTree(opened.body()).path("status").asString()).isEqualTo("OPEN");
        assertThat(JSON.readTree(opened.body()).path("holderCaseRef").asString()).isEqualTo(caseRef);
        HttpResponse<String> unshown = open(luc, UUID.randomUUID(), key, "DGPN-2026-NOSUCH", "NORMAL", null, null,
                belgium.seal(UUID.randomUUID().toString(), "REQUEST", "FR-DGPN", "?", recipients(luc, "FR-DGPN")));
        assertThat(unshown.statusCode()).as("a case reference no pointer showed: " + unshown.body()).isEqualTo(404);
        // A broken tool that also seals for the exchange's own region key: the exchange could open it, so it refuses it.
        List<X509Certificate> withExchange = new ArrayList<>(recipients(luc, "FR-DGPN"));
        withExchange.add(keys.regions().recipientCertificate("EU-WEST").orElseThrow());
        HttpResponse<String> leaky = open(luc, UUID.randomUUID(), key, caseRef, "NORMAL", null, null,
                eu.synergie.crypto.envelope.EnvelopeSealer.seal("{}".getBytes(StandardCharsets.UTF_8), key(be), withExchange));
        assertThat(leaky.statusCode()).as("a question the exchange could open: " + leaky.body()).isEqualTo(422);
        assertThat(leaky.body()).contains("MESSAGE_NOT_FOR_THE_PARTIES");

        // France's requests mailbox is told that something waits, and nothing more.
        JsonNode told = await("France's mailbox told").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> mails(FRANCE_MAILBOX), m -> m.size() > franceMails).get(franceMails);
        assertThat(told.path("subject").asString()).contains("nouvelle demande").contains("new request");
        assertThat(told.toString()).doesNotContain(first.toString()).doesNotContain(caseRef).doesNotContain(PURPOSE)
                .doesNotContain(phone).doesNotContain(question.substring(9, 21));

        // A third agency's analysts: not listed, not read, not moved; as for an id that does not exist.
        String lucia = SharedStack.keycloak().passwordGrant("lucia.garcia", "demo");
        String jonas = SharedStack.keycloak().passwordGrant("jonas.weber", "demo");
        for (String other : List.of(lucia, jonas)) {
            assertThat(JSON.readTree(send(other, "GET", "/api/v1/requests", "application/json", "").body()).valueStream()
                    .map(r -> r.path("id").asString())).doesNotContain(first.toString());
            assertThat(send(other, "GET", "/api/v1/requests/" + first, "application/json", "").statusCode()).isEqualTo(404);
            assertThat(send(other, "POST", "/api/v1/requests/" + first + "/assignment", "application/json", "").statusCode())
                    .isEqualTo(404);
            assertThat(send(other, "POST", "/api/v1/requests/" + first + "/messages", "application/json",
                    message("REPLY", new byte[]{0x30, 0x00}, null)).statusCode()).isEqualTo(404);
        }
        String admin = SharedStack.keycloak().passwordGrant("amelie.roux", "demo");
        assertThat(send(admin, "GET", "/api/v1/requests/" + first, "application/json", "").statusCode())
                .as("France's trust administrator is no analyst").isEqualTo(403);

        // France's analyst: the queue, the question opened with France's key, taken, replied to.
        String claire = SharedStack.keycloak().passwordGrant("claire.martin", "demo");
        JsonNode queue = JSON.readTree(send(claire, "GET", "/api/v1/requests", "application/json", "").body());
        assertThat(queue.valueStream().filter(r -> r.path("id").asString().equals(first.toString())).findFirst().orElseThrow()
                .path("side").asString()).isEqualTo("HOLDER");
        JsonNode thread = read(claire, first);
        assertThat(france.open(envelope(thread, 0), first.toString(), "REQUEST", "BE-PJF").text()).isEqualTo(question);
        assertThat(step(claire, first, "assignment", null).path("assignee").asString()).isEqualTo("claire.martin");
        // France replies through its desk, as its analysts' browsers do: their own token, from the web UI's origin.
        String reply = "Réponse " + letters(random, 12) + " : oui, ligne prépayée activée à Lyon en mars.";
        byte[] sealedReply;
        try (AgencyDesk desk = desk(france)) {
            String url = "http://127.0.0.1:" + desk.address().getPort();
            ObjectNode seal = JSON.createObjectNode().put("requestId", first.toString()).put("step", "REPLY")
                    .put("otherAgency", "BE-PJF").put("text", reply);
            thread.path("recipientCertificates").forEach(pem -> seal.withArray("recipients").add(pem.asString()));
            assertThat(callDesk(url + "/seal", claire, server(), seal).statusCode()).isEqualTo(200);
            assertThat(callDesk(url + "/seal", null, server(), seal).statusCode()).as("no token").isEqualTo(401);
            assertThat(callDesk(url + "/seal", luc, server(), seal).statusCode()).as("Belgium's analyst at France's desk")
                    .isEqualTo(401);
            assertThat(callDesk(url + "/seal", admin, server(), seal).statusCode()).as("France's trust administrator")
                    .isEqualTo(401);
            assertThat(callDesk(url + "/seal", claire, "https://elsewhere.example", seal).statusCode())
                    .as("another origin").isEqualTo(403);
            assertThat(callDesk(url + "/seal", claire, null, seal).statusCode()).as("no origin").isEqualTo(403);
            HttpResponse<String> preflight = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/seal"))
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).header("Origin", server())
                    .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(server());
            HttpResponse<String> sealed = callDesk(url + "/seal", claire, server(), seal);
            sealedReply = Base64.getDecoder().decode(JSON.readTree(sealed.body()).path("envelope").asString());
            ObjectNode forged = seal.deepCopy();
            forged.withArray("recipients").add(Pem.certificates(List.of(keys.regions().recipientCertificate("EU-WEST")
                    .orElseThrow())));
            HttpResponse<String> refused = callDesk(url + "/seal", claire, server(), forged);
            assertThat(refused.statusCode()).as("a recipient that is neither party: " + refused.body()).isEqualTo(422);
        }
        JsonNode answered = message(claire, first, "REPLY", sealedReply, null, 200);
        assertThat(answered.path("status").asString()).isEqualTo("ANSWERED");
        JsonNode toBelgium = await("Belgium's mailbox told").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> mails(BELGIUM_MAILBOX), m -> m.size() > belgiumMails).get(belgiumMails);
        assertThat(toBelgium.path("subject").asString()).contains("nouveau message").contains("new message");
        assertThat(toBelgium.toString()).doesNotContain(first.toString()).doesNotContain(reply.substring(9, 21));
        HttpResponse<String> wrongSide = send(luc, "POST", "/api/v1/requests/" + first + "/messages", "application/json",
                message("REPLY", belgium.seal(first.toString(), "REPLY", "FR-DGPN", "x", recipients(luc, "FR-DGPN")), null));
        assertThat(wrongSide.statusCode()).as(wrongSide.body()).isEqualTo(409);

        // Belgium reads the reply through its desk; a message replayed from another request is refused by the reading tool.
        JsonNode withReply = read(luc, first);
        try (AgencyDesk desk = desk(belgium)) {
            ObjectNode open = JSON.createObjectNode().put("requestId", first.toString()).put("step", "REPLY")
                    .put("fromAgency", "FR-DGPN").put("envelope", Base64.getEncoder().encodeToString(envelope(withReply, 1)));
            HttpResponse<String> read = callDesk("http://127.0.0.1:" + desk.address().getPort() + "/open", luc, server(), open);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(JSON.readTree(read.body()).path("text").asString()).isEqualTo(reply);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> belgium.open(envelope(withReply, 1), UUID.randomUUID().toString(),
                "REPLY", "FR-DGPN")).hasMessageContaining("not REPLY of");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> belgium.open(envelope(withReply, 1), first.toString(),
                "REPLY", "ES-CNP")).hasMessageContaining("signed by FR-DGPN");

        // Urgent and past its deadline, still open: flagged to both sides.
        await("the deadline passed").atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(deadline.plusSeconds(1)));
        assertThat(read(luc, first).path("overdue").asBoolean()).isTrue();
        assertThat(read(claire, first).path("overdue").asBoolean()).isTrue();

        // The release: refused while the notice's version does not list Belgium; taken once a new one does.
        HttpResponse<String> early = send(claire, "POST", "/api/v1/requests/" + first + "/messages", "application/json",
                message("RELEASE", france.seal(first.toString(), "RELEASE", "BE-PJF", "Diffusé.", recipients(claire, "BE-PJF")), held));
        assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
        assertThat(early.body()).contains("NOT_RELEASED_YET");
        pushNotice(fr, phoneNotice(held, "FR-DGPN", caseRef, token, phone, "[\"ES-CNP\",\"BE-PJF\"]", 2));
        HttpResponse<String> released = await("the release once the new version is indexed").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1)).until(() -> send(claire, "POST", "/api/v1/requests/" + first + "/messages",
                        "application/json", message("RELEASE", france.seal(first.toString(), "RELEASE", "BE-PJF",
                                "Fiche diffusée à la PJF.", recipients(claire, "BE-PJF")), held)), r -> r.statusCode() == 200);
        assertThat(released).isNotNull();
        assertThat(read(luc, first).path("status").asString()).isEqualTo("RELEASED");
        assertThat(read(luc, first).path("noticeId").asString()).as("the requester sees which notice was released")
                .isEqualTo(held.toString());
        assertThat(read(luc, first).path("overdue").asBoolean()).as("closed: no longer overdue").isFalse();
        assertThat(send(luc, "GET", "/api/v1/notices/" + held + "?purpose=" + PURPOSE, "application/json", "").statusCode())
                .as("Belgium reads the released notice").isEqualTo(200);

        // A refusal, on a request about a notice Belgium may read (its own region's, France's, released to all).
        UUID readable = UUID.randomUUID();
        pushNotice(fr, phoneNotice(readable, "FR-DGPN", caseRef + "R", token + "R", phone, "[]", 1));
        awaitSearchable(token + "R", 1, Duration.ofSeconds(90));
        UUID second = UUID.randomUUID();
        HttpResponse<String> asked = open(luc, second, readable, "NORMAL", belgium.seal(second.toString(), "REQUEST", "FR-DGPN",
                "Pouvez-vous préciser la source ?", recipients(luc, "FR-DGPN")));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        String refusal = "Refus " + letters(random, 12) + " : source protégée.";
        assertThat(message(claire, second, "REFUSAL", france.seal(second.toString(), "REFUSAL", "BE-PJF", refusal,
                recipients(claire, "BE-PJF")), null, 200).path("status").asString()).isEqualTo("REFUSED");
        assertThat(belgium.open(envelope(read(luc, second), 1), second.toString(), "REFUSAL", "FR-DGPN").text()).isEqualTo(refusal);
        HttpResponse<String> afterRefusal = send(luc, "POST", "/api/v1/requests/" + second + "/messages", "application/json",
                message("FOLLOW_UP", belgium.seal(second.toString(), "FOLLOW_UP", "FR-DGPN", "?", recipients(luc, "FR-DGPN")), null));
        assertThat(afterRefusal.statusCode()).as(afterRefusal.body()).isEqualTo(409);

        // An expiry: a request nobody answers before the time its requester set.
        UUID third = UUID.randomUUID();
        HttpResponse<String> lapsing = open(luc, third, null, null, "NORMAL", null, Instant.now().plusSeconds(3),
                belgium.seal(third.toString(), "REQUEST", "FR-DGPN", "Sans suite ?", recipients(luc, "FR-DGPN")), readable);
        assertThat(lapsing.statusCode()).as(lapsing.body()).isEqualTo(201);
        await("the expiry").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> read(luc, third).path("status").asString(), "EXPIRED"::equals);

        // Audited on both sides, with the other agency as recipient.
        String auditor = SharedStack.keycloak().passwordGrant("sophie.lambert", "demo");
        await("the audit").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            String audit = send(auditor, "GET", "/api/v1/audit?size=100&action=REQUEST_STEP", "application/json", "").body();
            assertThat(audit).contains("request-reply " + first).contains("request-release " + first)
                    .contains("request-refusal " + second);
            assertThat(send(auditor, "GET", "/api/v1/audit?size=100&action=REQUEST_OPEN", "application/json", "").body())
                    .contains("request-opened " + first).contains(PURPOSE);
            assertThat(send(auditor, "GET", "/api/v1/audit?size=100&action=REQUEST_EXPIRY", "application/json", "").body())
                    .contains("request-expired " + third);
        });

        // The exchange stored, routed and audited all of it, and holds none of what was written in the clear.
        List<String> phrases = List.of(question.substring(9, 21), reply.substring(9, 21), refusal.substring(6, 18));
        ExchangeStorage.Scan records = ExchangeStorage.kafkaRecordsHolding(phrases);
        ExchangeStorage.Scan documents = ExchangeStorage.elasticsearchDocumentsHolding(phrases);
        ExchangeStorage.Scan files = ExchangeStorage.serverLogFilesHolding(phrases);
        assertThat(records.holding()).as("topics holding a message").isEmpty();
        // The same scans find what the exchange does keep in the clear: the purpose, in the audit's records and documents.
        assertThat(ExchangeStorage.kafkaRecordsHolding(List.of(PURPOSE)).holding()).as("records with the purpose").isNotEmpty();
        assertThat(ExchangeStorage.elasticsearchDocumentsHolding(List.of(PURPOSE)).holding()).as("documents with the purpose")
                .isNotEmpty();
        assertThat(documents.holding()).as("documents holding a message").isEmpty();
        assertThat(files.holding()).as("server log files holding a message").isEmpty();
        assertThat(logs.list).as("the gateway's log lines").noneMatch(e -> phrases.stream().anyMatch(p ->
                (e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).contains(p)));
        System.out.printf("RequestsIT: none of the thread's phrases in %d Kafka records, %d Elasticsearch documents, %d gateway"
                + " log lines, %d server log files%n", records.read(), documents.read(), logs.list.size(), files.read());
    }

    /** What a requests mailbox on the tests' SMTP server holds (GreenMail's API: subject, MIME text). */
    private static List<JsonNode> mails(String mailbox) throws Exception {
        return JSON.readTree(eu.synergie.infra.SharedMail.get().messagesJson(mailbox)).valueStream().toList();
    }

    private AgencyDesk desk(RequestMessages messages) throws java.io.IOException {
        return new AgencyDesk(messages, SharedStack.keycloak().issuer(), java.util.Set.of("http://localhost:" + port),
                new java.net.InetSocketAddress("127.0.0.1", 0), System.err).start();
    }

    private HttpResponse<String> callDesk(String url, String token, String origin, ObjectNode body) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString()));
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static eu.synergie.crypto.pki.KeyCredential key(Map<String, String> env) {
        return AgencyKeyStore.read(Path.of(env.get("SYNERGIE_KEYSTORE")), env.get("SYNERGIE_KEYSTORE_PASSWORD").toCharArray())
                .signingCredential();
    }


    private JsonNode pointerTo(String analyst, String phone) throws Exception {
        JsonNode alerts = JSON.readTree(send(analyst, "GET", "/api/v1/alerts?limit=500", "application/json", "").body());
        return alerts.valueStream().filter(a -> a.path("kind").asString().equals("HIT") && a.path("form").asString().equals("POINTER")
                && a.path("entityValue").asString().equals(phone)).findFirst().orElse(null);
    }

    private List<X509Certificate> recipients(String analyst, String other) throws Exception {
        HttpResponse<String> response = send(analyst, "GET", "/api/v1/requests/recipients?agency=" + other, "application/json", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return certificates(JSON.readTree(response.body()).path("certificates"));
    }

    private static List<X509Certificate> certificates(JsonNode pems) {
        List<X509Certificate> certificates = new ArrayList<>();
        pems.forEach(pem -> certificates.addAll(Pem.readCertificates(pem.asString())));
        return certificates;
    }

    private HttpResponse<String> open(String analyst, UUID id, String key, String caseRef, String urgency, Instant deadline,
                                      Instant expiresAt, byte[] envelope) throws Exception {
        return open(analyst, id, key, caseRef, urgency, deadline, expiresAt, envelope, null);
    }

    private HttpResponse<String> open(String analyst, UUID id, UUID noticeId, String urgency, byte[] envelope) throws Exception {
        return open(analyst, id, null, null, urgency, null, null, envelope, noticeId);
    }

    private HttpResponse<String> open(String analyst, UUID id, String key, String caseRef, String urgency, Instant deadline,
                                      Instant expiresAt, byte[] envelope, UUID noticeId) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("id", id.toString()).put("legalBasis", LEGAL_BASIS).put("urgency", urgency)
                .put("envelope", Base64.getEncoder().encodeToString(envelope));
        if (noticeId != null) {
            body.put("noticeId", noticeId.toString());
        } else {
            body.put("key", key).put("holderAgency", "FR-DGPN").put("holderCaseRef", caseRef);
        }
        if (deadline != null) {
            body.put("deadline", deadline.toString());
        }
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        return send(analyst, "POST", "/api/v1/requests?purpose=" + URLEncoder.encode(PURPOSE, StandardCharsets.UTF_8),
                "application/json", body.toString());
    }

    private JsonNode read(String analyst, UUID id) throws Exception {
        HttpResponse<String> response = send(analyst, "GET", "/api/v1/requests/" + id, "application/json", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static byte[] envelope(JsonNode request, int index) {
        return Base64.getDecoder().decode(request.path("thread").get(index).path("envelope").asString());
    }

    private JsonNode step(String analyst, UUID id, String step, String body) throws Exception {
        HttpResponse<String> response = send(analyst, "POST", "/api/v1/requests/" + id + "/" + step, "application/json",
                body == null ? "" : body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode message(String analyst, UUID id, String step, byte[] envelope, UUID noticeId, int status) throws Exception {
        HttpResponse<String> response = send(analyst, "POST", "/api/v1/requests/" + id + "/messages", "application/json",
                message(step, envelope, noticeId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static String message(String step, byte[] envelope, UUID noticeId) {
        ObjectNode body = JSON.createObjectNode().put("step", step).put("envelope", Base64.getEncoder().encodeToString(envelope));
        if (noticeId != null) {
            body.put("noticeId", noticeId.toString());
        }
        return body.toString();
    }

}
