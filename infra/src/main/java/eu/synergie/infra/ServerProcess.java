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
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One server child process, guarded so that it cannot outlive us.
 *
 * <p>The command runs under a small shell guard in its own session: Ctrl-C on the terminal reaches
 * only our JVM, which then stops the servers in order; and the guard holds a pipe from our JVM, so
 * that when our JVM dies for any reason (even {@code kill -9}) the pipe closes and the guard sends
 * SIGTERM to the server. Stopping is the same path: we close the pipe.
 */
final class ServerProcess {

    // A background list's stdin is /dev/null in a non-interactive shell: keep ours on fd 3 for the watcher.
    private static final String GUARD = """
            exec 3<&0
            "$@" </dev/null 3<&- &
            child=$!
            ( cat <&3 >/dev/null; kill -TERM "$child" 2>/dev/null ) &
            exec 3<&-
            status=0
            while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
            exit $status
            """;

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final String server;
    private final Process process;
    private final List<Path> logs;

    private ServerProcess(String server, Process process, List<Path> logs) {
        this.server = server;
        this.process = process;
        this.logs = logs;
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

    /** Waits until {@code ready} holds; fails fast if the process exits, with the log tail. */
    void awaitReady(Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ServerStartException(server, "the process exited with code " + process.exitValue(), logTail());
            }
            if (ready.getAsBoolean()) {
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
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
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

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Asks the server to stop (SIGTERM through the guard), then kills what is left after {@code grace}. */
    void stop(Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the guard is already gone; what is left is killed below
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : tree) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (Exception timeoutOrInterrupt) {
                handle.destroyForcibly();
            }
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    String logTail() {
        StringBuilder tail = new StringBuilder();
        for (Path log : logs) {
            if (Files.isRegularFile(log)) {
                tail.append(tailOf(log, 40));
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
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
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
