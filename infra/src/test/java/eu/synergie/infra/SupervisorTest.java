package eu.synergie.infra;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The supervision rules, on throwaway real processes ({@code sh}, {@code sleep}) under the servers' guard. */
class SupervisorTest {

    private static final Duration QUICK = Duration.ofMillis(50);
    private static final RestartPolicy TWICE = new RestartPolicy(2, QUICK, Duration.ofMillis(100), Duration.ofMinutes(10));

    @TempDir
    Path dir;

    private final List<SupervisorEvent> events = new CopyOnWriteArrayList<>();
    private final List<Scripted> parts = new ArrayList<>();
    private Supervisor supervisor;

    @AfterEach
    void stopEverything() {
        if (supervisor != null) {
            supervisor.close();
        }
        parts.forEach(part -> part.stop(Duration.ofSeconds(5)));
    }

    @Test
    void exitWhenProcessKilledThenReportedWithStatusAndLogTailThenRestartedAndRunningAgain() {
        Scripted part = started("sleeper", "echo 'sleeper started'; exec sleep 600");
        supervisor = supervisor();
        supervisor.watch(part, TWICE);
        long firstPid = part.serverPid();

        ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).until(() -> events.stream().anyMatch(SupervisorEvent.Running.class::isInstance));
        assertThat(events).map(Object::getClass).containsExactly(SupervisorEvent.Exited.class,
                SupervisorEvent.Restarting.class, SupervisorEvent.Restarted.class, SupervisorEvent.Running.class);
        SupervisorEvent.Exited exited = (SupervisorEvent.Exited) events.getFirst();
        assertThat(exited.part()).isEqualTo("sleeper");
        assertThat(exited.status()).isEqualTo(137);
        assertThat(exited.describe()).startsWith("sleeper exited with status 137 (SIGKILL). Synergie is DOWN.")
                .contains("sleeper started");
        assertThat(events.get(1).describe()).isEqualTo("Restarting sleeper in 0.1 s (attempt 1 of 2) …");
        assertThat(part.starts.get()).isEqualTo(2);
        assertThat(part.serverPid()).isNotEqualTo(firstPid);
        assertThat(supervisor.running()).isTrue();
    }

    @Test
    void exitWhenNoRestartLeftThenGaveUpAfterTheLastOne() {
        // Exits with 3 shortly after each start: once ready, down again.
        Scripted part = started("crasher", "echo 'disk full'; sleep 1; exit 3");
        supervisor = supervisor();
        supervisor.watch(part, new RestartPolicy(1, QUICK, QUICK, Duration.ofMinutes(10)));

        SupervisorEvent.GaveUp gaveUp = supervisor.gaveUp().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();

        assertThat(gaveUp.part()).isEqualTo("crasher");
        assertThat(gaveUp.describe()).isEqualTo("Giving up on crasher: no restart left after 1 in a row. Stopping everything.");
        // Between the restart and the next exit a readiness check may say Running: it does not count here.
        assertThat(events).map(Object::getClass).filteredOn(type -> type != SupervisorEvent.Running.class)
                .containsExactly(SupervisorEvent.Exited.class, SupervisorEvent.Restarting.class,
                        SupervisorEvent.Restarted.class, SupervisorEvent.Exited.class, SupervisorEvent.GaveUp.class);
        assertThat(((SupervisorEvent.Exited) events.getFirst()).statusText()).isEqualTo("status 3");
        assertThat(supervisor.running()).isFalse();
    }

    @Test
    void exitWhenPolicyNeverThenGaveUpAtOnce() {
        Scripted part = started("server", "exec sleep 600");
        supervisor = supervisor();
        supervisor.watch(part, RestartPolicy.never());

        ProcessHandle.of(part.serverPid()).orElseThrow().destroy();

        SupervisorEvent.GaveUp gaveUp = supervisor.gaveUp().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        assertThat(gaveUp.reason()).isEqualTo("it is not restarted (its exit stops everything)");
        assertThat(((SupervisorEvent.Exited) events.getFirst()).statusText()).isEqualTo("status 143 (SIGTERM)");
        assertThat(part.starts.get()).isEqualTo(1);
    }

    @Test
    void restartWhenStartFailsThenReportedAndTriedAgain() {
        Scripted part = started("flaky", "exec sleep 600");
        supervisor = supervisor();
        supervisor.watch(part, TWICE);
        part.failNextStart.set(true);

        ProcessHandle.of(part.serverPid()).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).until(() -> events.stream().anyMatch(SupervisorEvent.Running.class::isInstance));
        assertThat(events).map(Object::getClass).containsExactly(SupervisorEvent.Exited.class,
                SupervisorEvent.Restarting.class, SupervisorEvent.RestartFailed.class, SupervisorEvent.Restarting.class,
                SupervisorEvent.Restarted.class, SupervisorEvent.Running.class);
        assertThat(events.get(2).describe()).startsWith("Restarting flaky failed (attempt 1 of 2): flaky did not start: "
                        + "refused for the test\n--- last lines of the flaky log ---\n…\nlog line 16\n")
                .endsWith("log line 30\n---").doesNotContain("log line 15\n");
        assertThat(((SupervisorEvent.Restarted) events.get(4)).attempt()).isEqualTo(2);
    }

    @Test
    void readinessWhenLostWithoutExitThenNotReadyThenRunningOnceBack() {
        Scripted part = started("gateway", "exec sleep 600");
        part.checkedWhileRunning = true;
        supervisor = supervisor();
        supervisor.watch(part, TWICE);

        part.answers.set(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> !events.isEmpty());
        assertThat(events).map(SupervisorEvent::describe).containsExactly("gateway is running but not ready. Synergie is DOWN.");
        assertThat(supervisor.running()).isFalse();

        part.answers.set(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> events.size() == 2);
        assertThat(events.get(1)).isInstanceOf(SupervisorEvent.Running.class);
        assertThat(part.starts.get()).as("not ready is reported, not restarted").isEqualTo(1);
    }

    @Test
    void closeWhenRestartPendingThenNothingRestarted() {
        Scripted part = started("sleeper", "exec sleep 600");
        supervisor = supervisor();
        supervisor.watch(part, new RestartPolicy(1, Duration.ofHours(1), Duration.ofHours(1), Duration.ofMinutes(10)));
        ProcessHandle.of(part.serverPid()).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> events.size() == 2);

        supervisor.close();

        assertThat(events).map(Object::getClass).containsExactly(SupervisorEvent.Exited.class, SupervisorEvent.Restarting.class);
        assertThat(part.starts.get()).isEqualTo(1);
    }

    @Test
    void statusWhenSignalUnknownThenNumberOnly() {
        SupervisorEvent.Exited exited = new SupervisorEvent.Exited("kafka", 1, "", java.time.Instant.EPOCH);
        assertThat(exited.describe()).isEqualTo("kafka exited with status 1. Synergie is DOWN.");
        assertThat(new SupervisorEvent.Exited("kafka", 130 + 64, "", java.time.Instant.EPOCH).statusText()).isEqualTo("status 194");
    }

    private Supervisor supervisor() {
        return new Supervisor(events::add, Duration.ofSeconds(20), Duration.ofMillis(100), Duration.ofMillis(100));
    }

    private Scripted started(String name, String script) {
        Scripted part = new Scripted(name, dir, script);
        parts.add(part);
        part.start(Duration.ofSeconds(20));
        return part;
    }

    /** {@code sh -c script} under the servers' guard; ready while it runs and {@link #answers} holds. */
    private static final class Scripted implements Supervised {

        final String name;
        final Path dir;
        final String script;
        final AtomicBoolean answers = new AtomicBoolean(true);
        final AtomicBoolean failNextStart = new AtomicBoolean();
        final AtomicInteger starts = new AtomicInteger();
        volatile boolean checkedWhileRunning;
        volatile ServerProcess process;

        Scripted(String name, Path dir, String script) {
            this.name = name;
            this.dir = dir;
            this.script = script;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start(Duration timeout) {
            if (process != null) {
                process.stop(Duration.ofSeconds(5));
            }
            if (failNextStart.getAndSet(false)) {
                throw new ServerStartException(name, "refused for the test", java.util.stream.IntStream.rangeClosed(1, 30)
                        .mapToObj(i -> "log line " + i).collect(java.util.stream.Collectors.joining("\n", "[flaky.log]\n", "\n")));
            }
            starts.incrementAndGet();
            process = ServerProcess.start(name, List.of("sh", "-c", script), Map.of(), dir, dir.resolve(name + ".log"), List.of());
            process.awaitReady(timeout, () -> process.serverHandle().isPresent());
        }

        long serverPid() {
            return process.serverHandle().orElseThrow().pid();
        }

        @Override
        public boolean ready() {
            return answers.get() && process.isAlive();
        }

        @Override
        public boolean checkedWhileRunning() {
            return checkedWhileRunning;
        }

        @Override
        public CompletableFuture<Integer> exited() {
            return process.exited();
        }

        @Override
        public String logTail(int lines) {
            return process.logTail(lines);
        }

        @Override
        public boolean stop(Duration grace) {
            return process == null || process.stop(grace);
        }

        @Override
        public void close() {
            stop(Duration.ofSeconds(5));
        }
    }
}
