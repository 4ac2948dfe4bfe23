package eu.synergie.gateway;

import eu.synergie.core.envelope.MarkingsLabel;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.crypto.envelope.EnvelopeSealer;
import eu.synergie.crypto.pki.CertificateRequests;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed input through HTTP on the real stack, a sample of what the generated-input tests of each parser
 * send: hostile envelopes (nesting ten thousand levels deep, lengths near 2^31, cut, without the originator
 * among the recipients, holding invalid notice JSON), NDJSON batch lines, certificate requests, search
 * parameters and cursors, watchlist definitions. Each answer is a 400, 413 or 422 problem with a {@code reason}
 * (each batch line a status line with one), and after three more rounds of the sample the gateway's heap after
 * GC and its live threads are what they were before: heap within 32 MiB, threads within 4.
 */
class MalformedInputIT extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long HEAP_TOLERANCE_BYTES = 32L << 20;
    private static final int THREAD_TOLERANCE = 4;

    /** One request and the answers it may get. */
    private record Probe(String name, String method, String path, String token, String contentType, byte[] body,
                         Set<Integer> statuses, String reason) {
    }

    @Test
    void malformedInputsWhenSentThenEach4xxProblemWithReasonAndHeapAndThreadsAsBefore() throws Exception {
        // One client thread, made before the baseline, so the test's own threads do not count as growth.
        ExecutorService clientThread = Executors.newSingleThreadExecutor();
        try (HttpClient http = HttpClient.newBuilder().executor(clientThread).connectTimeout(Duration.ofSeconds(10)).build()) {
            List<Probe> sample = sample();
            int answered = send(http, sample); // warms up every path: classes, caches, Tomcat's threads
            Footprint before = Footprint.measure();
            for (int round = 0; round < 3; round++) {
                answered += send(http, sample);
            }
            Footprint after = Footprint.measure();

            System.out.printf("MalformedInputIT: %d probes, %d answers checked; heap after GC %,d -> %,d bytes (tolerance "
                    + "%,d); live threads %d -> %d (tolerance %d)%n", sample.size(), answered, before.heapBytes(),
                    after.heapBytes(), HEAP_TOLERANCE_BYTES, before.threads(), after.threads(), THREAD_TOLERANCE);
            assertThat(after.heapBytes()).as("heap after GC").isLessThanOrEqualTo(before.heapBytes() + HEAP_TOLERANCE_BYTES);
            assertThat(after.threads()).as("live threads").isLessThanOrEqualTo(before.threads() + THREAD_TOLERANCE);
        } finally {
            clientThread.shutdownNow();
        }
    }

    private int send(HttpClient http, List<Probe> sample) throws Exception {
        int answered = 0;
        for (Probe probe : sample) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + probe.path()))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + probe.token());
            if (probe.contentType() != null) {
                request.header("Content-Type", probe.contentType());
            }
            request.method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(probe.body()));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String what = probe.name() + ": " + response.statusCode() + " " + abbreviated(response.body());
            if (probe.path().endsWith("/batch")) {
                assertThat(response.statusCode()).as(what).isEqualTo(200);
                for (String line : response.body().lines().toList()) {
                    JsonNode status = JSON.readTree(line);
                    assertThat(status.path("status").asInt()).as(what).isIn(400, 413, 422);
                    assertThat(status.path("reason").asString()).as(what).isNotBlank();
                    answered++;
                }
                continue;
            }
            assertThat(response.statusCode()).as(what).isIn(probe.statuses());
            assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("reason").asString()).as(what).isNotBlank();
            if (probe.reason() != null) {
                assertThat(problem.path("reason").asString()).as(what).isEqualTo(probe.reason());
            }
            assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ")
                    .doesNotContain("bouncycastle");
            answered++;
        }
        return answered;
    }

    private List<Probe> sample() {
        KeyCredential dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        X509Certificate euWest = keys.regions().recipientCertificate("EU-WEST").orElseThrow();
        String feed = SharedStack.keycloak().clientCredentials("feed-fr-dgpn", "demo-secret-fr-dgpn");
        String admin = SharedStack.keycloak().passwordGrant("amelie.roux", "demo");
        String analyst = SharedStack.keycloak().passwordGrant("luc.peeters", "demo");
        String json = TestEnvelopes.notice(UUID.randomUUID(), "FR-DGPN", "EU-WEST", "Entrée malformée");
        byte[] valid = TestEnvelopes.seal(json, dgpn, euWest);
        SplittableRandom random = new SplittableRandom(13);
        byte[] noise = new byte[1024];
        random.nextBytes(noise);

        List<Probe> probes = new ArrayList<>();
        Set<Integer> malformed = Set.of(400);
        probes.add(envelope("10,000 levels of definite nesting", feed, nestedDefinite(10_000), malformed, "MALFORMED_ENVELOPE"));
        probes.add(envelope("100,000 levels of indefinite nesting", feed, nestedIndefinite(100_000), malformed,
                "MALFORMED_ENVELOPE"));
        probes.add(envelope("authEnvelopedData nesting 5,000 levels", feed, element(0x30, element(0x06, new byte[] {0x2a,
                (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x17}),
                element(0xa0, nestedIndefinite(5_000))), malformed, "MALFORMED_ENVELOPE"));
        probes.add(envelope("length 2^31-1", feed, concat(new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff,
                (byte) 0xff}, Arrays.copyOfRange(valid, 4, 64)), malformed, "MALFORMED_ENVELOPE"));
        probes.add(envelope("random bytes", feed, noise, malformed, "MALFORMED_ENVELOPE"));
        for (int cut : new int[] {1, 2, 5, valid.length / 2, valid.length - 1}) {
            probes.add(envelope("cut to " + cut + " bytes", feed, Arrays.copyOf(valid, cut), malformed, "MALFORMED_ENVELOPE"));
        }
        probes.add(envelope("one byte over the limit", feed, new byte[(1 << 20) + 1], Set.of(413), "REQUEST_TOO_LARGE"));
        byte[] regionOnly = EnvelopeSealer.seal(json.getBytes(StandardCharsets.UTF_8), dgpn, List.of(euWest),
                MarkingsLabel.of(NoticeJson.read(json.getBytes(StandardCharsets.UTF_8)).markings()));
        probes.add(envelope("sealed for the region only", feed, regionOnly, Set.of(422), "ORIGINATOR_NOT_A_RECIPIENT"));
        String repeated = json.replaceFirst("\\{", "{\"title\":\"doublon\",");
        probes.add(envelope("notice with a repeated key", feed, EnvelopeSealer.seal(repeated.getBytes(StandardCharsets.UTF_8),
                dgpn, List.of(euWest, dgpn.certificate()), MarkingsLabel.of(NoticeJson.read(json.getBytes(
                        StandardCharsets.UTF_8)).markings())), Set.of(422), "INVALID_NOTICE"));

        String nestedBase64 = Base64.getEncoder().encodeToString(nestedDefinite(5_000));
        String batch = String.join("\n", "not json", "[".repeat(20_000), "{\"envelope\":1}", "{\"envelope\":\"@@@\"}",
                "{\"envelope\":\"" + nestedBase64 + "\"}", "{\"envelope\":\"" + Base64.getEncoder().encodeToString(regionOnly)
                        + "\"}", "{\"envelope\":\"" + "A".repeat(1_500_000) + "\"}") + "\n";
        probes.add(new Probe("batch of malformed lines", "POST", "/api/v1/notices/batch", feed, "application/x-ndjson",
                batch.getBytes(StandardCharsets.UTF_8), Set.of(200), null));

        byte[] csr = CertificateRequests.create(Keys.generateEcP256(), "FR-DGPN");
        for (byte[] bad : List.of(nestedDefinite(10_000), Arrays.copyOf(csr, csr.length - 3), noise,
                ("-----BEGIN CERTIFICATE REQUEST-----\n@@@@\n-----END CERTIFICATE REQUEST-----\n").getBytes(StandardCharsets.US_ASCII),
                Pem.certificateRequest(nestedIndefinite(3_000)).getBytes(StandardCharsets.US_ASCII))) {
            probes.add(new Probe("certificate request", "POST", "/api/v1/trust/agencies/FR-DGPN/certificates", admin,
                    "application/pkcs10", bad, Set.of(422), "TRUST_CHANGE_INVALID"));
        }

        String search = "/api/v1/notices?purpose=IT-MALFORMED&q=x";
        probes.add(get("cursor not base64", analyst, search + "&cursor=" + encode("%%%"), "INVALID_CURSOR"));
        probes.add(get("cursor of nothing", analyst, search + "&cursor=" + Base64.getUrlEncoder().encodeToString(noise),
                "INVALID_CURSOR"));
        probes.add(get("size 0", analyst, search + "&size=0", "INVALID_PARAMETER"));
        probes.add(get("impossible date", analyst, search + "&from=2026-02-30", "INVALID_PARAMETER"));
        probes.add(get("unknown TLP", analyst, search + "&tlp=PURPLE", "INVALID_PARAMETER"));
        probes.add(get("q too long", analyst, "/api/v1/notices?purpose=IT-MALFORMED&q=" + "x".repeat(600),
                "INVALID_PARAMETER"));

        for (String definition : List.of("{\"name\":\"\",\"text\":\"x\"}",
                "{\"name\":\"w\",\"values\":[{\"kind\":\"NOPE\",\"value\":\"1\"}]}",
                "{\"name\":\"w\",\"text\":\"" + "x".repeat(600) + "\"}",
                "{\"name\":\"w\",\"text\":\"x\",\"types\":[\"NOPE\"]}")) {
            probes.add(new Probe("watchlist " + abbreviated(definition), "POST", "/api/v1/watchlists", analyst,
                    "application/json", definition.getBytes(StandardCharsets.UTF_8), Set.of(400), "INVALID_PARAMETER"));
        }
        for (String body : List.of("{\"name\":", "[".repeat(10_000), "{\"name\":\"w\",\"text\":{\"a\":" .repeat(2_000))) {
            probes.add(new Probe("watchlist JSON " + abbreviated(body), "POST", "/api/v1/watchlists", analyst,
                    "application/json", body.getBytes(StandardCharsets.UTF_8), Set.of(400), null));
        }
        return probes;
    }

    private static Probe envelope(String name, String token, byte[] body, Set<Integer> statuses, String reason) {
        return new Probe(name, "POST", "/api/v1/notices", token, "application/pkcs7-mime", body, statuses, reason);
    }

    private static Probe get(String name, String token, String path, String reason) {
        return new Probe(name, "GET", path, token, null, null, Set.of(400), reason);
    }

    /** The gateway's JVM (this one) after garbage collection: heap in use and live threads. */
    private record Footprint(long heapBytes, int threads) {
        static Footprint measure() throws InterruptedException {
            long heap = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200); // part of the measurement: the collector settles, the least of three samples counts
                heap = Math.min(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
            return new Footprint(heap, ManagementFactory.getThreadMXBean().getThreadCount());
        }
    }

    private static byte[] nestedDefinite(int depth) {
        byte[] inner = {0x30, 0x00};
        List<byte[]> headers = new ArrayList<>();
        int length = inner.length;
        for (int level = 1; level < depth; level++) {
            byte[] header = header(0x30, length);
            headers.add(header);
            length += header.length;
        }
        byte[] bytes = new byte[length];
        int position = 0;
        for (int i = headers.size() - 1; i >= 0; i--) {
            System.arraycopy(headers.get(i), 0, bytes, position, headers.get(i).length);
            position += headers.get(i).length;
        }
        System.arraycopy(inner, 0, bytes, position, inner.length);
        return bytes;
    }

    private static byte[] nestedIndefinite(int depth) {
        byte[] bytes = new byte[depth * 4];
        for (int i = 0; i < depth; i++) {
            bytes[2 * i] = 0x30;
            bytes[2 * i + 1] = (byte) 0x80;
        }
        return bytes;
    }

    private static byte[] element(int tag, byte[]... parts) {
        byte[] contents = new byte[0];
        for (byte[] part : parts) {
            contents = concat(contents, part);
        }
        return concat(header(tag, contents.length), contents);
    }

    private static byte[] header(int tag, int length) {
        if (length < 0x80) {
            return new byte[] {(byte) tag, (byte) length};
        }
        int octets = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        byte[] header = new byte[2 + octets];
        header[0] = (byte) tag;
        header[1] = (byte) (0x80 | octets);
        for (int i = 0; i < octets; i++) {
            header[2 + i] = (byte) (length >>> (8 * (octets - 1 - i)));
        }
        return header;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviated(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
