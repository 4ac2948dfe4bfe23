package eu.synergie.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Starting or stopping several processes at once, each in a platform thread of its own: a cluster's members must start
 * together (none is ready before a majority is up), and a stop may run in a shutdown hook, where nothing should wait on a
 * shared pool.
 */
final class Together {

    private Together() {
    }

    /** Starts each (a running one is left alone) and waits for all; the first failure is thrown once all are done. */
    static void start(List<? extends Supervised> parts, Duration timeout) {
        List<CompletableFuture<Boolean>> starts = new ArrayList<>();
        for (Supervised part : parts) {
            starts.add(inThread("synergie-start-" + part.name(), () -> {
                part.start(timeout);
                return true;
            }));
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Stops each (SIGTERM, killed after {@code grace}) and waits for all, even when interrupted meanwhile.
     *
     * @return true if every one stopped by itself
     */
    static boolean stop(List<? extends Supervised> parts, Duration grace) {
        List<CompletableFuture<Boolean>> stops = new ArrayList<>();
        for (Supervised part : parts) {
            stops.add(inThread("synergie-stop-" + part.name(), () -> part.stop(grace)));
        }
        boolean clean = true;
        boolean interrupted = false;
        for (CompletableFuture<Boolean> stop : stops) {
            while (true) {
                try {
                    clean &= stop.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    clean = false;
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return clean;
    }

    private static CompletableFuture<Boolean> inThread(String name, java.util.function.Supplier<Boolean> task) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread.ofPlatform().name(name).start(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
