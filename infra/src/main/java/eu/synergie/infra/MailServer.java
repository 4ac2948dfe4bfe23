package eu.synergie.infra;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A local SMTP server for the notifications the exchange sends (a new request for information): GreenMail's standalone
 * jar from Maven Central, in a child JVM under the same guard as the other servers, on the loopback. It keeps what it
 * receives in memory, one mailbox per address (made on the first mail), and answers its REST API on a second port:
 * {@link #messagesJson} is what a mailbox holds, for the tests and for anyone trying the quick start. Nothing is sent
 * on: it is a sink, never a relay.
 */
public final class MailServer extends LocalServer {

    private final Path folder;
    private final int smtpPort;
    private final int apiPort;
    private final String heap;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public MailServer(Path folder, int smtpPort, int apiPort, String heap) {
        super("mail");
        this.folder = folder.toAbsolutePath();
        this.smtpPort = Ports.orFree(smtpPort);
        this.apiPort = Ports.orFree(apiPort);
        this.heap = heap;
    }

    /** The SMTP port, on 127.0.0.1. */
    public int smtpPort() {
        return smtpPort;
    }

    /** The REST API, e.g. {@code http://127.0.0.1:8025}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    /** What the mailbox of {@code address} holds, as GreenMail's API answers it (a JSON array: subject, MIME text…). */
    public String messagesJson(String address) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(apiUrl() + "/api/user/"
                + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/")).timeout(Duration.ofSeconds(10)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        // A mailbox that received nothing yet does not exist.
        return response.statusCode() == 200 ? response.body() : "[]";
    }

    @Override
    Path lockFolder() {
        return folder;
    }

    @Override
    public boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(apiUrl() + "/api/service/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    ServerProcess launch() throws IOException {
        Files.createDirectories(folder.resolve("logs"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return ServerProcess.start(name(), List.of(java.toString(), "-Xmx" + heap, "-Xms32m",
                "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + smtpPort,
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + apiPort,
                "-Dgreenmail.auth.disabled", "-jar", Distributions.greenMailJar().toString()), Map.of(), folder,
                folder.resolve("logs/greenmail.log"), List.of());
    }
}
