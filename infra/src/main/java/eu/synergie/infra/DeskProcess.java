package eu.synergie.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A demo agency's desk ({@code synergie desk}, issue 22) in a child JVM from the CLI's jar, under the same guard as the
 * servers: the quick start runs one per demo agency whose analysts log in, on its key store, so that the web UI's
 * requests for information open and seal their messages as they would at the agency. In production each agency runs
 * its own, next to its systems; the exchange's operator never holds these keys.
 */
public final class DeskProcess implements Supervised {

    /**
     * @param keyStore the agency's key store (the demo's, written by the gateway's demo loader)
     * @param password its password, passed in the environment, never on the command line
     */
    public record Settings(String agency, Path cliJar, Path keyStore, String password, int port, String exchangeUrl,
                           String tokenUrl, Path folder) {
    }

    private final Settings settings;
    private volatile ServerProcess process;

    public DeskProcess(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "desk " + settings.agency();
    }

    /** Where the web UI reaches it, e.g. {@code http://127.0.0.1:8471}. */
    public String url() {
        return "http://127.0.0.1:" + settings.port();
    }

    @Override
    public synchronized void start(Duration timeout) {
        if (process != null && process.isAlive()) {
            return;
        }
        if (process != null) {
            stop(Duration.ofSeconds(10));
        }
        Path log = settings.folder().resolve("desk-" + settings.agency().toLowerCase(java.util.Locale.ROOT) + ".log");
        try {
            Files.createDirectories(settings.folder());
        } catch (IOException e) {
            throw new ServerStartException(name(), "cannot create " + settings.folder(), e);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = ServerProcess.start(name(), List.of(java, "-Xmx96m", "-jar", settings.cliJar().toString(), "desk",
                "--port", String.valueOf(settings.port())), Map.of(
                "SYNERGIE_SERVER", settings.exchangeUrl(),
                "SYNERGIE_TOKEN_URL", settings.tokenUrl(),
                "SYNERGIE_KEYSTORE", settings.keyStore().toString(),
                "SYNERGIE_KEYSTORE_PASSWORD", settings.password(),
                "HOME", settings.folder().toString()), settings.folder(), log, List.of());
        try {
            process.awaitReady(timeout, this::ready);
        } catch (RuntimeException e) {
            stop(LocalServer.afterFailedStart());
            throw e;
        }
    }

    @Override
    public boolean ready() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", settings.port()), 1000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public CompletableFuture<Integer> exited() {
        ServerProcess current = process;
        if (current == null) {
            throw new IllegalStateException(name() + " has not been started");
        }
        return current.exited();
    }

    @Override
    public String logTail(int lines) {
        ServerProcess current = process;
        return current == null ? "" : current.logTail(lines);
    }

    @Override
    public synchronized boolean stop(Duration grace) {
        ServerProcess current = process;
        process = null;
        return current == null || current.stop(grace);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }
}
