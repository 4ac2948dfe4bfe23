package eu.synergie.cli;

import eu.synergie.crypto.pki.Pem;
import eu.synergie.gateway.GatewayIntegrationTest;
import eu.synergie.infra.SharedStack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real gateway in-process on the shared real stack (Kafka, Elasticsearch, Keycloak): the one context of every
 * integration test of the build ({@link GatewayIntegrationTest}, whose tests run in this module's test JVM too), and
 * what an agency needs from the exchange: onboarding through the admin API, the region's recipient certificate, and a
 * way to count what analysts can find.
 */
abstract class ExchangeIntegrationTest extends GatewayIntegrationTest {

    /** The exchange's folder and the password of its key stores. */
    static final Path HOME = home();
    static final String KEYS_PASSWORD = keysPassword();
    static final String AGENCY = "BE-PJF";
    static final String FEED_CLIENT = "feed-be-pjf";
    static final String FEED_SECRET = "demo-secret-be-pjf";

    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

    final HttpClient http = HttpClient.newHttpClient();

    String server() {
        return "http://localhost:" + port;
    }

    /** Registers the agency for EU-WEST through the admin API, unless an earlier test did. */
    void registerAgency() throws Exception {
        HttpResponse<String> registered = send(admin(), "POST", "/api/v1/trust/agencies", "application/json",
                "{\"code\":\"" + AGENCY + "\",\"name\":\"Police judiciaire fédérale\",\"regions\":[\"EU-WEST\"]}");
        assertThat(registered.statusCode()).as(registered.body()).isIn(201, 409);
    }

    /** What the trust administrator does with the agency's request: the PEM chain the admin API answers. */
    String issueCertificate(Path csr) throws Exception {
        HttpResponse<String> issued = send(admin(), "POST", "/api/v1/trust/agencies/" + AGENCY + "/certificates",
                "application/pkcs10", Files.readString(csr));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return issued.body();
    }

    /** The region's recipient certificate as the exchange hands it to agencies, in {@code file}. */
    Path regionCertificate(Path file) throws IOException {
        Files.writeString(file, Pem.certificates(List.of(keys.regions().recipientCertificate("EU-WEST").orElseThrow())));
        return file;
    }

    /** The settings of the agency's CLI against this exchange. */
    Map<String, String> agencyEnvironment(Path work) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", work.resolve("home").toString());
        env.put("SYNERGIE_SERVER", server());
        env.put("SYNERGIE_TOKEN_URL", SharedStack.keycloak().tokenEndpoint());
        env.put("SYNERGIE_CLIENT_ID", FEED_CLIENT);
        env.put("SYNERGIE_CLIENT_SECRET", FEED_SECRET);
        env.put("SYNERGIE_KEYSTORE", work.resolve("be-pjf.p12").toString());
        env.put("SYNERGIE_KEYSTORE_PASSWORD", "it-" + KEYS_PASSWORD);
        env.put("SYNERGIE_REGION_CERTS", work.resolve("eu-west.pem").toString());
        return env;
    }

    /** How many notices containing {@code text} an analyst of the agency finds (the search's exact total). */
    long searchable(String text) throws Exception {
        String analyst = SharedStack.keycloak().passwordGrant("luc.peeters", "demo");
        HttpResponse<String> response = send(analyst, "GET", "/api/v1/notices?size=1&count=exact&purpose=IT-CLI-2026&q="
                + URLEncoder.encode(text, StandardCharsets.UTF_8), "application/json", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher total = TOTAL.matcher(response.body());
        assertThat(total.find()).as(response.body()).isTrue();
        return Long.parseLong(total.group(1));
    }

    /** Waits until exactly {@code expected} are searchable (failing if more show up); returns when that was. */
    long awaitSearchable(String text, long expected, Duration timeout) {
        await(expected + " notices searchable with " + text).atMost(timeout).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    long found = searchable(text);
                    assertThat(found).as("searchable notices with " + text).isLessThanOrEqualTo(expected); // more: fails at once
                    return found;
                }, found -> found == expected);
        return System.nanoTime();
    }

    /** The agency's CLI in {@code folder}: key store, certificate issued through the admin API, EU-WEST's certificate. */
    Map<String, String> onboardAgency(String agency, String client, String secret, Path folder) throws Exception {
        Files.createDirectories(folder);
        Map<String, String> env = new HashMap<>(agencyEnvironment(folder));
        env.put("SYNERGIE_CLIENT_ID", client);
        env.put("SYNERGIE_CLIENT_SECRET", secret);
        env.put("SYNERGIE_KEYSTORE", folder.resolve("agency.p12").toString());
        HttpResponse<String> registered = send(admin(), "POST", "/api/v1/trust/agencies", "application/json",
                "{\"code\":\"" + agency + "\",\"name\":\"" + agency + "\",\"regions\":[\"EU-WEST\",\"MED\"]}");
        assertThat(registered.statusCode()).as(registered.body()).isIn(201, 409);
        CliRun keygen = CliRun.run(folder, env, "keygen", "--agency", agency, "--csr", "agency.csr");
        assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
        HttpResponse<String> issued = send(admin(), "POST", "/api/v1/trust/agencies/" + agency + "/certificates",
                "application/pkcs10", Files.readString(folder.resolve("agency.csr")));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        Files.writeString(folder.resolve("chain.pem"), issued.body());
        CliRun install = CliRun.run(folder, env, "cert", "install", "chain.pem");
        assertThat(install.exitCode()).as(install.toString()).isZero();
        regionCertificate(folder.resolve("eu-west.pem"));
        return env;
    }

    /** Pushes one notice with the agency's CLI, as {@link #onboardAgency} set it up in {@code env}. */
    void pushNotice(Map<String, String> env, String notice) throws Exception {
        Path folder = Path.of(env.get("SYNERGIE_KEYSTORE")).getParent();
        Path feed = Files.createTempFile(folder, "feed", ".jsonl");
        Files.writeString(feed, notice + "\n");
        CliRun push = CliRun.run(folder, env, "push", feed.getFileName().toString(), "--progress", "none");
        assertThat(push.exitCode()).as(push.toString()).isZero();
    }

    /** A notice of {@code agency} in EU-WEST naming one phone number, version {@code version}. */
    static String phoneNotice(java.util.UUID id, String agency, String caseRef, String token, String phone, String releasableTo,
                              int version) {
        return """
                {"noticeId":"%s","originAgency":"%s","region":"EU-WEST","type":"DRUG_TRAFFICKING",
                 "title":"Ligne prépayée d'un réseau de livraison, dossier %s",
                 "summary":"Numéro relevé lors d'une surveillance à Lyon.",
                 "language":"fr","issuedAt":"%s","classification":"RESTRICTED","handlingCode":"H1","tlp":"AMBER",
                 "releasableTo":%s,"dissemination":"FULL","caseRef":"%s","version":%d,"status":"ACTIVE","entities":[
                  {"kind":"PHONE","value":"%s"}]}
                """.formatted(id, agency, token, java.time.Instant.now(), releasableTo, caseRef, version, phone)
                .replace("\n", "");
    }

    /** {@code count} random capital letters: a value no other run has. */
    static String letters(java.util.Random random, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append((char) ('A' + random.nextInt(26)));
        }
        return s.toString();
    }

    String admin() {
        return SharedStack.keycloak().passwordGrant("amelie.roux", "demo");
    }

    HttpResponse<String> send(String token, String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", type);
        request = method.equals("GET") ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
