package eu.synergie.gateway;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import eu.synergie.core.reports.ProofOfWork;
import eu.synergie.infra.KeycloakServer;
import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whistle-blower channel (issue 18, part 4) on the real stack, as a reporter's browser and an analyst use it: the
 * public form (strict CSP, no cookie, no referrer, nothing cached) takes a report only with its proof of work, once;
 * the receipt code and passphrase reopen the thread, where the reporter reads the analyst's question and answers; a
 * wrong passphrase and an unknown code get the same page. The address the reporter came from (as a proxy would pass it
 * on, {@code X-Forwarded-For}) is nowhere: not in the stored report, the audit, or any log line of the gateway written
 * while the reporter's requests ran (our code logging at DEBUG); neither are the receipt code and the passphrase.
 */
class WhistleblowingIT extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADDRESS = "203.0.113.77";
    private static final Pattern CHALLENGE = Pattern.compile("name=\"challenge\" value=\"([^\"]+)\"");
    private static final Pattern BITS = Pattern.compile("data-pow=\"(\\d+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The log while the test runs, and the lines written while a request of the reporter's was served. */
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final java.util.List<ILoggingEvent> reporterLines = new java.util.ArrayList<>();

    @Test
    void anonymousReportWhenSentThenTheAddresseeAsksTheReporterAnswersAndNothingIdentifiesThem() throws Exception {
        TestEnvelopes.agency(trust, "FR-DGPN", java.util.Set.of("EU-WEST", "MED"));
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        // Our code and Spring's web layer at DEBUG while the reporter's requests run: what a curious operator would switch on.
        Logger ours = (Logger) LoggerFactory.getLogger("eu.synergie");
        Logger web = (Logger) LoggerFactory.getLogger("org.springframework.web");
        Logger security = (Logger) LoggerFactory.getLogger("org.springframework.security");
        ch.qos.logback.classic.Level level = ours.getLevel();
        ch.qos.logback.classic.Level webLevel = web.getLevel();
        ch.qos.logback.classic.Level securityLevel = security.getLevel();
        web.setLevel(ch.qos.logback.classic.Level.DEBUG);
        security.setLevel(ch.qos.logback.classic.Level.TRACE);
        logs.start();
        root.addAppender(logs);
        ours.setLevel(ch.qos.logback.classic.Level.DEBUG);
        String marker = "Décharge " + UUID.randomUUID().toString().substring(0, 8);
        String code;
        String passphrase;
        String question = "Pouvez-vous préciser les dates des enlèvements de fûts ?";
        String reportId;
        try {
            // The form: nothing that could follow the visitor.
            HttpResponse<String> form = get("/whistleblowing");
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(form.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'none'").contains("script-src 'self'"));
            assertThat(form.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(form.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
            assertThat(form.headers().allValues("Set-Cookie")).isEmpty();
            assertThat(form.body()).doesNotContain("src=\"http", "href=\"http").contains("/js/pow.js");

            // Without a proof of work (no challenge answered): refused, nothing taken.
            Map<String, String> report = new LinkedHashMap<>(Map.of("region", "EU-WEST", "addressee", "FR-DGPN",
                    "what", marker + " : des fûts de solvants vidés la nuit dans le Var, sur ordre du directeur.",
                    "where", "Zone industrielle de Brignoles", "when", "chaque mardi depuis l'été",
                    "personName", "le responsable logistique", "personRole", ""));
            report.put("challenge", "");
            report.put("nonce", "0");
            HttpResponse<String> unworked = post("/whistleblowing", report);
            assertThat(unworked.body()).contains("id=\"error\"").doesNotContain("id=\"code\"");

            // With it: the receipt, once; the same proof again is refused.
            HttpResponse<String> fresh = get("/whistleblowing");
            report.put("challenge", challenge(fresh.body()));
            report.put("nonce", ProofOfWork.solve(report.get("challenge"), bits(fresh.body())));
            HttpResponse<String> sent = post("/whistleblowing", report);
            assertThat(sent.statusCode()).isEqualTo(200);
            code = between(sent.body(), "id=\"code\">", "<").replace(" ", "");
            passphrase = between(sent.body(), "id=\"passphrase\">", "<");
            assertThat(code).matches("\\d{16}");
            assertThat(passphrase).matches("[a-z2-9]{4}(-[a-z2-9]{4}){4}");
            assertThat(post("/whistleblowing", report).body()).contains("id=\"error\"").doesNotContain("id=\"code\"");

            // FR-DGPN's analyst reads it and asks a question.
            KeycloakServer keycloak = SharedStack.keycloak();
            String claire = keycloak.passwordGrant("claire.martin", "demo");
            JsonNode inbox = JSON.readTree(api(claire, "GET", "/api/v1/report-inbox", null).body());
            reportId = StreamSupport.stream(inbox.spliterator(), false)
                    .filter(r -> r.path("organisation").asString().equals("anonymous"))
                    .map(r -> r.path("id").asString()).filter(id -> {
                        try {
                            return api(claire, "GET", "/api/v1/report-inbox/" + id + "?purpose=PJ-TLN-2026-0077", null)
                                    .body().contains(marker);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }).findFirst().orElseThrow();
            assertThat(api(claire, "POST", "/api/v1/report-inbox/" + reportId + "/messages",
                    "{\"text\":\"" + question + "\"}").statusCode()).isEqualTo(200);

            // The reporter comes back with the receipt: reads the question, answers.
            HttpResponse<String> thread = openThread(code, passphrase);
            assertThat(thread.body()).contains(marker).contains(question).contains("id=\"wb-answer\"");
            HttpResponse<String> login = get("/whistleblowing/thread");
            Map<String, String> answer = new LinkedHashMap<>(Map.of("receipt", code, "passphrase", passphrase,
                    "text", "Les mardis 4, 11 et 18 novembre, vers 23 h."));
            answer.put("challenge", challenge(thread.body()));
            answer.put("nonce", ProofOfWork.solve(answer.get("challenge"), bits(login.body())));
            assertThat(post("/whistleblowing/thread/answer", answer).body()).contains("Les mardis 4, 11 et 18 novembre");
            JsonNode opened = JSON.readTree(api(claire, "GET", "/api/v1/report-inbox/" + reportId + "?purpose=PJ-TLN-2026-0077",
                    null).body());
            assertThat(StreamSupport.stream(opened.path("messages").spliterator(), false)
                    .map(m -> m.path("from").asString() + ": " + m.path("text").asString()).toList())
                    .containsExactly("FR-DGPN: " + question, "reporter: Les mardis 4, 11 et 18 novembre, vers 23 h.");

            // A wrong passphrase and an unknown code: the same page.
            String wrong = openThread(code, "aaaa-bbbb-cccc-dddd-eeee").body();
            String unknown = openThread("1234567812345678", passphrase).body();
            assertThat(wrong).contains("id=\"unknown\"").doesNotContain(marker);
            assertThat(withoutChallenge(wrong)).isEqualTo(withoutChallenge(unknown));
        } finally {
            ours.setLevel(level);
            web.setLevel(webLevel);
            security.setLevel(securityLevel);
            root.detachAppender(logs);
        }

        // Nowhere: the address, the receipt code, the passphrase.
        String stored = StoredDocuments.read("reports", reportId);
        assertThat(stored).contains("\"organisation\":\"anonymous\"").doesNotContain(ADDRESS, code, passphrase, marker);
        String auditor = SharedStack.keycloak().passwordGrant("sophie.lambert", "demo");
        String[] audit = new String[1];
        await("the audit of the anonymous report").atMost(Duration.ofSeconds(30)).until(() -> {
            audit[0] = api(auditor, "GET", "/api/v1/audit?size=100&action=REPORT_SUBMIT", null).body()
                    + api(auditor, "GET", "/api/v1/audit?size=100&action=REPORT_TRIAGE", null).body();
            return audit[0].contains("report-submitted " + reportId) && audit[0].contains("report-answered " + reportId);
        });
        assertThat(audit[0]).contains("\"subject\":\"anonymous\"").doesNotContain(ADDRESS, code, passphrase);
        String lines = logs.list.stream().map(e -> e.getThreadName() + " " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).collect(Collectors.joining("\n"));
        assertThat(logs.list).as("log lines read").isNotEmpty();
        assertThat(lines).as("our own line about the report").contains("anonymous report " + reportId + " taken");
        assertThat(lines).doesNotContain(ADDRESS, code, passphrase);
        // The peer's own address (this test connects from the loopback): in no line written while the reporter's
        // requests were served (Spring Security at TRACE), where an analyst's authenticated requests would show it.
        String requestLines = reporterLines.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
        assertThat(requestLines).as("lines written while the reporter's requests ran").isNotEmpty()
                .contains("/whistleblowing").doesNotContain("127.0.0.1", "0:0:0:0:0:0:0:1", "RemoteIpAddress");
        System.out.printf("WhistleblowingIT: read %d log lines, %d of them written while the reporter's requests ran%n",
                logs.list.size(), reporterLines.size());
    }

    private HttpResponse<String> openThread(String code, String passphrase) throws Exception {
        HttpResponse<String> login = get("/whistleblowing/thread");
        Map<String, String> form = new LinkedHashMap<>(Map.of("receipt", code, "passphrase", passphrase));
        form.put("challenge", challenge(login.body()));
        form.put("nonce", ProofOfWork.solve(form.get("challenge"), bits(login.body())));
        return post("/whistleblowing/thread", form);
    }

    private static String withoutChallenge(String page) {
        return CHALLENGE.matcher(page).replaceAll("");
    }

    private static String challenge(String page) {
        Matcher m = CHALLENGE.matcher(page);
        assertThat(m.find()).as("a challenge in the page").isTrue();
        return m.group(1);
    }

    private static int bits(String page) {
        Matcher m = BITS.matcher(page);
        assertThat(m.find()).as("the proof of work's bits in the page").isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as(start + " in the page").isNotNegative();
        from += start.length();
        return text.substring(from, text.indexOf(end, from)).strip();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return reporter(HttpRequest.newBuilder(api(path)).header("X-Forwarded-For", ADDRESS)
                .header("Accept-Language", "fr").GET().build());
    }

    /** A request of the reporter's, with the log lines written meanwhile (and a moment after, for the last ones). */
    private HttpResponse<String> reporter(HttpRequest request) throws Exception {
        int before;
        synchronized (logs) {
            before = logs.list.size();
        }
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Thread.sleep(100);
        synchronized (logs) {
            reporterLines.addAll(logs.list.subList(before, logs.list.size()));
        }
        return response;
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return reporter(HttpRequest.newBuilder(api(path)).header("X-Forwarded-For", ADDRESS)
                .header("Accept-Language", "fr").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> api(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
