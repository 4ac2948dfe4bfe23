package eu.synergie.infra;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Three real Elasticsearch nodes started by our launcher form one cluster with security on; an index with one replica
 * loses neither documents nor searches when the member holding its primaries is killed, and the member that comes back
 * makes the cluster green again; a member's transport port takes no client without a certificate of the cluster's CA.
 * The cluster is started once per test JVM ({@link SharedCluster}); each test makes the indices it needs under names
 * of its own, and removes them.
 */
class ElasticsearchClusterIT {

    private static final int DOCUMENTS = 200;
    private static final Pattern NODE_NAME = Pattern.compile("\"(?:name|node)\":\"(synergie-node-\\d+)\"");

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void membersWhenStartedThenOneClusterGreenOnceAnIndexHasItsReplica() throws Exception {
        ElasticsearchCluster cluster = SharedCluster.elasticsearch();
        String index = "notices-it-form-" + run;
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < cluster.size(); i++) {
            names.add("synergie-node-" + i);
        }

        for (int i = 0; i < cluster.size(); i++) {
            ElasticsearchNode member = cluster.node(i);
            String health = expect(200, send(member, "GET", "/_cluster/health", cluster.operatorUser(), null)).body();
            assertThat(number(health, "number_of_nodes")).as("seen from " + member.name()).isEqualTo(cluster.size());
            assertThat(health).contains("\"cluster_name\":\"synergie\"");
            String nodes = expect(200, send(member, "GET", "/_cat/nodes?format=json&h=name", cluster.operatorUser(), null)).body();
            assertThat(allNodeNames(nodes)).as("the members seen from " + member.name()).isEqualTo(names);
            System.out.printf("%s: resident memory %d MB (heap %s)%n", member.name(), residentMegabytes(member),
                    ClusterStack.ELASTICSEARCH_HEAP);
        }

