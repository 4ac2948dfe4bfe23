package eu.synergie.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One server child process, guarded so that it cannot outlive us.
 *
 * <p>The command runs under a small shell guard in its own session: Ctrl-C on the terminal reaches
 * only our JVM, which then stops the servers in order; and the guard holds a pipe from our JVM, so
 * that when our JVM dies for any reason (even {@code kill -9}) the pipe closes and the guard sends
 * SIGTERM to the server. Stopping is the same path: we close the pipe. The guard exits with the
 * server's status ({@code 128 + n} when signal {@code n} ended it), which {@link #exited()} reports.
 *
 * <p>Nothing here waits through {@link ProcessHandle#onExit()}: its completion runs on the common
 * fork-join pool, which has a single worker on two cores; when that worker was busy stopping another
 * server, stopping the quick start waited for the whole grace period (30 s) on a process long gone.
 */
final class ServerProcess {

    // A background list's stdin is /dev/null in a non-interactive shell: keep ours on fd 3 for the watcher.
    // The first wait is unconditional: a server that exits at once may already have been reaped by the shell
    // (when it forked the watcher), and only wait still knows its status; the loop covers a wait cut short.
    private static final String GUARD = """
            exec 3<&0
            "$@" </dev/null 3<&- &
            child=$!
            ( cat <&3 >/dev/null; kill -TERM "$child" 2>/dev/null ) &
            exec 3<&-
            wait "$child"; status=$?
            while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
            exit $status
            """;

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private static final Duration POLL = Duration.ofMillis(20);

    private final String server;
    private final Process process;
    private final List<Path> logs;
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private final Set<ProcessHandle> known = new LinkedHashSet<>();

    private ServerProcess(String server, Process process, List<Path> logs) {
        this.server = server;
        this.process = process;
        this.logs = logs;
        // One small thread per server, so that an exit is seen at once whatever else this JVM is doing.
        Thread.ofPlatform().daemon().name("synergie-watch-" + server).start(() -> {
            while (true) {
                try {
                    exited.complete(process.waitFor());
                    return;
                } catch (InterruptedException e) {
                    // a watcher is never interrupted on purpose: keep watching
                }
            }
        });
    }

    static ServerProcess start(String server, List<String> command, Map<String, String> environment,
                               Path workDir, Path consoleLog, List<Path> moreLogs) {
        List<String> guarded = new ArrayList<>(List.of("setsid", "/bin/sh", "-c", GUARD, "synergie-" + server));
        guarded.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(guarded)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
        builder.environment().putAll(environment);
        List<Path> logs = new ArrayList<>(moreLogs);
        logs.addFirst(consoleLog);
        try {
            return new ServerProcess(server, builder.start(), List.copyOf(logs));
        } catch (IOException e) {
            throw new ServerStartException(server, "cannot launch " + command.getFirst(), e);
        }
    }

    /**
     * Waits until {@code ready} holds; fails fast if the process exits, with the log tail. Once ready, the
     * server's process tree is remembered, so that {@link #stop} still reaches it if the guard is gone.
     */
    void awaitReady(Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ServerStartException(server, "the process exited with code " + process.exitValue(), logTail());
            }
            if (ready.getAsBoolean()) {
                rememberTree();
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        stop(Duration.ofSeconds(10));
        throw new ServerStartException(server, "not ready within " + timeout.toSeconds() + " s", logTail());
    }

    /** For one-off tools (formatting, building): waits for exit and fails unless it is 0. */
    void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(Duration.ofSeconds(5));
                throw new ServerStartException(server, "did not finish within " + timeout.toSeconds() + " s", logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException(server, "interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new ServerStartException(server, "exited with code " + process.exitValue(), logTail());
        }
    }

    /** Completes with the exit status when the server (and so its guard) has exited, for whatever reason. */
    CompletableFuture<Integer> exited() {
        return exited;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The guard's process id. */
    long pid() {
        return process.pid();
    }

    /**
     * The server itself while it runs: the guard's child that runs a command of its own. The guard's other
     * child, the watcher waiting for our pipe to close, is a fork of the guard with the guard's command line.
     */
    Optional<ProcessHandle> serverHandle() {
        Optional<String> guard = process.info().commandLine();
        return process.children()
                .filter(child -> child.info().commandLine().isPresent() && !child.info().commandLine().equals(guard))
                .findFirst();
    }

    private void rememberTree() {
        synchronized (known) {
            process.descendants().forEach(known::add);
        }
    }

    /**
     * Asks the server to stop (SIGTERM through the guard, or straight to what is left of its tree when the
     * guard is gone), then kills whatever is left after {@code grace}. An interrupt does not cut this short:
     * it is kept for the caller once everything is gone.
     *
     * @return true if everything had exited within {@code grace}, false if something had to be killed
     */
    boolean stop(Duration grace) {
        Set<ProcessHandle> tree;
        synchronized (known) {
            tree = new LinkedHashSet<>(known);
        }
        tree.addAll(process.descendants().toList());
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the guard is already gone: its orphans get SIGTERM below
        }
        if (!process.isAlive()) {
            tree.stream().filter(ServerProcess::alive).forEach(ProcessHandle::destroy);
        }
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + grace.toNanos();
        boolean clean = true;
        for (ProcessHandle handle : tree) {
            while (alive(handle) && System.nanoTime() < deadline) {
                interrupted |= pause();
            }
            clean &= !alive(handle);
        }
        // The guard is our child: wait for it as a child (reaped, so that isAlive() is false afterwards).
        while (process.isAlive() && System.nanoTime() < deadline) {
            interrupted |= pause();
        }
        clean &= !process.isAlive();
        if (!clean) {
            tree.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            long killed = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (process.isAlive() && System.nanoTime() < killed) {
                interrupted |= pause();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return clean;
    }

    /** A short wait; true if it was interrupted (the caller keeps waiting and restores the flag at the end). */
    private static boolean pause() {
        try {
            Thread.sleep(POLL);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    /**
     * Alive and not a zombie. {@link ProcessHandle#isAlive()} counts a zombie as alive, and an orphan's zombie
     * lingers as long as whoever adopted it (in a container, often nobody) does not reap it.
     */
    static boolean alive(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", String.valueOf(handle.pid()), "stat");
        try {
            String line = Files.readString(stat);
            return line.charAt(line.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException noProcFileSystem) {
            return handle.isAlive();
        }
    }

    String logTail() {
        return logTail(40);
    }

    /** The last {@code lines} of each of its logs, each headed by its file. */
    String logTail(int lines) {
        StringBuilder tail = new StringBuilder();
        for (Path log : logs) {
            if (Files.isRegularFile(log)) {
                tail.append(tailOf(log, lines));
            }
        }
        return tail.toString();
    }

    static String tailOf(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return "[" + file + "]\n" + String.join("\n", last) + "\n";
        } catch (IOException | UncheckedIOException e) {
            return "[" + file + ": unreadable: " + e.getMessage() + "]\n";
        }
    }

    /** True when {@code url} answers HTTP 200; any error counts as not ready yet. */
    static boolean answers200(String url) {
        return answers200(HTTP, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build());
    }

    /** True when {@code request} through {@code client} is answered with HTTP 200; any error counts as not ready yet. */
    static boolean answers200(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a server", e);
        }
    }
}
