package eu.synergie.gateway;

import eu.synergie.core.envelope.NoticeSealer;
import eu.synergie.crypto.pki.CertificateRequests;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.crypto.pki.Pkcs12;
import eu.synergie.infra.ClusterStack;
import eu.synergie.infra.GatewayProcess;
import eu.synergie.infra.KafkaBroker;
import eu.synergie.infra.KeycloakServer;
import eu.synergie.infra.SharedCluster;
import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster profile under faults ({@link SharedCluster}: 3 brokers, 3 Elasticsearch nodes, 2 gateways behind HAProxy).
 *
 * <p>An agency pushes 20,000 notices through HAProxy in batches of 100, at 100 notices a second (so that the push
 * outlasts the faults), while 16 analysts search, each reading the answer for a second before the next search. During
 * the push one broker is killed with SIGKILL and started again, then one Elasticsearch node, then one gateway. A second
 * scenario restarts the three brokers one after the other (controlled shutdown) under the same load, pushed until the
 * third broker is back. At the end of
 * each every notice is accepted and searchable, once; no request failed that one retry did not cure (what an analyst's
 * tool or the CLI does: a request without an answer or with a 5xx is sent once more, and so are a batch's lines
 * answered 503); nothing was dead-lettered; the audit chains verify, but for the killed gateway's last entries, which
 * no checkpoint signed and which the walk must report. Counts, errors and the longest waits are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterFaultIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int NOTICES = 20_000;
    private static final int BATCH = 100;
    private static final int NOTICES_PER_SECOND = 100;
    private static final int ANALYSTS = 16;
    private static final Duration READING = Duration.ofSeconds(1);
    private static final Duration START = Duration.ofMinutes(8);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private ClusterStack cluster;
    private GatewayProcess killed;
    private KeyCredential agency;
    private X509Certificate region;
    private Supplier<String> feed;
    private Supplier<String> analyst;

    @BeforeAll
    void clusterAndAgency() throws Exception {
        cluster = SharedCluster.all();
        killed = cluster.gateways().get(1);
        KeycloakServer keycloak = SharedStack.keycloak();
        feed = fresh(() -> keycloak.clientCredentials("feed-be-pjf", "demo-secret-be-pjf"));
        analyst = fresh(() -> keycloak.passwordGrant("luc.peeters", "demo"));
        String admin = keycloak.passwordGrant("amelie.roux", "demo");
        // BE-PJF is one of the demo agencies the first gateway registers as it starts: a key and a certificate of ours.
        KeyPair keys = Keys.generateEcP256();
        byte[] request = CertificateRequests.create(keys, "BE-PJF");
        String chain = await("a certificate for BE-PJF").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    HttpResponse<String> issued = http.send(HttpRequest.newBuilder(api("/api/v1/trust/agencies/BE-PJF/certificates"))
                            .header("Authorization", "Bearer " + admin).header("Content-Type", "application/pkcs10")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofString());
                    return issued.statusCode() == 201 ? issued.body() : null;
                }, body -> body != null);
        agency = new KeyCredential(keys.getPrivate(), Pem.readCertificates(chain));
        region = Pkcs12.read(cluster.keyFolder().resolve("region-EU-WEST.p12"),
                cluster.keysPassword().toCharArray()).chain().getFirst();
    }

    @Test
    void faultsWhenABrokerANodeAndAGatewayDieUnderLoadThenEveryNoticeIsSearchableOnceAndNoRequestFailsTwice()
            throws Exception {
        long deadBefore = deadLetterTotal();
        Load load = new Load("panne" + run, NOTICES);
        long acceptedAtGatewayKill;
        try {
            pause(10);
            KafkaBroker broker = cluster.kafka().brokers().get(1);
            step(load, "kill -9 " + broker.name(), broker::crash);
            pause(15);
            step(load, "start " + broker.name(), () -> broker.start(START));
            pause(5);
            var node = cluster.elasticsearch().node(1);
            step(load, "kill -9 " + node.name(), node::crash);
            pause(15);
            step(load, "start " + node.name(), () -> node.start(START));
            pause(5);
            acceptedAtGatewayKill = load.accepted.size();
            step(load, "kill -9 " + killed.name(),
                    () -> ProcessHandle.of(killed.jvmPid().orElseThrow()).orElseThrow().destroyForcibly());
            pause(10);
            step(load, "start " + killed.name(), () -> killed.start(START));
        } finally {
            load.finish();
        }
        assertThat(acceptedAtGatewayKill).as("notices accepted when the gateway was killed: the push was still under way")
                .isLessThan(NOTICES);
        assertThat(load.sent.get()).as("notices pushed").isEqualTo(NOTICES);
        assertEverythingThereOnce(load, deadBefore);
    }

    @Test
    void rollingRestartWhenEachBrokerStopsAndStartsInTurnUnderLoadThenNothingIsLost() throws Exception {
        long deadBefore = deadLetterTotal();
        Load load = new Load("roulement" + run, Integer.MAX_VALUE);
        try {
            pause(5);
            for (KafkaBroker broker : cluster.kafka().brokers()) {
                step(load, "stop " + broker.name(), () -> broker.stop(Duration.ofSeconds(60)));
                step(load, "start " + broker.name(), () -> broker.start(START));
                pause(5);
            }
        } finally {
            load.stopPushing();
            load.finish();
        }
        assertEverythingThereOnce(load, deadBefore);
    }

    private void assertEverythingThereOnce(Load load, long deadBefore) throws Exception {
        long settling = System.nanoTime();
        long searchable = await("every accepted notice searchable").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1)).until(() -> total(load.token), total -> total >= load.accepted.size());
        load.print((System.nanoTime() - settling) / 1e9);
        assertThat(load.publishFailures).as("publishes that failed twice").isEmpty();
        assertThat(load.searchFailures).as("searches that failed twice").isEmpty();
        assertThat(load.accepted).as("notices accepted").hasSize(load.sent.get());
        assertThat(searchable).as("every accepted notice, once").isEqualTo(load.accepted.size());
        assertThat(deadLetterTotal()).as("nothing dead-lettered").isEqualTo(deadBefore);
        JsonNode verified = JSON.readTree(send(HttpRequest.newBuilder(api("/api/v1/audit/verify"))
                .header("Authorization", "Bearer " + SharedStack.keycloak().passwordGrant("hans.keller", "demo"))).body());
        // Every chain verifies but the killed gateway's: what it wrote after its last signed checkpoint is covered by
        // none, which the walk must report (an unsigned tail cannot be told from forged entries); nothing else may be.
        List<JsonNode> defects = verified.path("defects").values().stream().toList();
        System.out.println("ClusterFaultIT: audit " + verified.path("entries").asLong() + " entries; defects: " + defects);
        assertThat(defects).as(verified.toString()).allSatisfy(defect -> {
            assertThat(defect.path("reason").asString()).isEqualTo("UNSIGNED_TAIL");
            assertThat(defect.path("writer").asString()).startsWith(killed.name() + "-");
        });
    }

    /** The push and the analysts, started at once; {@link #finish} waits for the push, then stops the analysts. */
    private final class Load {

        final String token;
        final int notices;
        final AtomicInteger sent = new AtomicInteger();
        final Set<UUID> accepted = ConcurrentHashMap.newKeySet();
        final List<String> publishFailures = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> searchFailures = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicLong retried = new AtomicLong();
        final AtomicLong searches = new AtomicLong();
        final AtomicLong longestSearchGap = new AtomicLong();
        final AtomicLong longestPublishGap = new AtomicLong();
        private final AtomicBoolean pushing = new AtomicBoolean(true);
        private final AtomicBoolean searching = new AtomicBoolean(true);
        private final Thread publisher;
        /** What ended the push early, if anything did: a thread's exception is otherwise only printed. */
        private volatile Throwable pushFailure;
        private final List<Thread> analysts = new ArrayList<>();

        Load(String token, int notices) {
            this.token = token;
            this.notices = notices;
            publisher = Thread.ofPlatform().name("cluster-it-publisher").start(() -> {
                try {
                    push();
                } catch (RuntimeException | Error e) {
                    pushFailure = e;
                }
            });
            for (int a = 0; a < ANALYSTS; a++) {
                analysts.add(Thread.ofPlatform().name("cluster-it-analyst-" + a).start(this::search));
            }
        }

        private void push() {
            long started = System.nanoTime();
            long last = started;
            for (int first = 0; first < notices && pushing.get(); first += BATCH) {
                pauseMillis((started + first * 1_000_000_000L / NOTICES_PER_SECOND - System.nanoTime()) / 1_000_000);
                Map<UUID, String> lines = new LinkedHashMap<>();
                for (int i = first; i < Math.min(notices, first + BATCH); i++) {
                    UUID id = UUID.randomUUID();
                    byte[] envelope = NoticeSealer.seal(TestEnvelopes.notice(id, "BE-PJF", "EU-WEST",
                            "Blanchiment " + token + " n° " + i).getBytes(StandardCharsets.UTF_8), agency, region);
                    lines.put(id, "{\"envelope\":\"" + Base64.getEncoder().encodeToString(envelope) + "\"}\n");
                }
                sent.addAndGet(lines.size());
                Map<UUID, String> unavailable = publish(lines, true);
                if (!unavailable.isEmpty()) {
                    retried.addAndGet(unavailable.size());
                    pauseMillis(1000);
                    publish(unavailable, false).forEach((id, line) -> publishFailures.add(id + ": 503 twice"));
                }
                long now = System.nanoTime();
                longestPublishGap.accumulateAndGet(now - last, Math::max);
                last = now;
            }
        }

        /** Sends one batch: accepted lines are counted, refused ones are failures; those answered 503 are returned. */
        private Map<UUID, String> publish(Map<UUID, String> lines, boolean retryRequest) {
            String body = String.join("", lines.values());
            HttpResponse<String> answer = request(retryRequest, () -> HttpRequest.newBuilder(api("/api/v1/notices/batch"))
                    .header("Authorization", "Bearer " + feed.get()).header("Content-Type", "application/x-ndjson")
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
            List<UUID> ids = new ArrayList<>(lines.keySet());
            Map<UUID, String> unavailable = new LinkedHashMap<>();
            if (answer == null || answer.statusCode() != 200) {
                ids.forEach(id -> publishFailures.add(id + ": " + (answer == null ? "no answer"
                        : answer.statusCode() + " " + answer.body())));
                return unavailable;
            }
            for (String line : answer.body().lines().toList()) {
                JsonNode status = JSON.readTree(line);
                UUID id = ids.get(status.path("line").asInt() - 1);
                switch (status.path("status").asInt()) {
                    case 202 -> accepted.add(id);
                    case 503 -> unavailable.put(id, lines.get(id));
                    default -> publishFailures.add(id + ": " + line);
                }
            }
            return unavailable;
        }

        private void search() {
            long last = System.nanoTime();
            while (searching.get()) {
                HttpResponse<String> answer = request(true, () -> HttpRequest.newBuilder(
                                api("/api/v1/notices?size=5&purpose=IT-CLUSTER&q=" + token))
                        .header("Authorization", "Bearer " + analyst.get()).timeout(Duration.ofSeconds(30)).GET().build());
                searches.incrementAndGet();
                if (answer != null && answer.statusCode() == 200) {
                    long now = System.nanoTime();
                    longestSearchGap.accumulateAndGet(now - last - READING.toNanos(), Math::max);
                    last = now;
                } else {
                    searchFailures.add(answer == null ? "no answer" : answer.statusCode() + " " + answer.body());
                }
                pauseMillis(READING.toMillis());
            }
        }

        /** One request, and once more after a second if it got no answer or a 5xx (what a client's retry does). */
        private HttpResponse<String> request(boolean retry, Supplier<HttpRequest> request) {
            for (int attempt = 0; ; attempt++) {
                boolean last = !retry || attempt == 1;
                try {
                    HttpResponse<String> answer = http.send(request.get(), HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() < 500 || last) {
                        return answer;
                    }
                } catch (java.io.IOException e) {
                    if (last) {
                        return null;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                retried.incrementAndGet();
                pauseMillis(1000);
            }
        }

        /** Ends the push after the batch under way (a push without a count of its own). */
        void stopPushing() {
            pushing.set(false);
        }

        void finish() throws InterruptedException {
            publisher.join(Duration.ofMinutes(10));
            searching.set(false);
            for (Thread thread : analysts) {
                thread.join();
            }
            assertThat(publisher.isAlive()).as("the push still running after 10 minutes").isFalse();
            assertThat(pushFailure).as("what ended the push").isNull();
        }

        void print(double settleSeconds) {
            System.out.printf("ClusterFaultIT (%s): %,d of %,d notices sent accepted (%,d failed after one retry), %,d searches "
                            + "by %d analysts (%,d failed after one retry), %,d requests or lines retried once; longest "
                            + "wait between two answers: publish %.1f s (a batch a second), search %.1f s (beyond the "
                            + "analyst's reading); all searchable %.1f s after the push ended%n",
                    token, accepted.size(), sent.get(), publishFailures.size(), searches.get(), ANALYSTS,
                    searchFailures.size(), retried.get(), longestPublishGap.get() / 1e9, longestSearchGap.get() / 1e9,
                    settleSeconds);
            System.out.println("ClusterFaultIT: publishes that failed twice, by answer: " + kinds(publishFailures));
            System.out.println("ClusterFaultIT: searches that failed twice, by answer: " + kinds(searchFailures));
        }
    }

    /** How many failures of each kind: the answer's status and the start of its body, without the notice id. */
    private static java.util.Map<String, Long> kinds(List<String> failures) {
        synchronized (failures) {
            return failures.stream().map(f -> f.replaceFirst("^[0-9a-f-]{36}: ", "").replaceAll("\\s+", " "))
                    .map(f -> f.substring(0, Math.min(f.length(), 120)))
                    .collect(java.util.stream.Collectors.groupingBy(f -> f, java.util.TreeMap::new,
                            java.util.stream.Collectors.counting()));
        }
    }

    private long total(String token) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(api("/api/v1/notices?size=1&count=exact&purpose=IT-CLUSTER&q=" + token))
                .header("Authorization", "Bearer " + analyst.get()));
        return answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("total").asLong() : -1;
    }

    private long deadLetterTotal() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(api("/api/v1/admin/deadletters?recent=1"))
                .header("Authorization", "Bearer " + SharedStack.keycloak().passwordGrant("amelie.roux", "demo")));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("total").asLong();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI api(String path) {
        return URI.create(cluster.url() + path);
    }

    private static void step(Load load, String what, Runnable action) {
        long started = System.nanoTime();
        int before = load.accepted.size();
        action.run();
        System.out.printf("ClusterFaultIT: %s (%.1f s; %,d notices accepted before it)%n", what,
                (System.nanoTime() - started) / 1e9, before);
    }

    private static void pause(int seconds) {
        pauseMillis(seconds * 1000L);
    }

    private static void pauseMillis(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A token fetched again every minute: the load outlives an access token's lifespan. */
    private static Supplier<String> fresh(Supplier<String> fetch) {
        return new Supplier<>() {
            private String token;
            private long fetchedAt;

            @Override
            public synchronized String get() {
                if (token == null || System.nanoTime() - fetchedAt > Duration.ofMinutes(1).toNanos()) {
                    token = fetch.get();
                    fetchedAt = System.nanoTime();
                }
                return token;
            }
        };
    }
}
