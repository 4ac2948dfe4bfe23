package eu.synergie.infra;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Keeps the quick start's processes running and says what happens to them. An exit is reported at once
 * (which process, its exit status, the tail of its log), from the thread that waits on that process, so
 * nothing else the supervisor is doing can delay it. Then the process is restarted on a thread of its own,
 * as its {@link RestartPolicy} allows, each restart reported; when the policy allows no more, {@link #gaveUp()}
 * completes and whoever runs the supervisor stops everything.
 *
 * <p>Between exits the gateway's readiness is checked every few seconds, so that a server that hangs without
 * exiting shows too ({@link SupervisorEvent.NotReady}). {@link SupervisorEvent.Running} comes only once every
 * process is up and answers as ready again; {@link #running()} says the same at any time.
 */
public final class Supervisor implements AutoCloseable {

    private static final Duration STEADY_CHECK = Duration.ofSeconds(5);
    private static final Duration RECOVERY_CHECK = Duration.ofSeconds(1);
    /** Consecutive failed readiness checks before a running gateway counts as not ready (one slow answer is not). */
    private static final int NOT_READY_AFTER = 2;
    /** Lines of each log quoted when a process exits: enough for the cause, short enough for a terminal. */
    private static final int TAIL_LINES = 15;

    private final Consumer<SupervisorEvent> listener;
    private final Duration startTimeout;
    private final Clock clock;
    private final Duration steadyCheck;
    private final Duration recoveryCheck;
    private final List<Watch> watches = new ArrayList<>();
    private final CompletableFuture<SupervisorEvent.GaveUp> gaveUp = new CompletableFuture<>();
    private final Thread readiness;
    private boolean degraded;
    private boolean closed;

    /** One watched process and its restart history; guarded by the supervisor's monitor. */
    private static final class Watch {
        final Supervised part;
        final RestartPolicy policy;
        volatile boolean up = true;
        int restarts;
        long upSince = System.nanoTime();
        int failedChecks;
        Thread restarting;

        Watch(Supervised part, RestartPolicy policy) {
            this.part = part;
            this.policy = policy;
        }
    }

    /**
     * @param listener     gets every event, one at a time, in order
     * @param startTimeout how long a restarted process has to become ready
     */
    public Supervisor(Consumer<SupervisorEvent> listener, Duration startTimeout) {
        this(listener, startTimeout, STEADY_CHECK, RECOVERY_CHECK);
    }

    /** With other intervals between readiness checks (tests). */
    Supervisor(Consumer<SupervisorEvent> listener, Duration startTimeout, Duration steadyCheck, Duration recoveryCheck) {
        this.listener = listener;
        this.startTimeout = startTimeout;
        this.clock = Clock.systemUTC();
        this.steadyCheck = steadyCheck;
        this.recoveryCheck = recoveryCheck;
        this.readiness = Thread.ofPlatform().daemon().name("synergie-readiness").start(this::checkReadiness);
    }

    /** Watches a gateway that has been started and is ready. */
    public void watch(GatewayProcess gateway, RestartPolicy policy) {
        watch((Supervised) gateway, policy);
    }

    /** Watches a process that has been started and is ready. */
    void watch(Supervised part, RestartPolicy policy) {
        Watch watch = new Watch(part, policy);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the supervisor is closed");
            }
            watches.add(watch);
        }
        follow(watch);
    }

    /** Completes when a process exited and its policy allows no more restarts (or a restart failed for good). */
    public CompletableFuture<SupervisorEvent.GaveUp> gaveUp() {
        return gaveUp;
    }

    /** True while every watched process is up and nothing has been reported down since the last {@code Running}. */
    public synchronized boolean running() {
        return !degraded && watches.stream().allMatch(watch -> watch.up);
    }

    /**
     * Stops watching: exits from now on are expected (someone is stopping the processes) and nothing is
     * restarted; a restart under way is interrupted, which stops the half-started process. The processes
     * themselves are left to whoever stops them.
     */
    @Override
    public void close() {
        List<Thread> threads = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            threads.add(readiness);
            watches.stream().map(watch -> watch.restarting).filter(thread -> thread != null).forEach(threads::add);
        }
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void follow(Watch watch) {
        CompletableFuture<Integer> exit = watch.part.exited();
        // Runs on the thread that waits for the process (or here, if it is already gone).
        exit.thenAccept(status -> exited(watch, status));
    }

    private void exited(Watch watch, int status) {
        String logTail = watch.part.logTail(TAIL_LINES);
        synchronized (this) {
            if (closed) {
                return;
            }
            if (System.nanoTime() - watch.upSince >= watch.policy.stableAfter().toNanos()) {
                watch.restarts = 0;
            }
            watch.up = false;
            degraded = true;
            emit(new SupervisorEvent.Exited(watch.part.name(), status, logTail, clock.instant()));
            watch.restarting = Thread.ofPlatform().daemon().name("synergie-restart-" + watch.part.name())
                    .start(() -> restart(watch));
        }
    }

    private void restart(Watch watch) {
        String name = watch.part.name();
        int of = watch.policy.maxRestarts();
        try {
            while (true) {
                int attempt;
                Duration delay;
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    if (watch.restarts >= of) {
                        giveUp(name, of == 0 ? "it is not restarted (its exit stops everything)"
                                : "no restart left after " + of + " in a row");
                        return;
                    }
                    attempt = ++watch.restarts;
                    delay = watch.policy.delayBefore(attempt);
                    emit(new SupervisorEvent.Restarting(name, attempt, of, delay, clock.instant()));
                }
                Thread.sleep(delay);
                long started = System.nanoTime();
                try {
                    watch.part.start(startTimeout);
                } catch (RuntimeException e) {
                    synchronized (this) {
                        if (closed) {
                            return;
                        }
                        emit(new SupervisorEvent.RestartFailed(name, attempt, of, firstLine(e.getMessage()),
                                lastLines(e.getMessage()), clock.instant()));
                    }
                    continue;
                }
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    watch.up = true;
                    watch.upSince = System.nanoTime();
                    watch.failedChecks = 0;
                    emit(new SupervisorEvent.Restarted(name, attempt, of, Duration.ofNanos(System.nanoTime() - started),
                            clock.instant()));
                }
                follow(watch);
                return;
            }
        } catch (InterruptedException e) {
            // closed while waiting to restart: nothing to do
        }
    }

    private void giveUp(String name, String reason) {
        SupervisorEvent.GaveUp event = new SupervisorEvent.GaveUp(name, reason, clock.instant());
        emit(event);
        gaveUp.complete(event);
    }

    /**
     * While something is down, every second: are all processes up and ready again? Otherwise every few
     * seconds: does the gateway still answer as ready?
     */
    private void checkReadiness() {
        try {
            while (true) {
                boolean recovering;
                List<Watch> all;
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    recovering = degraded;
                    all = List.copyOf(watches);
                }
                Thread.sleep(recovering ? recoveryCheck : steadyCheck);
                if (recovering) {
                    boolean allReady = all.stream().allMatch(watch -> watch.up && watch.part.ready());
                    synchronized (this) {
                        if (allReady && !closed && degraded && watches.stream().allMatch(watch -> watch.up)) {
                            degraded = false;
                            emit(new SupervisorEvent.Running(clock.instant()));
                        }
                    }
                } else {
                    for (Watch watch : all) {
                        if (watch.part.checkedWhileRunning()) {
                            boolean ready = watch.part.ready();
                            notReadyUnlessAnswers(watch, ready);
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private synchronized void notReadyUnlessAnswers(Watch watch, boolean ready) {
        if (closed || !watch.up) {
            return;
        }
        watch.failedChecks = ready ? 0 : watch.failedChecks + 1;
        if (watch.failedChecks == NOT_READY_AFTER && !degraded) {
            degraded = true;
            emit(new SupervisorEvent.NotReady(watch.part.name(), clock.instant()));
        }
    }

    /** Called with the monitor held, so events reach the listener one at a time and in order. */
    private void emit(SupervisorEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            // a listener that fails must not stop the supervision
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** What follows the first line of a start failure (the log it quotes), cut to its last lines. */
    private static String lastLines(String message) {
        if (message == null || message.indexOf('\n') < 0) {
            return "";
        }
        List<String> lines = message.substring(message.indexOf('\n') + 1).lines().toList();
        if (lines.size() <= TAIL_LINES + 1) {
            return String.join("\n", lines);
        }
        // Keep the heading line (which log), then the end.
        return lines.getFirst() + "\n…\n" + String.join("\n", lines.subList(lines.size() - TAIL_LINES, lines.size()));
    }
}
