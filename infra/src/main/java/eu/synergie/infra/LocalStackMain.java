package eu.synergie.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The quick start: Kafka, Elasticsearch and Keycloak on this machine, then the gateway with the demo
 * loaded, then the addresses and demo logins. Ctrl-C stops the gateway and the servers, in that order.
 *
 * <p>Usage: {@code LocalStackMain --home <folder> --gateway-jar <jar>}. Ports come from the environment
 * ({@code SYNERGIE_PORT}, {@code SYNERGIE_KAFKA_PORT}, {@code SYNERGIE_ELASTICSEARCH_PORT},
 * {@code SYNERGIE_KEYCLOAK_PORT}); the defaults are 8080, 9092, 9200 and 8180.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path home = Path.of(options.getOrDefault("--home", ".synergie")).toAbsolutePath();
        Path gatewayJar = Path.of(options.getOrDefault("--gateway-jar", "gateway/target/synergie-gateway-exec.jar")).toAbsolutePath();
        if (!Files.isRegularFile(gatewayJar)) {
            fail("the gateway jar " + gatewayJar + " is missing: build first with ./mvnw -DskipTests package");
        }
        int gatewayPort = port("SYNERGIE_PORT", 8080);
        String gatewayUrl = "http://localhost:" + gatewayPort;
        LocalStack.Settings settings = new LocalStack.Settings(home, port("SYNERGIE_KAFKA_PORT", 9092),
                port("SYNERGIE_ELASTICSEARCH_PORT", 9200), port("SYNERGIE_KEYCLOAK_PORT", 8180), gatewayUrl,
                Duration.ofMinutes(5));

        long started = System.nanoTime();
        say("Starting Kafka, Elasticsearch and Keycloak under " + home + " …");
        LocalStack stack = new LocalStack(settings);
        ServerProcess[] gateway = new ServerProcess[1];
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("Stopping …");
            if (gateway[0] != null) {
                gateway[0].stop(Duration.ofSeconds(30));
            }
            stack.close();
            say("Stopped. Data and logs stay in " + home);
            stopped.countDown();
        }, "synergie-stop"));
        try {
            stack.startAll();
            say("Servers ready in %d s. Starting the gateway and loading the demo …".formatted(seconds(started)));
            gateway[0] = startGateway(home, gatewayJar, gatewayPort, stack);
        } catch (ServerStartException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        banner(stack, gatewayUrl, home, seconds(started));
        stopped.await();
    }

    private static ServerProcess startGateway(Path home, Path jar, int port, LocalStack stack) throws IOException {
        Path folder = home.resolve("gateway");
        Path logs = folder.resolve("logs");
        Files.createDirectories(logs);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerProcess gateway = ServerProcess.start("gateway",
                List.of(java, "-Xms256m", "-Xmx768m", "--sun-misc-unsafe-memory-access=allow",
                        "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString()),
                Map.of("SYNERGIE_PORT", String.valueOf(port),
                        "SYNERGIE_KAFKA", stack.kafka().bootstrapServers(),
                        "SYNERGIE_ELASTICSEARCH", stack.elasticsearch().url(),
                        "SYNERGIE_ISSUER", stack.keycloak().issuer(),
                        "SYNERGIE_KEYCLOAK_CLIENT_SECRET", stack.keycloak().gatewayClientSecret(),
                        "SYNERGIE_HOME", folder.toString(),
                        "SYNERGIE_KEYS_PASSWORD", keysPassword(home),
                        "SYNERGIE_DEMO", "true"),
                folder, logs.resolve("gateway.log"), List.of());
        gateway.awaitReady(Duration.ofMinutes(3),
                () -> ServerProcess.answers200("http://127.0.0.1:" + port + "/actuator/health/readiness"));
        return gateway;
    }

    /** The key-store password of this quick-start folder: random, made once, readable by its owner only. */
    private static String keysPassword(Path home) throws IOException {
        Path file = home.resolve("keys-password");
        if (!Files.exists(file)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            Files.createDirectories(home);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, HexFormat.of().formatHex(random));
        }
        return Files.readString(file).strip();
    }

    private static void banner(LocalStack stack, String gatewayUrl, Path home, long seconds) {
        String token = "TOKEN=$(curl -s -d grant_type=password -d client_id=synergie-demo-cli -d username=claire.martin"
                + " -d password=demo " + stack.keycloak().tokenEndpoint()
                + " | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')";
        say("""

                Synergie is running (ready in %d s).

                  Web UI          %s/  (log in with a demo login below; FR/EN)
                  API             %s/api/v1/notices
                  API docs        %s/swagger-ui.html  (OpenAPI 3.1: /v3/api-docs)
                  Keycloak        %s  (admin console: admin / password in %s)
                  Kafka           %s
                  Elasticsearch   %s
                  Data and logs   %s

                Demo logins (password: demo)
                  analysts        claire.martin (FR-DGPN, EU-WEST+MED, CONFIDENTIAL)   luc.peeters (BE-PJF, EU-WEST)
                                  jonas.weber (DE-BKA, EU-CENTRAL, SECRET)             lucia.garcia (ES-CNP, EU-WEST+MED)
                                  youssef.benali (MA-DGSN, MED)
                  trust admins    amelie.roux, markus.schmidt      auditors   sophie.lambert, hans.keller
                  agency feeds    feed-fr-dgpn … feed-ma-dgsn, client secret demo-secret-<agency>, e.g. demo-secret-fr-dgpn

                Try it:
                  %s
                  curl -s -H "Authorization: Bearer $TOKEN" "%s/api/v1/notices?q=cocaine&purpose=DEMO-2026-001"

                Ctrl-C stops everything.
                """.formatted(seconds, gatewayUrl, gatewayUrl, gatewayUrl, stack.keycloak().url(), home.resolve("keycloak/admin-password"),
                stack.kafka().bootstrapServers(), stack.elasticsearch().url(), home, token, gatewayUrl));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            fail(variable + " must be a port number, not " + value);
            return fallback;
        }
    }

    private static long seconds(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toSeconds();
    }

    private static void say(String line) {
        System.out.println(line);
    }

    private static void fail(String message) {
        System.err.println("synergie: " + message);
        System.exit(2);
    }
}
