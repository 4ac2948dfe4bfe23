package eu.synergie.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerProcessTest {

    @TempDir
    Path dir;

    @Test
    void stopWhenServerRunsThenItAndItsGuardAreGone() {
        ServerProcess server = ServerProcess.start("sleeper", List.of("sleep", "600"), Map.of(), dir,
                dir.resolve("sleeper.log"), List.of());
        // Ready once the guard has forked the server: that is the process tree we expect gone after stop.
        server.awaitReady(Duration.ofSeconds(5), () -> descendants(server).stream()
                .anyMatch(p -> p.info().command().orElse("").endsWith("sleep")));
        List<ProcessHandle> tree = descendants(server);
        assertThat(tree).anySatisfy(p -> assertThat(p.info().command().orElse("")).endsWith("sleep"));

        server.stop(Duration.ofSeconds(5));

        assertThat(server.isAlive()).isFalse();
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
    }

    private static List<ProcessHandle> descendants(ServerProcess server) {
        return ProcessHandle.of(server.pid()).map(p -> p.descendants().toList()).orElse(List.of());
    }

    @Test
    void awaitReadyWhenServerExitsThenErrorNamesItAndQuotesItsLog() {
        ServerProcess server = ServerProcess.start("broken", List.of("sh", "-c", "echo 'port 9200 already in use' ; exit 3"),
                Map.of(), dir, dir.resolve("broken.log"), List.of());
        assertThatThrownBy(() -> server.awaitReady(Duration.ofSeconds(10), () -> false))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("broken did not start: the process exited with code 3")
                .hasMessageContaining("port 9200 already in use");
    }

    @Test
    void awaitReadyWhenNeverReadyThenTimeoutAndStopped() {
        ServerProcess server = ServerProcess.start("slow", List.of("sleep", "600"), Map.of(), dir, dir.resolve("slow.log"),
                List.of());
        assertThatThrownBy(() -> server.awaitReady(Duration.ofMillis(600), () -> false))
                .hasMessageContaining("slow did not start: not ready within 0 s");
        assertThat(server.isAlive()).isFalse();
    }

    /** The guard's promise: if our JVM dies, the server gets SIGTERM. Here the guard loses its pipe. */
    @Test
    void guardWhenPipeFromUsClosesThenServerTerminated() throws Exception {
        Path marker = dir.resolve("terminated");
        ServerProcess server = ServerProcess.start("trapper", List.of("sh", "-c",
                        "trap 'touch " + marker + "; exit 0' TERM; while true; do sleep 0.1; done"),
                Map.of(), dir, dir.resolve("trapper.log"), List.of());
        Thread.sleep(300);
        server.stop(Duration.ofSeconds(5));
        assertThat(Files.exists(marker)).as("the server saw SIGTERM, not SIGKILL").isTrue();
    }
}
