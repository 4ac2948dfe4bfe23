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
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster profile under faults ({@link SharedCluster}: 3 brokers, 2 Elasticsearch nodes, 2 gateways behind HAProxy):
 * while an agency publishes notices one by one through HAProxy and analysts search, one broker is killed with SIGKILL
 * and started again, then one Elasticsearch node, then one gateway. At the end every notice the exchange accepted is
 * searchable, once; no request failed that one retry did not cure (what an analyst's tool or the CLI does); nothing
 * was dead-lettered; the audit chains verify, but for the killed gateway's last entries, which no checkpoint signed
 * and which the walk must report. Counts, errors and the longest wait between two answers are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterFaultIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ANALYSTS = 8;
    private static final Duration START = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String run = "grappe" + UUID.randomUUID().toString().substring(0, 8);
    private ClusterStack cluster;
    private KeyCredential agency;
    private X509Certificate region;
    private Supplier<String> feed;
    private Supplier<String> analyst;

    @BeforeAll
    void clusterAndAgency() throws Exception {
        cluster = SharedCluster.all();
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
    void faultsWhenABrokerANodeAndAGatewayDieUnderLoadThenEveryAcceptedNoticeIsSearchableOnceAndNoRequestFailsTwice()
            throws Exception {
        long deadBefore = deadLetterTotal();
        Set<UUID> accepted = ConcurrentHashMap.newKeySet();
        List<String> publishFailures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> searchFailures = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong retried = new AtomicLong();
        AtomicLong searches = new AtomicLong();
        AtomicLong longestSearchGap = new AtomicLong();
        AtomicLong longestPublishGap = new AtomicLong();
        AtomicBoolean loading = new AtomicBoolean(true);
        List<Thread> load = new ArrayList<>();
        load.add(Thread.ofPlatform().name("cluster-it-publisher").start(() -> {
            long last = System.nanoTime();
            for (int i = 0; loading.get(); i++) {
                UUID id = UUID.randomUUID();
                byte[] envelope = NoticeSealer.seal(TestEnvelopes.notice(id, "BE-PJF", "EU-WEST",
                        "Blanchiment " + run + " n° " + i).getBytes(StandardCharsets.UTF_8), agency, region);
                HttpResponse<String> answer = withOneRetry(retried, () -> HttpRequest.newBuilder(api("/api/v1/notices"))
                        .header("Authorization", "Bearer " + feed.get()).header("Content-Type", "application/pkcs7-mime")
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build());
                if (answer != null && answer.statusCode() == 202) {
                    accepted.add(id);
                    long now = System.nanoTime();
                    longestPublishGap.accumulateAndGet(now - last, Math::max);
                    last = now;
                } else {
                    publishFailures.add(id + ": " + (answer == null ? "no answer" : answer.statusCode() + " " + answer.body()));
                }
            }
        }));
        for (int a = 0; a < ANALYSTS; a++) {
            load.add(Thread.ofPlatform().name("cluster-it-analyst-" + a).start(() -> {
                long last = System.nanoTime();
                while (loading.get()) {
                    HttpResponse<String> answer = withOneRetry(retried, () -> HttpRequest.newBuilder(
                                    api("/api/v1/notices?size=5&purpose=IT-CLUSTER&q=" + run))
                            .header("Authorization", "Bearer " + analyst.get()).timeout(Duration.ofSeconds(30)).GET().build());
                    searches.incrementAndGet();
                    if (answer != null && answer.statusCode() == 200) {
                        long now = System.nanoTime();
                        longestSearchGap.accumulateAndGet(now - last, Math::max);
                        last = now;
                    } else {
                        searchFailures.add(answer == null ? "no answer" : answer.statusCode() + " " + answer.body());
                    }
                }
            }));
        }

        GatewayProcess killed = cluster.gateways().get(1);
        try {
            pause(10);
            KafkaBroker broker = cluster.kafka().brokers().get(1);
            step("kill -9 " + broker.name(), () -> broker.crash());
            pause(15);
            step("start " + broker.name(), () -> broker.start(START));
            pause(5);
            var node = cluster.elasticsearch().node(1);
            step("kill -9 " + node.name(), () -> node.crash());
            pause(15);
            step("start " + node.name(), () -> node.start(START));
            pause(5);
            GatewayProcess gateway = killed;
            step("kill -9 " + gateway.name(), () -> ProcessHandle.of(gateway.jvmPid().orElseThrow()).orElseThrow().destroyForcibly());
            pause(10);
            step("start " + gateway.name(), () -> gateway.start(START));
            pause(5);
        } finally {
            loading.set(false);
            for (Thread thread : load) {
                thread.join();
            }
        }
        long settling = System.nanoTime();
        long searchable = await("every accepted notice searchable").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1)).until(this::total, total -> total >= accepted.size());
        System.out.printf("ClusterFaultIT: %,d notices accepted (%,d failed after one retry), %,d searches by %d analysts "
                        + "(%,d failed after one retry), %,d requests retried once; longest wait between two answers: "
                        + "publish %.1f s, search %.1f s; all searchable %.1f s after the load stopped%n",
                accepted.size(), publishFailures.size(), searches.get(), ANALYSTS, searchFailures.size(), retried.get(),
                longestPublishGap.get() / 1e9, longestSearchGap.get() / 1e9, (System.nanoTime() - settling) / 1e9);

        System.out.println("ClusterFaultIT: publishes that failed twice, by answer: " + kinds(publishFailures));
        System.out.println("ClusterFaultIT: searches that failed twice, by answer: " + kinds(searchFailures));
        assertThat(publishFailures).as("publishes that failed twice").isEmpty();
        assertThat(searchFailures).as("searches that failed twice").isEmpty();
        assertThat(accepted).as("publishes during the whole scenario").hasSizeGreaterThan(100);
        assertThat(searchable).as("every accepted notice, once").isEqualTo(accepted.size());
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

    /** How many failures of each kind: the answer's status and the start of its body, without the notice id. */
    private static java.util.Map<String, Long> kinds(List<String> failures) {
        synchronized (failures) {
            return failures.stream().map(f -> f.replaceFirst("^[0-9a-f-]{36}: ", "").replaceAll("\\s+", " "))
                    .map(f -> f.substring(0, Math.min(f.length(), 120)))
                    .collect(java.util.stream.Collectors.groupingBy(f -> f, java.util.TreeMap::new,
                            java.util.stream.Collectors.counting()));
        }
    }

    /** One request, and once more after a second if it got no answer or a 5xx (what a client's retry does). */
    private HttpResponse<String> withOneRetry(AtomicLong retried, Supplier<HttpRequest> request) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                HttpResponse<String> answer = http.send(request.get(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() < 500 || attempt == 1) {
                    return answer;
                }
            } catch (java.io.IOException e) {
                if (attempt == 1) {
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            retried.incrementAndGet();
            pauseMillis(1000);
        }
        return null;
    }

    private long total() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(api("/api/v1/notices?size=1&purpose=IT-CLUSTER&q=" + run))
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

    private static void step(String what, Runnable action) {
        long started = System.nanoTime();
        action.run();
        System.out.printf("ClusterFaultIT: %s (%.1f s)%n", what, (System.nanoTime() - started) / 1e9);
    }

    private static void pause(int seconds) {
        pauseMillis(seconds * 1000L);
    }

    private static void pauseMillis(long millis) {
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
