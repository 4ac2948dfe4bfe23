package eu.synergie.infra;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A process the {@link Supervisor} keeps running: a server of the stack, or the gateway. */
interface Supervised extends AutoCloseable {

    /** The name people see: {@code gateway}, {@code kafka}, {@code elasticsearch}, {@code keycloak}. */
    String name();

    /** Launches it and waits until it is ready; what is left of a process that exited is cleaned up first. */
    void start(Duration timeout);

    /** True while it answers (a quick probe; any error counts as not ready). */
    boolean ready();

    /**
     * Whether its readiness is worth checking every few seconds while it runs, not only after an exit: true
     * for the gateway, whose readiness covers the servers it needs, at the cost of one local HTTP request.
     */
    default boolean checkedWhileRunning() {
        return false;
    }

    /** Completes with the exit status of the current process, whenever and however it ends. */
    CompletableFuture<Integer> exited();

    /** The last {@code lines} of each of its logs, each block headed by the file it comes from. */
    String logTail(int lines);

    /**
     * Stops it (SIGTERM), killing what is left after {@code grace}.
     *
     * @return true if it stopped by itself within {@code grace}
     */
    boolean stop(Duration grace);
}
