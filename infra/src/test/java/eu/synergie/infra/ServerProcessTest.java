package eu.synergie.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
        // The guard exits once its server has: a moment after stop returns on a loaded machine, not never.
        org.awaitility.Awaitility.await("the guard and its server gone").atMost(Duration.ofSeconds(5))
                .until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
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
        Path log = dir.resolve("trapper.log");
        ServerProcess server = ServerProcess.start("trapper", List.of("sh", "-c",
                        "trap 'touch " + marker + "; exit 0' TERM; echo trap set; while true; do sleep 0.1; done"),
                Map.of(), dir, log, List.of());
        // Until the trap is in place: a SIGTERM before it would end the shell without the marker.
        await("the server's TERM trap set (its log)").atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20)).until(() -> Files.readString(log), written -> written.contains("trap set"));
        server.stop(Duration.ofSeconds(5));
        assertThat(Files.exists(marker)).as("the server saw SIGTERM, not SIGKILL").isTrue();
    }

    @Test
    void exitedWhenServerKilledThenStatusIs128PlusSignal() {
        ServerProcess server = ServerProcess.start("victim", List.of("sleep", "600"), Map.of(), dir, dir.resolve("victim.log"),
                List.of());
        server.awaitReady(Duration.ofSeconds(5), () -> server.serverHandle().isPresent());

        server.serverHandle().orElseThrow().destroyForcibly();

        assertThat(server.exited().orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(137);
        assertThat(server.isAlive()).isFalse();
    }

    /** The guard's shell may reap a server that exits at once before it asks for its status: still reported. */
    @Test
    void exitedWhenServerExitsAtOnceThenItsStatusEveryTime() {
        for (int i = 0; i < 20; i++) {
            ServerProcess server = ServerProcess.start("quick", List.of("sh", "-c", "exit 3"), Map.of(), dir,
                    dir.resolve("quick.log"), List.of());
            assertThat(server.exited().orTimeout(10, TimeUnit.SECONDS).join()).as("run " + i).isEqualTo(3);
        }
    }

    @Test
    void serverHandleWhenRunningThenTheServerNotTheGuardsWatcher() {
        ServerProcess server = ServerProcess.start("sleeper", List.of("sleep", "600"), Map.of(), dir, dir.resolve("sleeper.log"),
                List.of());
        server.awaitReady(Duration.ofSeconds(5), () -> server.serverHandle().isPresent());

        assertThat(server.serverHandle().orElseThrow().info().command().orElse("")).endsWith("sleep");
        server.stop(Duration.ofSeconds(5));
        assertThat(server.serverHandle()).isEmpty();
    }

    /** A guard killed by someone leaves its server running; stopping still reaches it (the tree is remembered). */
    @Test
    void stopWhenGuardKilledThenOrphanedServerStoppedToo() {
        ServerProcess server = ServerProcess.start("orphan", List.of("sleep", "600"), Map.of(), dir, dir.resolve("orphan.log"),
                List.of());
        server.awaitReady(Duration.ofSeconds(5), () -> server.serverHandle().isPresent());
        ProcessHandle sleeper = server.serverHandle().orElseThrow();

        ProcessHandle.of(server.pid()).orElseThrow().destroyForcibly();
        server.exited().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(sleeper.isAlive()).as("orphaned, still running").isTrue();

        assertThat(server.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(ServerProcess.alive(sleeper)).isFalse();
    }

    /**
     * What made stopping the quick start take 30 s: stops ran on the common fork-join pool (one worker on two
     * cores) while another of its workers was blocked, and each waited through ProcessHandle.onExit(), whose
     * completion needs a worker of that same pool; so a process long gone was waited for until the grace ran out.
     * Here the pool's workers are all blocked while the stop runs: the stop must still see the exit.
     */
    @Test
    void stopWhenCommonPoolIsBlockedThenStillCleanWithinGrace() throws Exception {
        ServerProcess server = ServerProcess.start("pooled", List.of("sleep", "600"), Map.of(), dir, dir.resolve("pooled.log"),
                List.of());
        server.awaitReady(Duration.ofSeconds(5), () -> server.serverHandle().isPresent());
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Void>> blockers = new ArrayList<>();
        for (int i = 0; i < ForkJoinPool.getCommonPoolParallelism() + 1; i++) {
            blockers.add(CompletableFuture.runAsync(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, ForkJoinPool.commonPool()));
        }
        try {
            assertThat(server.stop(Duration.ofSeconds(10))).as("everything seen gone within the grace").isTrue();
        } finally {
            release.countDown();
        }
        CompletableFuture.allOf(blockers.toArray(CompletableFuture[]::new)).join();
    }

    @Test
    void aliveWhenProcessGoneThenFalse() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        assertThat(ServerProcess.alive(process.toHandle())).isFalse();
        assertThat(ServerProcess.alive(ProcessHandle.current())).isTrue();
    }
}
