package eu.synergie.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the three local servers share: our lock on the data folder first, then the launch, then the wait
 * for readiness; on any failure the lock is released and the error names the server. Stopping is a
 * SIGTERM through the process guard; the data stays.
 */
abstract sealed class LocalServer implements AutoCloseable permits KafkaBroker, ElasticsearchNode, KeycloakServer {

    private final String name;
    private DataDirLock lock;
    private ServerProcess process;

    LocalServer(String name) {
        this.name = name;
    }

    /** The folder our lock sits in: one running server per folder. */
    abstract Path lockFolder();

    /** Prepares the folders and configuration and launches the server (it need not be ready yet). */
    abstract ServerProcess launch() throws IOException;

    /** True once the server answers. */
    abstract boolean ready();

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server and waits until it is ready; a running server is left alone. */
    public synchronized void start(Duration timeout) {
        if (isRunning()) {
            return;
        }
        lock = DataDirLock.acquire(name, lockFolder());
        try {
            process = launch();
            process.awaitReady(timeout, this::ready);
        } catch (IOException e) {
            stop();
            throw new ServerStartException(name, "cannot prepare " + lockFolder(), e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Stops the server (SIGTERM, clean shutdown); data stays. */
    public synchronized void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
            process = null;
        }
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
