package eu.synergie.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import eu.synergie.crypto.envelope.EnvelopeSealer;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Protected persons end to end on the real stack (issue 18): FR-DGPN's CLI pseudonymises a victim before sealing;
 * after the publication, nothing the exchange wrote (Kafka topics, Elasticsearch, the logs of the gateway and of the
 * servers, TAXII) holds the victim's name, birth date or the agency's own id for her. A BE-PJF analyst asks who she
 * is; one approver is not enough and the same one twice counts once; once two have approved, FR-DGPN's CLI answers
 * with an envelope only BE-PJF's key opens, and the exchange refuses one another party could open.
 */
class ProtectedPersonsIT extends ExchangeIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PURPOSE = "PJ-BXL-2026-0733";
    /** How much each scan read, printed for the record: a scan that read nothing would prove nothing. */

    @TempDir
    Path work;

    @Test
    void publishWhenVictimProtectedThenNowhereInTheClearAndRevealedOnlyByTwoApproversToTheRequesterAlone() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        // Our own code at DEBUG while it runs: a leak at any level of ours would show (libraries keep their levels).
        Logger ours = (Logger) LoggerFactory.getLogger("eu.synergie");
        ch.qos.logback.classic.Level level = ours.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        ours.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try {
            run(logs);
        } finally {
            ours.setLevel(level);
            root.detachAppender(logs);
        }
    }

    private void run(ListAppender<ILoggingEvent> logs) throws Exception {
        Random random = new Random();
        String name = "Amina " + letters(random, 10);
        String birthDate = (1901 + random.nextInt(40)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10);
        String localId = "VICT-" + letters(random, 8);
        String token = letters(random, 8);
        String caseRef = "OCRTEH-2026-" + token;
        Instant start = Instant.now();

        Map<String, String> france = onboardAgency("FR-DGPN", "feed-fr-dgpn", "demo-secret-fr-dgpn", work.resolve("fr"));
        Map<String, String> belgium = onboardAgency("BE-PJF", FEED_CLIENT, FEED_SECRET, work.resolve("be"));
        Path fr = work.resolve("fr");
        assertThat(CliRun.run(fr, france, "pseudonym-key", "init").exitCode()).isZero();

        String notice = """
                {"noticeId":"%s","originAgency":"FR-DGPN","region":"EU-WEST","type":"TRAFFICKING_HUMAN_BEINGS",
                 "title":"Exploitation sexuelle entre Lyon et Bruxelles, opération %s","summary":"Recrutement par annonces, hébergement en appartements.",
                 "language":"fr","issuedAt":"%s","classification":"RESTRICTED","handlingCode":"H1","tlp":"AMBER",
                 "releasableTo":[],"dissemination":"FULL","federation":["EXCH-MED"],"caseRef":"%s","entities":[
                  {"kind":"PERSON","value":"Viktor MARKOV","attributes":{"birthDate":"1979-06-30"}},
                  {"kind":"PERSON","value":"%s","attributes":{"birthDate":"%s","nationality":"CI"},
                   "protection":{"role":"VICTIM","localId":"%s"}}]}
                """.formatted(java.util.UUID.randomUUID(), token, start, caseRef, name, birthDate, localId).replace("\n", "");
        Files.writeString(fr.resolve("feed.jsonl"), notice + "\n");
        CliRun push = CliRun.run(fr, france, "push", "feed.jsonl", "--progress", "none");
        assertThat(push.exitCode()).as(push.toString()).isZero();
        awaitSearchable(token, 1, Duration.ofSeconds(90));

        String luc = SharedStack.keycloak().passwordGrant("luc.peeters", "demo");
        JsonNode found = JSON.readTree(send(luc, "GET", "/api/v1/notices?purpose=" + PURPOSE + "&q=" + token,
                "application/json", "").body()).path("hits").get(0);
        String noticeId = found.path("noticeId").asString();
        JsonNode opened = JSON.readTree(send(luc, "GET", "/api/v1/notices/" + noticeId + "?purpose=" + PURPOSE,
                "application/json", "").body());
        JsonNode victim = opened.path("entities").valueStream().filter(e -> e.has("protection")).findFirst().orElseThrow();
        String pseudonym = victim.path("value").asString();
        assertThat(victim.path("protection").asString()).isEqualTo("VICTIM");
        assertThat(victim.path("attributes").isEmpty()).isTrue();
        CliRun of = CliRun.run(fr, france, "pseudonym-key", "of", "--role", "VICTIM", "--case-ref", caseRef, "--local-id", localId);
        assertThat(of.out().strip()).isEqualTo(pseudonym);

        // A reveal, asked by Belgium; France's own analyst asks in-house.
        String path = "/api/v1/notices/" + noticeId + "/protected/" + pseudonym + "/reveal?purpose=" + PURPOSE;
        String ask = "{\"legalBasis\":\"Décision-cadre 2006/960/JAI, art. 3\",\"reason\":\"La victime est aussi entendue à Bruxelles.\"}";
        HttpResponse<String> asked = send(luc, "POST", path, "application/json", ask);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        String id = JSON.readTree(asked.body()).path("id").asString();
        HttpResponse<String> again = send(luc, "POST", path, "application/json", ask);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("id").asString()).as("the same request, still waiting").isEqualTo(id);
        // Nobody else sees it: not the owning agency's analysts, not another agency's approver.
        for (String other : List.of("claire.martin", "an.devos")) {
            assertThat(send(SharedStack.keycloak().passwordGrant(other, "demo"), "GET", "/api/v1/reveals/" + id,
                    "application/json", "").statusCode()).as(other).isEqualTo(404);
        }
        HttpResponse<String> own = send(SharedStack.keycloak().passwordGrant("claire.martin", "demo"), "POST", path,
                "application/json", ask);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(409);
        assertThat(own.body()).contains("OWN_AGENCY");

        // Four eyes: one approval is not enough, the same approver twice counts once, nothing is answered before two.
        String nadia = SharedStack.keycloak().passwordGrant("nadia.girard", "demo");
        String paul = SharedStack.keycloak().passwordGrant("paul.lefevre", "demo");
        JsonNode queued = JSON.readTree(send(nadia, "GET", "/api/v1/approvals/" + id, "application/json", "").body());
        assertThat(queued.path("kind").asString()).isEqualTo("PERSON_REVEAL");
        assertThat(queued.path("item").asString()).isEqualTo(pseudonym);
        assertThat(queued.at("/justification/legalBasis").asString()).contains("2006/960/JAI");
        assertThat(approve(nadia, id).path("status").asString()).isEqualTo("PENDING");
        HttpResponse<String> twice = send(nadia, "POST", "/api/v1/approvals/" + id + "/approval", "application/json", "");
        assertThat(twice.statusCode()).as(twice.body()).isEqualTo(409);
        Path identity = fr.resolve("victim.json");
        Files.writeString(identity, "{\"name\":\"" + name + "\",\"birthDate\":\"" + birthDate + "\",\"handler\":\"OCRTEH, "
                + "brigade de protection des victimes\"}");
        CliRun early = CliRun.run(fr, france, "reveal", "answer", id, "--case-ref", caseRef, "--local-id", localId,
                "--identity", identity.toString());
        assertThat(early.exitCode()).as(early.toString()).isEqualTo(1);
        assertThat(early.err()).contains("is PENDING");
        assertThat(approve(paul, id).path("status").asString()).isEqualTo("APPROVED");

        // The answer: checked against the person asked about, and refused when another party could open it too.
        CliRun wrongPerson = CliRun.run(fr, france, "reveal", "answer", id, "--case-ref", caseRef, "--local-id", localId + "X",
                "--identity", identity.toString());
        assertThat(wrongPerson.exitCode()).as(wrongPerson.toString()).isEqualTo(1);
        assertThat(wrongPerson.err()).contains("nothing sent");
        String feedFr = SharedStack.keycloak().clientCredentials("feed-fr-dgpn", "demo-secret-fr-dgpn");
        JsonNode reveal = JSON.readTree(send(feedFr, "GET", "/api/v1/reveals/" + id, "application/json", "").body());
        List<X509Certificate> toBelgium = new ArrayList<>();
        reveal.path("recipientCertificates").forEach(pem -> toBelgium.addAll(Pem.readCertificates(pem.asString())));
        var franceKey = eu.synergie.cli.keys.AgencyKeyStore.read(fr.resolve("agency.p12"),
                france.get("SYNERGIE_KEYSTORE_PASSWORD").toCharArray()).signingCredential();
        List<X509Certificate> alsoFrance = new ArrayList<>(toBelgium);
        alsoFrance.add(franceKey.certificate());
        HttpResponse<String> leaky = http.send(HttpRequest.newBuilder(URI.create(server() + "/api/v1/reveals/" + id + "/answer"))
                .header("Authorization", "Bearer " + feedFr).header("Content-Type", "application/pkcs7-mime")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EnvelopeSealer.seal("{}".getBytes(), franceKey, alsoFrance))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(leaky.statusCode()).as(leaky.body()).isEqualTo(422);
        assertThat(leaky.body()).contains("ANSWER_NOT_FOR_REQUESTER_ONLY");
        HttpResponse<String> notTheirs = http.send(HttpRequest.newBuilder(URI.create(server() + "/api/v1/reveals/" + id + "/answer"))
                .header("Authorization", "Bearer " + SharedStack.keycloak().clientCredentials(FEED_CLIENT, FEED_SECRET))
                .header("Content-Type", "application/pkcs7-mime")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EnvelopeSealer.seal("{}".getBytes(), franceKey, toBelgium))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notTheirs.statusCode()).as("another agency's feed answering " + notTheirs.body()).isEqualTo(404);
        CliRun answer = CliRun.run(fr, france, "reveal", "answer", id, "--case-ref", caseRef, "--local-id", localId,
                "--identity", identity.toString());
        assertThat(answer.exitCode()).as(answer.toString()).isZero();

        // Only the requester fetches it, and only Belgium's key opens it.
        assertThat(send(SharedStack.keycloak().passwordGrant("claire.martin", "demo"), "GET", "/api/v1/reveals/" + id + "/answer",
                "application/json", "").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(URI.create(server() + "/api/v1/reveals/" + id + "/answer"))
                .header("Authorization", "Bearer " + luc).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        Path be = work.resolve("be");
        Files.write(be.resolve("answer.p7m"), fetched.body());
        Files.write(fr.resolve("answer.p7m"), fetched.body());
        CliRun read = CliRun.run(be, belgium, "reveal", "open", "answer.p7m", "--request", id);
        assertThat(read.exitCode()).as(read.toString()).isZero();
        assertThat(read.err()).contains("signed by FR-DGPN");
        assertThat(JSON.readTree(read.out()).at("/identity/name").asString()).isEqualTo(name);
        CliRun otherRequest = CliRun.run(be, belgium, "reveal", "open", "answer.p7m", "--request", "reveal:another");
        assertThat(otherRequest.exitCode()).as(otherRequest.toString()).isEqualTo(ExitCode.TRUST.code());
        CliRun notFrance = CliRun.run(fr, france, "reveal", "open", "answer.p7m", "--request", id);
        assertThat(notFrance.exitCode()).as(notFrance.toString()).isEqualTo(ExitCode.TRUST.code());
        assertThat(notFrance.err()).contains("NOT_A_RECIPIENT");

        // A broken agency tool that sends the victim in the clear, signed and sealed all the same: the exchange opens it
        // and refuses it at once, naming the field and not what it holds; nothing of it is written.
        java.util.UUID inClear = java.util.UUID.randomUUID();
        byte[] clear = notice.replaceFirst("\"noticeId\":\"[^\"]+\"", "\"noticeId\":\"" + inClear + "\"")
                .getBytes(StandardCharsets.UTF_8);
        var markings = eu.synergie.core.notice.NoticeJson.read(new eu.synergie.client.ProtectedPersons(
                eu.synergie.client.ProtectedPersons.newKey()).pseudonymise(clear)).markings();
        byte[] leakyEnvelope = EnvelopeSealer.seal(clear, franceKey, List.of(keys.regions().recipientCertificate("EU-WEST")
                .orElseThrow(), franceKey.certificate()), eu.synergie.core.envelope.MarkingsLabel.of(markings));
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(server() + "/api/v1/notices"))
                .header("Authorization", "Bearer " + feedFr).header("Content-Type", "application/pkcs7-mime")
                .POST(HttpRequest.BodyPublishers.ofByteArray(leakyEnvelope)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(422);
        assertThat(sent.body()).contains("INVALID_NOTICE").contains("protection.localId");
        assertThat(secrets(name, birthDate, localId)).noneMatch(sent.body()::contains);
        assertThat(send(luc, "GET", "/api/v1/notices/" + inClear + "?purpose=" + PURPOSE, "application/json", "").statusCode())
                .isEqualTo(404);

        // Once answered, the request is closed: asking again is a new request, with its own justification.
        HttpResponse<String> anew = send(luc, "POST", path, "application/json", ask);
        assertThat(anew.statusCode()).as(anew.body()).isEqualTo(201);
        assertThat(JSON.readTree(anew.body()).path("id").asString()).isNotEqualTo(id);

        // Nowhere in the clear: each of the three is looked for as the exchange writes text (UTF-8).
        List<String> secrets = secrets(name, birthDate, localId);
        awaitTaxii(luc, pseudonym, secrets, start);
        ExchangeStorage.Scan records = ExchangeStorage.kafkaRecordsHolding(secrets);
        assertThat(records.holding()).as("records of the exchange's topics holding the victim").isEmpty();
        ExchangeStorage.Scan documents = ExchangeStorage.elasticsearchDocumentsHolding(secrets);
        assertThat(documents.holding()).as("documents holding the victim").isEmpty();
        assertThat(logs.list).as("the gateway's log lines").noneMatch(e -> holdsAny(e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()), secrets));
        ExchangeStorage.Scan logFiles = ExchangeStorage.serverLogFilesHolding(secrets);
        assertThat(logFiles.holding()).as("the servers' log files").isEmpty();
        System.out.printf("ProtectedPersonsIT: none of the victim's name, birth date and local id in %d Kafka records, "
                + "%d Elasticsearch documents, %d gateway log lines, %d server log files, nor in TAXII%n",
                records.read(), documents.read(), logs.list.size(), logFiles.read());
        assertThat(logs.list).as("gateway log lines read").isNotEmpty();
    }

    private JsonNode approve(String approver, String id) throws Exception {
        HttpResponse<String> response = send(approver, "POST", "/api/v1/approvals/" + id + "/approval", "application/json", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** TAXII hands the notice on with the pseudonym, never with what it stands for. */
    private void awaitTaxii(String token, String pseudonym, List<String> secrets, Instant start) throws Exception {
        JsonNode collections = JSON.readTree(taxii(token, "/taxii2/synergie/collections/"));
        String west = collections.path("collections").valueStream().filter(c -> c.path("alias").asString().equals("eu-west"))
                .findFirst().orElseThrow().path("id").asString();
        String objects = "/taxii2/synergie/collections/" + west + "/objects/?limit=1000&added_after="
                + URLEncoder.encode(start.minusSeconds(1).toString(), StandardCharsets.UTF_8);
        String body = await("the notice in TAXII").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> taxii(token, objects), b -> b.contains(pseudonym));
        assertThat(secrets).noneMatch(body::contains);
    }

    private String taxii(String token, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server() + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/taxii+json;version=2.1")
                .header("X-Synergie-Purpose", PURPOSE).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** What must appear nowhere: the name's random part, the birth date, the agency's own id. */
    private static List<String> secrets(String name, String birthDate, String localId) {
        return List.of(name.substring(6), birthDate, localId);
    }

    private static boolean holdsAny(String text, List<String> secrets) {
        return secrets.stream().anyMatch(text::contains);
    }
}
