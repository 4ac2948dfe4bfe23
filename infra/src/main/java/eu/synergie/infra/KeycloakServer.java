package eu.synergie.infra;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Keycloak from the {@code keycloak-quarkus-dist} zip on Maven Central, with the {@code synergie}
 * realm imported at start (roles, agency feed clients, the web client, demo users and their claims).
 *
 * <p>The issuer is fixed with {@code --hostname}; otherwise it would follow the host of each request
 * and tokens fetched through {@code 127.0.0.1} would be refused by a server that expects {@code localhost}.
 */
public final class KeycloakServer extends LocalServer {

    /** The realm every part of Synergie uses. */
    public static final String REALM = "synergie";
    private static final String SERVER = "keycloak";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final Path folder;
    private final int port;
    private final int managementPort;
    private final String heap;
    private final String gatewayUrl;

    KeycloakServer(Path folder, int port, String heap, String gatewayUrl) {
        super(SERVER);
        this.folder = folder.toAbsolutePath();
        this.port = Ports.orFree(port);
        this.managementPort = Ports.orFree(0);
        this.heap = heap;
        this.gatewayUrl = gatewayUrl;
    }

    /** The base URL, e.g. {@code http://localhost:8180}. */
    public String url() {
        return "http://localhost:" + port;
    }

    /** The issuer of the realm's tokens. */
    public String issuer() {
        return url() + "/realms/" + REALM;
    }

    /** The token endpoint of the realm. */
    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /** The bootstrap administrator of the master realm: {@code admin} and this password, kept in the data folder. */
    public String adminPassword() {
        try {
            return Files.readString(folder.resolve("admin-password")).strip();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak has not been started in " + folder, e);
        }
    }

    /**
     * The secret of the gateway's confidential client {@code synergie-gateway} (the service account through
     * which it administers feed clients and users): random, made once per data folder, never in the repository.
     */
    public String gatewayClientSecret() {
        try {
            return secretCreatedOnce(folder.resolve("gateway-client-secret"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the gateway client secret in " + folder, e);
        }
    }

    /**
     * An access token for a user, by the password grant of the demo client {@code synergie-demo-cli}
     * (for tests and the quick start only; people log in to the web UI with the authorization code flow).
     */
    public String passwordGrant(String username, String password) {
        return token("grant_type=password&client_id=synergie-demo-cli&username=" + encode(username)
                + "&password=" + encode(password));
    }

    /** An access token for an agency's machine client, by the client credentials grant. */
    public String clientCredentials(String clientId, String secret) {
        return token("grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(secret));
    }

    private String token(String form) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("Keycloak refused the token request: HTTP " + response.statusCode());
            }
            return token.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak did not answer the token request", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    Path lockFolder() {
        return folder;
    }

    /** Ready when the realm's discovery document answers. */
    @Override
    public boolean ready() {
        return ServerProcess.answers200(issuer() + "/.well-known/openid-configuration");
    }

    @Override
    ServerProcess launch() throws IOException {
        Path logs = folder.resolve("logs");
        Files.createDirectories(logs);
        Path console = logs.resolve("keycloak.log");
        Map<String, String> environment = Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx" + heap,
                // Without the add-opens Java 25 prints an IllegalAccessError at every shutdown.
                "JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow",
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPasswordCreatedOnce());
        Path home = folder.resolve("keycloak-" + Distributions.keycloakVersion());
        Path built = folder.resolve(".keycloak-built");
        if (!Files.exists(built) || !Files.isDirectory(home)) {
            // Linked to the distribution built once for the whole build (Quarkus augmentation: every start is an
            // optimized one); this folder's own files are only the data the server writes.
            Distributions.deleteRecursively(home);
            Distributions.linkTree(Distributions.builtKeycloak(environment, console), home);
            Files.writeString(built, Distributions.keycloakVersion());
        }
        writeRealm(home.resolve("data/import"));
        return ServerProcess.start(SERVER, List.of(home.resolve("bin/kc.sh").toString(), "start",
                "--optimized", "--http-enabled=true", "--hostname=" + url(), "--http-host=127.0.0.1",
                "--http-port=" + port, "--http-management-port=" + managementPort, "--cache=local",
                "--import-realm"), environment, home, console, List.of());
    }

    /** Deletes the realm database, so that the next start imports the realm afresh. */
    synchronized void forgetData() {
        if (isRunning()) {
            throw new IllegalStateException("stop Keycloak before deleting its data");
        }
        try {
            Distributions.deleteRecursively(folder.resolve("keycloak-" + Distributions.keycloakVersion() + "/data/h2"));
        } catch (IOException e) {
            throw new ServerStartException(SERVER, "cannot delete the old realm database", e);
        }
    }

    private void writeRealm(Path importDir) throws IOException {
        Files.createDirectories(importDir);
        try (InputStream in = KeycloakServer.class.getResourceAsStream("synergie-realm.json")) {
            if (in == null) {
                throw new IOException("synergie-realm.json is missing from the infra jar");
            }
            String realm = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@GATEWAY_URL@", gatewayUrl)
                    .replace("@GATEWAY_CLIENT_SECRET@", gatewayClientSecret());
            Files.writeString(importDir.resolve("synergie-realm.json"), realm);
        }
    }

    private String adminPasswordCreatedOnce() throws IOException {
        return secretCreatedOnce(folder.resolve("admin-password"));
    }

    private static String secretCreatedOnce(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, HexFormat.of().formatHex(random));
        }
        return Files.readString(file).strip();
    }
}
