package eu.synergie.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the local servers share: our lock on the data folder first, then the launch, then the wait
 * for readiness; on any failure the lock is released and the error names the server. Stopping is a
 * SIGTERM through the process guard; the data stays. A server whose process exited can be started again:
 * what is left of the old process is stopped and our lock released first.
 */
abstract sealed class LocalServer implements Supervised permits KafkaBroker, ElasticsearchNode, KeycloakServer,
        MirrorMaker, ReverseProxy, MailServer {

    /** How long a server has to stop by itself before it is killed, unless the caller says otherwise. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private DataDirLock lock;
    private volatile ServerProcess process;

    LocalServer(String name) {
        this.name = name;
    }

    /** The folder our lock sits in: one running server per folder. */
    abstract Path lockFolder();

    /** Prepares the folders and configuration and launches the server (it need not be ready yet). */
    abstract ServerProcess launch() throws IOException;

    /** {@code kafka}, {@code elasticsearch}, {@code keycloak} or {@code mirrormaker-<source>-<target>}. */
    @Override
    public String name() {
        return name;
    }

    public boolean isRunning() {
        ServerProcess current = process;
        return current != null && current.isAlive();
    }

    /**
     * Starts the server and waits until it is ready; a running server is left alone. An interrupt while
     * waiting stops the half-started server and fails the start.
     */
    @Override
    public synchronized void start(Duration timeout) {
        if (isRunning()) {
            return;
        }
        if (process != null || lock != null) {
            stop(Duration.ofSeconds(10));
        }
        lock = DataDirLock.acquire(name, lockFolder());
        try {
            process = launch();
            process.awaitReady(timeout, this::ready);
        } catch (IOException e) {
            stop(Duration.ofSeconds(10));
            throw new ServerStartException(name, "cannot prepare " + lockFolder(), e);
        } catch (RuntimeException e) {
            stop(afterFailedStart());
            throw e;
        }
    }

    /**
     * How long a server that failed to start gets to stop: short when the start was interrupted (someone is
     * stopping everything and waits for us), since such a server has not been ready yet.
     */
    static Duration afterFailedStart() {
        return Thread.currentThread().isInterrupted() ? Duration.ofSeconds(2) : Duration.ofSeconds(10);
    }

    /** Stops the server (SIGTERM, clean shutdown) and kills it after 30 s; data stays. */
    public void stop() {
        stop(STOP_GRACE);
    }

    /**
     * Stops the server (SIGTERM, clean shutdown), kills what is left after {@code grace}, and releases our
     * lock; data stays.
     *
     * @return true if it stopped by itself within {@code grace} (or was not running)
     */
    @Override
    public synchronized boolean stop(Duration grace) {
        boolean clean = true;
        ServerProcess current = process;
        if (current != null) {
            clean = current.stop(grace);
            process = null;
        }
        if (lock != null) {
            lock.close();
            lock = null;
        }
        return clean;
    }

    @Override
    public CompletableFuture<Integer> exited() {
        ServerProcess current = process;
        if (current == null) {
            throw new IllegalStateException(name + " has not been started");
        }
        return current.exited();
    }

    /**
     * Kills the server's own process with SIGKILL, as a crash or the kernel's OOM killer would: for the tests of
     * failures. Nothing of it is cleaned up; {@link #start} later recovers from what it left.
     *
     * @throws IllegalStateException if it is not running
     */
    public void crash() {
        serverProcess().orElseThrow(() -> new IllegalStateException(name + " is not running")).destroyForcibly();
    }

    /** The server's own process (not its guard) while it runs: for measurements such as its memory. */
    Optional<ProcessHandle> serverProcess() {
        ServerProcess current = process;
        return current == null ? Optional.empty() : current.serverHandle();
    }

    @Override
    public String logTail(int lines) {
        ServerProcess current = process;
        return current == null ? "" : current.logTail(lines);
    }

    @Override
    public void close() {
        stop();
    }
}