        expect(200, send(cluster.node(1), "PUT", "/" + index, cluster.gatewayUser(), REPLICA_1));
        try {
            String green = expect(200, send(cluster.node(0), "GET", "/_cluster/health/" + index
                    + "?wait_for_status=green&timeout=60s", cluster.gatewayUser(), null)).body();
            assertThat(green).contains("\"status\":\"green\"");
            assertThat(number(green, "active_shards")).as("each primary and its replica").isEqualTo(2);
        } finally {
            expect(200, send(cluster.node(0), "DELETE", "/" + index, cluster.operatorUser(), null));
        }
    }

    @Test
    void memberHoldingThePrimariesWhenKilledThenSearchesThroughAnotherFindEveryDocumentAndItsReturnMakesTheClusterGreen()
            throws Exception {
        ElasticsearchCluster cluster = SharedCluster.elasticsearch();
        String index = "notices-it-" + run;
        expect(200, send(cluster.node(0), "PUT", "/" + index, cluster.gatewayUser(), """
                {"settings": {"number_of_shards": 2, "number_of_replicas": 1}}"""));
        try {
            expect(200, send(cluster.node(0), "GET", "/_cluster/health/" + index + "?wait_for_status=green&timeout=60s",
                    cluster.gatewayUser(), null));
            StringBuilder bulk = new StringBuilder();
            for (int i = 0; i < DOCUMENTS; i++) {
                bulk.append("{\"index\": {\"_index\": \"").append(index).append("\", \"_id\": \"n").append(i).append("\"}}\n")
                        .append("{\"title\": \"notice ").append(i).append("\"}\n");
            }
            String written = expect(200, send(cluster.node(0), "POST", "/_bulk?refresh=true", cluster.gatewayUser(),
                    bulk.toString())).body();
            assertThat(written).contains("\"errors\":false");

            int victim = holderOfMostPrimaries(cluster, index);
            int survivor = (victim + 1) % cluster.size();
            ElasticsearchNode through = cluster.node(survivor);
            assertThat(count(through, cluster, index)).isEqualTo(DOCUMENTS);

            Searches searches = new Searches(through, cluster, index);
            long killed = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            HealthWatch health = new HealthWatch(through, cluster, killed);
            Thread searching = Thread.ofPlatform().name("cluster-it-searches").start(searches);
            Thread watching = Thread.ofPlatform().name("cluster-it-health").start(health);
            try {
                Thread.sleep(1000);
                kill(cluster.node(victim));

                // Seen by the survivor: the member is gone, its primaries' replicas promoted, their own replicas
                // missing (yellow) until a member can take them.
                String yellow = awaitHealth(through, cluster, "wait_for_nodes=" + (cluster.size() - 1));
                System.out.printf("cluster health %.1f s after the kill of %s: %s%n", (System.nanoTime() - killed) / 1e9,
                        cluster.node(victim).name(), status(yellow));
                assertThat(status(yellow)).as(yellow).isEqualTo("yellow");
                Thread.sleep(5000);

                long restarting = System.nanoTime();
                cluster.node(victim).start(SharedStack.get().startTimeout());
                String green = awaitHealth(through, cluster, "wait_for_nodes=" + cluster.size() + "&wait_for_status=green");
                System.out.printf("%s started again, cluster green %.1f s later%n", cluster.node(victim).name(),
                        (System.nanoTime() - restarting) / 1e9);
                assertThat(status(green)).as(green).isEqualTo("green");
                Thread.sleep(1000);
            } finally {
                searches.stop.set(true);
                health.stop.set(true);
                searching.join(30_000);
                watching.join(30_000);
            }
            System.out.printf("searches through %s while %s was killed and came back: %d answered with all %d documents, "
                            + "%d incomplete, %d errors, longest gap between complete answers %d ms (ended %.1f s after the "
                            + "kill)%s; the cluster's health after the kill: %s%n",
                    through.name(), cluster.node(victim).name(), searches.complete, DOCUMENTS, searches.incomplete,
                    searches.errors, searches.longestGapMillis, (searches.longestGapEnded - killed) / 1e9,
                    searches.firstProblem == null ? "" : " (first problem: " + searches.firstProblem + ")", health.notGreen);
            assertThat(searches.complete).as("searches answered during the whole test").isGreaterThan(20);
            assertThat(searches.incomplete).as("answers that missed documents").isZero();
            assertThat(searches.errors).as("searches that failed").isZero();
            assertThat(health.everRed()).as("the cluster was red or did not answer: " + health.notGreen).isFalse();
            assertThat(count(cluster.node(victim), cluster, index)).as("through the member that came back").isEqualTo(DOCUMENTS);
        } finally {
            expect(200, send(cluster.node(0), "DELETE", "/" + index, cluster.operatorUser(), null));
        }
    }

    @Test
    void transportWhenClientHasNoCertificateOfTheCaThenRefused() throws Exception {
        ElasticsearchCluster cluster = SharedCluster.elasticsearch();
        // Members authenticate each other on the transport port: trusting the CA is not enough without a certificate of it.
        for (int i = 0; i < cluster.size(); i++) {
            ElasticsearchNode member = cluster.node(i);
            try (SSLSocket socket = (SSLSocket) member.sslContext().getSocketFactory().createSocket("127.0.0.1",
                    member.transportPort())) {
                socket.setSoTimeout(10_000);
                assertThatThrownBy(() -> {
                    socket.startHandshake();
                    socket.getOutputStream().write(new byte[] {'E', 'S', 0, 0, 0, 0});
                    socket.getOutputStream().flush();
                    if (socket.getInputStream().read() == -1) {
                        throw new SSLException("closed by the node");
                    }
                    // The node's certificate_required alert may arrive after it closed the socket under our write:
                    // then the refusal reads as a broken pipe (a CI run saw it), the connection being already open.
                }).as(member.name()).isInstanceOfAny(SSLException.class, java.net.SocketException.class);
            }
        }
    }

    /**
     * Counts the documents through one member again and again (as an analyst searching would, each request on its own),
     * until told to stop; also watches the cluster's health there.
     */
    private static final class Searches implements Runnable {

        private final ElasticsearchNode through;
        private final ElasticsearchCluster cluster;
        private final String index;
        private final AtomicBoolean stop = new AtomicBoolean();
        private volatile int complete;
        private volatile int incomplete;
        private volatile int errors;
        private volatile long longestGapMillis;
        private volatile long longestGapEnded;
        private volatile String firstProblem;

        Searches(ElasticsearchNode through, ElasticsearchCluster cluster, String index) {
            this.through = through;
            this.cluster = cluster;
            this.index = index;
        }

        @Override
        public void run() {
            long lastComplete = System.nanoTime();
            while (!stop.get()) {
                try {
                    HttpResponse<String> response = send(through, "GET", "/" + index + "/_count", cluster.gatewayUser(), null);
                    if (response.statusCode() == 200 && number(response.body(), "count") == DOCUMENTS
                            && response.body().contains("\"failed\":0")) {
                        long now = System.nanoTime();
                        long gap = TimeUnit.NANOSECONDS.toMillis(now - lastComplete);
                        if (gap > longestGapMillis) {
                            longestGapMillis = gap;
                            longestGapEnded = now;
                        }
                        lastComplete = now;
                        complete++;
                    } else if (response.statusCode() == 200) {
                        incomplete++;
                        problem(response.body());
                    } else {
                        errors++;
                        problem(response.statusCode() + " " + response.body());
                    }
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    errors++;
                    problem(e.toString());
                }
            }
        }

        private void problem(String what) {
            if (firstProblem == null) {
                firstProblem = what;
            }
        }
    }

    /** Asks one member for the cluster's health (as its master sees it) again and again, and keeps what was not green. */
    private static final class HealthWatch implements Runnable {

        private final ElasticsearchNode through;
        private final ElasticsearchCluster cluster;
        private final long since;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<String> notGreen = new java.util.concurrent.CopyOnWriteArrayList<>();

        HealthWatch(ElasticsearchNode through, ElasticsearchCluster cluster, long since) {
            this.through = through;
            this.cluster = cluster;
            this.since = since;
        }

        @Override
        public void run() {
            String last = "green";
            while (!stop.get()) {
                try {
                    HttpResponse<String> health = send(through, "GET", "/_cluster/health", cluster.operatorUser(), null);
                    String status = health.statusCode() == 200 ? status(health.body()) : "HTTP " + health.statusCode();
                    if (!status.equals(last)) {
                        notGreen.add(String.format(java.util.Locale.ROOT, "%.1f s: %s", (System.nanoTime() - since) / 1e9,
                                status.equals("red") ? "red " + health.body() : status));
                        last = status;
                    }
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    notGreen.add(e.toString());
                    ServerProcess.sleep(Duration.ofMillis(100));
                }
            }
        }

        boolean everRed() {
            return notGreen.stream().anyMatch(change -> change.contains(": red") || change.contains("HTTP"));
        }
    }

    /** The member that holds the most primaries of {@code index}, as the cluster's routing table says. */
    private static int holderOfMostPrimaries(ElasticsearchCluster cluster, String index) throws Exception {
        String shards = expect(200, send(cluster.node(0), "GET", "/_cat/shards/" + index + "?format=json&h=prirep,node",
                cluster.operatorUser(), null)).body();
        Map<Integer, Integer> primaries = new HashMap<>();
        Matcher row = Pattern.compile("\\{\"prirep\":\"p\",\"node\":\"synergie-node-(\\d+)\"}").matcher(shards);
        while (row.find()) {
            primaries.merge(Integer.parseInt(row.group(1)), 1, Integer::sum);
        }
        assertThat(primaries).as(shards).isNotEmpty();
        return primaries.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** {@code kill -9} of the member's processes (Elasticsearch's launcher and its server JVM), as a crash would. */
    private static void kill(ElasticsearchNode member) throws Exception {
        ProcessHandle launcher = member.serverProcess().orElseThrow();
        List<ProcessHandle> tree = new ArrayList<>(launcher.descendants().toList().reversed());
        tree.add(launcher);
        tree.forEach(ProcessHandle::destroyForcibly);
        int status = member.exited().get(30, TimeUnit.SECONDS);
        System.out.printf("%s killed (%d processes), exit status %d%n", member.name(), tree.size(), status);
        assertThat(member.isRunning()).isFalse();
    }

    /** The resident memory of the member's processes (its launcher JVM and its server JVM), from {@code /proc}. */
    private static long residentMegabytes(ElasticsearchNode member) throws IOException {
        ProcessHandle launcher = member.serverProcess().orElseThrow();
        long kilobytes = 0;
        for (ProcessHandle process : Stream.concat(Stream.of(launcher), launcher.descendants()).toList()) {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    kilobytes += Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        }
        return kilobytes / 1024;
    }

    private static String awaitHealth(ElasticsearchNode through, ElasticsearchCluster cluster, String condition)
            throws Exception {
        HttpResponse<String> health = send(through, "GET", "/_cluster/health?" + condition + "&timeout=120s",
                cluster.operatorUser(), null, Duration.ofSeconds(150));
        return expect(200, health).body();
    }

    private static int count(ElasticsearchNode through, ElasticsearchCluster cluster, String index) throws Exception {
        return number(expect(200, send(through, "GET", "/" + index + "/_count", cluster.gatewayUser(), null)).body(), "count");
    }

    private static Set<String> allNodeNames(String json) {
        Set<String> names = new TreeSet<>();
        Matcher name = NODE_NAME.matcher(json);
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
    }

    private static String status(String health) {
        Matcher status = Pattern.compile("\"status\":\"(\\w+)\"").matcher(health);
        return status.find() ? status.group(1) : "none in " + health;
    }

    private static int number(String json, String field) {
        Matcher value = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        assertThat(value.find()).as(field + " in " + json).isTrue();
        return Integer.parseInt(value.group(1));
    }

    private static final String REPLICA_1 = "{\"settings\": {\"number_of_shards\": 1, \"number_of_replicas\": 1}}";

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + ": " + response.body())
                .isEqualTo(status);
        return response;
    }

    private static HttpResponse<String> send(ElasticsearchNode node, String method, String path,
                                             ElasticsearchNode.Credentials user, String json) throws Exception {
        return send(node, method, path, user, json, Duration.ofSeconds(30));
    }

    private static HttpResponse<String> send(ElasticsearchNode node, String method, String path,
                                             ElasticsearchNode.Credentials user, String json, Duration timeout)
            throws Exception {
        HttpRequest.Builder request = node.request(path, user).timeout(timeout);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", path.contains("_bulk") ? "application/x-ndjson" : "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return node.httpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
