package eu.synergie.cli;

import eu.synergie.crypto.envelope.EnvelopeProfile;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hybrid profile from the agency's side on the real stack (issue 20): {@code keygen --profile hybrid}, both
 * requests issued through the admin API, both chains installed, the region's two recipient certificates taken from
 * {@code GET /api/v1/trust/regions}, then 1,000 realistic notices pushed by the CLI as hybrid envelopes and found by
 * an analyst. EU-NORTH, the stack's region for the hybrid tests; its profile is {@code HybridProfileIT}'s to change,
 * so this test forces the hybrid profile on the CLI side instead.
 */
class HybridPushIT extends ExchangeIntegrationTest {

    private static final String NORTH = "EU-NORTH";
    private static final String KRP = "FI-KRP";
    private static final String PURPOSE = "KRP-2026-0815";
    private static final int THOUSAND = 1_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void pushWhenHybridKeyStoreThenAThousandHybridNoticesAcceptedAndSearchable() throws Exception {
        Path work = Files.createDirectories(Path.of("target/hybrid-push-it-" + UUID.randomUUID()).toAbsolutePath());
        HttpResponse<String> registered = send(admin(), "POST", "/api/v1/trust/agencies", "application/json",
                "{\"code\":\"" + KRP + "\",\"name\":\"Keskusrikospoliisi\",\"regions\":[\"" + NORTH + "\"]}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        JsonNode feedClient = JSON.readTree(registered.body()).get("feedClient");
        Map<String, String> env = agencyEnvironment(work);
        env.put("SYNERGIE_CLIENT_ID", feedClient.get("clientId").asString());
        env.put("SYNERGIE_CLIENT_SECRET", feedClient.get("clientSecret").asString());
        env.put("SYNERGIE_KEYSTORE", work.resolve("fi-krp.p12").toString());
        env.put("SYNERGIE_REGION_CERTS", work.resolve("eu-north.pem").toString());

        CliRun keygen = CliRun.run(work, env, "keygen", "--agency", KRP, "--profile", "hybrid", "--csr", "fi-krp.csr",
                "--csr-ml-dsa", "fi-krp-ml-dsa.csr");
        assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
        Files.writeString(work.resolve("fi-krp-chain.pem"), issue(work.resolve("fi-krp.csr")));
        Files.writeString(work.resolve("fi-krp-ml-dsa-chain.pem"), issue(work.resolve("fi-krp-ml-dsa.csr")));
        CliRun install = CliRun.run(work, env, "cert", "install", "fi-krp-chain.pem", "fi-krp-ml-dsa-chain.pem");
        assertThat(install.exitCode()).as(install.toString()).isZero();

        HttpResponse<String> regions = send(admin(), "GET", "/api/v1/trust/regions", "application/json", "");
        assertThat(regions.statusCode()).as(regions.body()).isEqualTo(200);
        for (JsonNode region : JSON.readTree(regions.body())) {
            if (region.get("region").asString().equals(NORTH)) {
                Files.writeString(work.resolve("eu-north.pem"), region.get("certificates").asString());
            }
        }

        String token = "hybridrun" + UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9]", "x");
        Path feed = TestFeeds.write(work.resolve("hybrid.jsonl"), 20, THOUSAND, KRP, NORTH, token, Set.of());
        long start = System.nanoTime();
        CliRun push = CliRun.run(work, env, "push", feed.toString(), "--profile", "hybrid", "--progress", "none");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(push.exitCode()).as(push.toString()).isZero();
        assertThat(count(push.out(), "accepted")).isEqualTo(THOUSAND);
        assertThat(push.out()).doesNotContain("Rejected:").containsIgnoringCase("hybrid");

        String analyst = analystClientToken("it-krp-analyst", KRP, List.of(NORTH), "RESTRICTED", PURPOSE);
        await(THOUSAND + " hybrid notices searchable").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> total(analyst, token), found -> found == THOUSAND);
        System.out.printf(Locale.ROOT, "hybrid push: %,d notices sealed and pushed by the CLI in %.1f s (%.0f/s), all searchable%n",
                THOUSAND, seconds, THOUSAND / seconds);

        // The exchange keeps each envelope as the agency made it: hybrid.
        HttpResponse<String> one = send(analyst, "GET", "/api/v1/notices?size=1&purpose=" + PURPOSE + "&q=" + token,
                "application/json", "");
        String noticeId = JSON.readTree(one.body()).get("hits").get(0).get("noticeId").asString();
        HttpResponse<byte[]> envelope = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server()
                        + "/api/v1/notices/" + noticeId + "/envelope?purpose=" + PURPOSE)).header("Authorization", "Bearer " + analyst)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(envelope.statusCode()).isEqualTo(200);
        assertThat(EnvelopeProfile.of(envelope.body())).isEqualTo(EnvelopeProfile.HYBRID);
    }

    private String issue(Path csr) throws Exception {
        HttpResponse<String> issued = send(admin(), "POST", "/api/v1/trust/agencies/" + KRP + "/certificates",
                "application/pkcs10", Files.readString(csr));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return issued.body();
    }

    private long total(String analyst, String text) throws Exception {
        HttpResponse<String> response = send(analyst, "GET", "/api/v1/notices?size=1&purpose=" + PURPOSE + "&q="
                + URLEncoder.encode(text, StandardCharsets.UTF_8), "application/json", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        long total = JSON.readTree(response.body()).get("total").asLong();
        assertThat(total).isLessThanOrEqualTo(THOUSAND);
        return total;
    }

    private static long count(String report, String label) {
        Matcher matcher = Pattern.compile("(?m)^  " + label + " +([\\d,]+)").matcher(report);
        assertThat(matcher.find()).as(label + " in:\n" + report).isTrue();
        return Long.parseLong(matcher.group(1).replace(",", ""));
    }
}
