package eu.synergie.gateway;

import eu.synergie.infra.GatewayProcess;
import eu.synergie.infra.LocalStack;
import eu.synergie.infra.RestartPolicy;
import eu.synergie.infra.Supervisor;
import eu.synergie.infra.SupervisorEvent;
import eu.synergie.infra.junit.RealStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The quick start's supervision of the gateway, on a real gateway process (the executable jar, as {@code ./run}
 * starts it) against the shared servers of this test JVM: killed with SIGKILL, it is reported within 5 s with
 * its exit status and the tail of its log, restarted, and ready again; then it stops by itself, an alert stream
 * open or not.
 *
 * <p>It runs beside the in-process gateway of the other tests without disturbing them: its Kafka listeners do
 * not start (it joins none of their consumer groups, indexes and dead-letters nothing a second time). It is a
 * second gateway of the same exchange, with a copy of its keys: the trust log it must load at start-up is signed
 * by that exchange, and a gateway of another exchange would rightly refuse it.
 */
@ExtendWith(RealStackExtension.class)
class SupervisedGatewayIT extends GatewayIntegrationTest {

    private static final Path JAR = module().resolve("target/synergie-gateway-exec.jar");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void gatewayWhenKilledThenReportedWithinFiveSecondsRestartedAndReadyAgain(LocalStack stack, @TempDir Path folder)
            throws Exception {
        assertThat(JAR).as("the gateway's executable jar, made by the package phase").isRegularFile();
        copy(home().resolve("keys"), folder.resolve("keys"));
        GatewayProcess gateway = new GatewayProcess(GatewayProcess.Settings
                .against(stack, JAR, folder, freePort(), keysPassword())
                .withArguments("--spring.kafka.listener.auto-startup=false"));
        List<SupervisorEvent> events = new CopyOnWriteArrayList<>();
        try (Supervisor supervisor = new Supervisor(events::add, Duration.ofMinutes(3))) {
            gateway.start(Duration.ofMinutes(3));
            supervisor.watch(gateway, RestartPolicy.gateway());
            long first = gateway.jvmPid().orElseThrow();

            Instant killed = Instant.now();
            ProcessHandle.of(first).orElseThrow().destroyForcibly();

            await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
            SupervisorEvent.Exited exited = (SupervisorEvent.Exited) events.getFirst();
            assertThat(Duration.between(killed, exited.at())).as("reported after the kill").isLessThan(Duration.ofSeconds(5));
            assertThat(exited.part()).isEqualTo("gateway");
            assertThat(exited.status()).isEqualTo(137);
            assertThat(exited.describe()).startsWith("gateway exited with status 137 (SIGKILL). Synergie is DOWN.")
                    .contains("--- last lines of the gateway log ---").contains(gateway.log().toString());
            assertThat(supervisor.running()).isFalse();

            await().atMost(Duration.ofMinutes(4)).until(() -> events.stream().anyMatch(SupervisorEvent.Running.class::isInstance));
            assertThat(events).map(Object::getClass).containsExactly(SupervisorEvent.Exited.class,
                    SupervisorEvent.Restarting.class, SupervisorEvent.Restarted.class, SupervisorEvent.Running.class);
            assertThat(((SupervisorEvent.Restarting) events.get(1)).attempt()).isEqualTo(1);
            assertThat(gateway.jvmPid()).isPresent().isNotEqualTo(java.util.OptionalLong.of(first));
            HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(
                    URI.create(gateway.url() + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"status\":\"UP\"");

            // An analyst's alert stream stays open up to 30 min; stopping must end it rather than wait for it.
            String analyst = stack.keycloak().passwordGrant("claire.martin", "demo");
            HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/v1/alerts/stream"))
                    .header("Authorization", "Bearer " + analyst).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            supervisor.close();
            try (InputStream body = stream.body()) {
                assertThat(gateway.stop(Duration.ofSeconds(20))).as("stopped by itself with a stream open, not killed").isTrue();
                assertThat(new String(body.readAllBytes())).as("the stream ended by the gateway").contains("synergie alerts");
            }
            assertThat(events).as("a stop after close is not reported").hasSize(4);
        } finally {
            gateway.stop(Duration.ofSeconds(10));
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = java.nio.file.Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                java.nio.file.Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    private static int freePort() {
        return eu.synergie.infra.Ports.free();
    }
}
