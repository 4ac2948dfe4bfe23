package eu.synergie.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The quick start: Kafka, Elasticsearch and Keycloak on this machine, then the gateway with the demo
 * loaded, then the addresses and demo logins; then it watches them all until Ctrl-C or SIGTERM, which stops
 * the gateway first (its consumers commit and leave, its producers flush while the broker is there), then the
 * three servers at once, and prints how long that took.
 *
 * <p>Every process it started is watched by a {@link Supervisor}: an exit is reported at once (which one,
 * its exit status, the tail of its log) and the process restarted as its {@link RestartPolicy} allows. Why
 * each may be restarted:
 * <ul>
 *   <li>the gateway keeps nothing that the log cannot rebuild but its keys, which are on disk; its indexers
 *       resume from their committed offsets. Up to 5 restarts in a row, 1 to 16 s apart.</li>
 *   <li>Kafka: when only its process dies, what it acknowledged is in the operating system's page cache; on
 *       start it recovers the log segments it had not closed cleanly, which is what a broker is built to do,
 *       and our lock on its data folder, still held by this JVM, keeps any second broker off it. Clients
 *       reconnect by themselves; a publish while it is down is refused (503), never lost once accepted.</li>
 *   <li>Elasticsearch replays its translog (written through on every request for the notices) and the
 *       notices index can be rebuilt from Kafka anyway.</li>
 *   <li>Keycloak keeps the realm in its file database, which survives a crash; users log in again.</li>
 * </ul>
 * A server gets at most 3 restarts in a row, 2 to 8 s apart: what kills a server again and again (a full
 * disk, damaged data, a port taken) is not mended by restarting, so then everything stops with a message and
 * the exit status 1. The banner is printed only while everything is up; later lines say when a part is down
 * and when Synergie is running again.
 *
 * <p>Usage: {@code LocalStackMain --home <folder> --gateway-jar <jar> [--peers 2]}. Ports come from the environment
 * ({@code SYNERGIE_PORT}, {@code SYNERGIE_KAFKA_PORT}, {@code SYNERGIE_ELASTICSEARCH_PORT},
 * {@code SYNERGIE_KEYCLOAK_PORT}); the defaults are 8080, 9092, 9200 and 8180. With {@code --peers 2}, a second
 * exchange ({@link PeerNetwork}) runs beside the first, peered with it: its gateway on {@code SYNERGIE_PEER_PORT}
 * (8081), its Kafka on {@code SYNERGIE_PEER_KAFKA_PORT} (9093), its Elasticsearch on
 * {@code SYNERGIE_PEER_ELASTICSEARCH_PORT} (9201).
 */
public final class LocalStackMain {

    /**
     * The gateway's share of the 10 s that stopping may take; the servers, stopped at once after it, get
     * {@link LocalStack#SERVER_STOP_GRACE}. Either is killed when its time is up.
     */
    private static final Duration GATEWAY_STOP_GRACE = Duration.ofSeconds(4);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.S").withZone(ZoneId.systemDefault());

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path home = Path.of(options.getOrDefault("--home", ".synergie")).toAbsolutePath();
        Path gatewayJar = Path.of(options.getOrDefault("--gateway-jar", "gateway/target/synergie-gateway-exec.jar")).toAbsolutePath();
        if (!Files.isRegularFile(gatewayJar)) {
            fail("the gateway jar " + gatewayJar + " is missing: build first with ./mvnw -DskipTests package");
        }
        if (List.of(args).contains("--cluster")) {
            Files.createDirectories(home.resolve("cluster"));
            ClusterMain.run(home, gatewayJar, port("SYNERGIE_PORT", 8080), keysPassword(home.resolve("cluster")));
            return;
        }
        String peers = options.getOrDefault("--peers", "1");
        if (!peers.equals("1") && !peers.equals("2")) {
            fail("--peers takes 1 (one exchange, the default) or 2 (two exchanges, peered)");
        }
        boolean network = peers.equals("2");
        int gatewayPort = port("SYNERGIE_PORT", 8080);
        String gatewayUrl = "http://localhost:" + gatewayPort;
        LocalStack.Settings settings = new LocalStack.Settings(home, port("SYNERGIE_KAFKA_PORT", 9092),
                port("SYNERGIE_ELASTICSEARCH_PORT", 9200), port("SYNERGIE_KEYCLOAK_PORT", 8180), gatewayUrl,
                Duration.ofMinutes(5));

        long started = System.nanoTime();
        say("Starting Kafka, Elasticsearch and Keycloak under " + home + " …");
        LocalStack stack = new LocalStack(settings);
        Supervisor supervisor = new Supervisor(LocalStackMain::report, START_TIMEOUT);
        // Requests for information: the demo agencies' desks (FR-DGPN, BE-PJF) and their mailboxes on a local SMTP sink.
        Path cliJar = Path.of(options.getOrDefault("--cli-jar", "cli/target/synergie-cli-exec.jar")).toAbsolutePath();
        MailServer mail = new MailServer(home.resolve("mail"), port("SYNERGIE_SMTP_PORT", 8025),
                port("SYNERGIE_MAIL_API_PORT", 8026), "96m");
        Map<String, Integer> deskPorts = Map.of("FR-DGPN", port("SYNERGIE_DESK_FR_PORT", 8471),
                "BE-PJF", port("SYNERGIE_DESK_BE_PORT", 8472));
        GatewayProcess.Settings gatewaySettings = GatewayProcess.Settings
                .against(stack, gatewayJar, home.resolve("gateway"), gatewayPort, keysPassword(home))
                .withEnvironment("SYNERGIE_DEMO", "true")
                .withArguments("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + mail.smtpPort(),
                        "--synergie.requests.mail.link=" + gatewayUrl,
                        "--synergie.requests.mail.to[FR-DGPN]=" + DEMO_MAILBOXES.get("FR-DGPN"),
                        "--synergie.requests.mail.to[BE-PJF]=" + DEMO_MAILBOXES.get("BE-PJF"),
                        "--synergie.requests.desks[FR-DGPN]=http://127.0.0.1:" + deskPorts.get("FR-DGPN"),
                        "--synergie.requests.desks[BE-PJF]=http://127.0.0.1:" + deskPorts.get("BE-PJF"));
        GatewayProcess gateway = new GatewayProcess(network
                ? gatewaySettings.withEnvironment("SYNERGIE_EXCHANGE_NAME", PeerNetwork.HOME) : gatewaySettings);
        PeerNetwork peer = network ? new PeerNetwork(stack, gatewayJar, port("SYNERGIE_PEER_PORT", 8081),
                port("SYNERGIE_PEER_KAFKA_PORT", 9093), port("SYNERGIE_PEER_ELASTICSEARCH_PORT", 9201),
                keysPassword(home.resolve("peer"))) : null;
        // Whoever stops the stack (our hook below, or the stack's own) ends the watching and stops the gateway first.
        stack.closeBeforeServers("gateway", gateway, () -> {
            supervisor.close();
            return gateway.stop(GATEWAY_STOP_GRACE);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("Stopping …");
            say(describe(stack.stop()) + " Data and logs stay in " + home);
        }, "synergie-stop"));
        // As for the gateway: the watching ends before it stops, or the stop would be reported and restarted.
        stack.closeBeforeServers(mail.name(), mail, () -> {
            supervisor.close();
            return mail.stop(LocalStack.SERVER_STOP_GRACE);
        });
        List<DeskProcess> desks = new java.util.ArrayList<>();
        try {
            stack.startAll();
            mail.start(START_TIMEOUT);
            for (LocalServer server : List.<LocalServer>of(stack.kafka(), stack.elasticsearch(), stack.keycloak(), mail)) {
                supervisor.watch(server, RestartPolicy.server());
            }
            if (peer != null) {
                say("Starting the second exchange's Kafka and Elasticsearch …");
                for (LocalServer server : peer.servers()) {
                    stack.closeBeforeServers(server.name(), server, () -> server.stop(LocalStack.SERVER_STOP_GRACE));
                }
                peer.startServers(START_TIMEOUT);
                for (LocalServer server : peer.servers()) {
                    supervisor.watch(server, RestartPolicy.server());
                }
                for (MirrorMaker mirror : peer.startMirrors(START_TIMEOUT)) {
                    stack.closeBeforeServers(mirror.name(), mirror, () -> mirror.stop(LocalStack.SERVER_STOP_GRACE));
                    supervisor.watch(mirror, RestartPolicy.server());
                }
                stack.closeBeforeServers(peer.gateway().name(), peer.gateway(), () -> peer.gateway().stop(GATEWAY_STOP_GRACE));
                // Registered last, so run first: the watching ends before any part stops, or each stop would be
                // reported as a failure and restarted.
                stack.closeBeforeServers("watching", supervisor, () -> {
                    supervisor.close();
                    return true;
                });
            }
            say("Servers ready in %d s. Starting the gateway and loading the demo …".formatted(secondsSince(started)));
            gateway.start(START_TIMEOUT);
            supervisor.watch(gateway, RestartPolicy.gateway());
            if (Files.isRegularFile(cliJar)) {
                for (Map.Entry<String, Integer> agency : new java.util.TreeMap<>(deskPorts).entrySet()) {
                    DeskProcess desk = new DeskProcess(new DeskProcess.Settings(agency.getKey(), cliJar,
                            home.resolve("gateway/demo/agencies/" + agency.getKey() + ".p12"), keysPassword(home),
                            agency.getValue(), gatewayUrl, stack.keycloak().tokenEndpoint(), home.resolve("desks")));
                    stack.closeBeforeServers(desk.name(), desk, () -> {
                        supervisor.close();
                        return desk.stop(Duration.ofSeconds(10));
                    });
                    desk.start(START_TIMEOUT);
                    supervisor.watch(desk, RestartPolicy.server());
                    desks.add(desk);
                }
            } else {
                say("The CLI jar " + cliJar + " is missing: no agency desk, so requests for information cannot be read "
                        + "or written in the web UI (build it: ./mvnw -DskipTests package).");
            }
            if (peer != null) {
                say("Starting the second exchange's gateway and peering the two …");
                peer.gateway().start(START_TIMEOUT);
                supervisor.watch(peer.gateway(), RestartPolicy.gateway());
                say("Peered; notices marked for " + PeerNetwork.PEER + " before the peering sent: " + peer.peer(gatewayUrl));
            }
        } catch (ServerStartException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        if (supervisor.running()) {
            banner(stack, gatewayUrl, home, secondsSince(started));
            requestsBanner(mail, desks);
            if (peer != null) {
                networkBanner(stack, gatewayUrl, peer);
            }
        } else {
            say("Synergie has started, but a part is down (see above); a line will say when it is running.");
        }
        SupervisorEvent.GaveUp gaveUp = supervisor.gaveUp().join();
        System.err.println("synergie: " + gaveUp.part() + " is down for good (" + gaveUp.reason() + "); its log is under "
                + home.resolve(gaveUp.part()) + ". Everything stops.");
        System.exit(1);
    }

    private static void networkBanner(LocalStack stack, String homeUrl, PeerNetwork peer) {
        String token = "TOKEN=$(curl -s -d grant_type=password -d client_id=synergie-demo-cli -d username=youssef.benali"
                + " -d password=demo " + stack.keycloak().tokenEndpoint()
                + " | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')";
        say("""
                Two exchanges, peered (--peers 2):
                  %s   %s   (this one; its EU-WEST goes to %s's MED, notices marked "federation": ["%s"] only)
                  %s  %s   (its API; one Keycloak realm serves both; the realm's web login returns to the first only)

                A notice FR-DGPN marked for %s (« Disparition inquiétante d'une mineure à Lille ») is now in %s's MED:
                  %s
                  curl -s -H "Authorization: Bearer $TOKEN" "%s/api/v1/notices?q=mineure&purpose=DEMO-2026-001"
                """.formatted(PeerNetwork.HOME, homeUrl, PeerNetwork.PEER, PeerNetwork.PEER, PeerNetwork.PEER, peer.url(),
                PeerNetwork.PEER, PeerNetwork.PEER, token, peer.url()));
    }

    /** Each demo agency's requests mailbox on the local SMTP sink. */
    private static final Map<String, String> DEMO_MAILBOXES = Map.of("FR-DGPN", "demandes@dgpn.demo",
            "BE-PJF", "demandes@pjf.demo");

    private static void requestsBanner(MailServer mail, List<DeskProcess> desks) {
        StringBuilder lines = new StringBuilder("Requests for information (web UI: Requests; ask from a pointer hit):\n");
        for (DeskProcess desk : desks) {
            lines.append("  ").append(desk.name()).append("   ").append(desk.url())
                    .append("  (the agency's key store; its analysts' browsers open and seal messages there)\n");
        }
        lines.append("  notifications  SMTP 127.0.0.1:").append(mail.smtpPort()).append(", kept, never relayed; e.g. ")
                .append("curl -s ").append(mail.apiUrl()).append("/api/user/").append(DEMO_MAILBOXES.get("FR-DGPN"))
                .append("/messages/\n");
        say(lines.toString());
    }

    /** Each event on a line of its own, with the time of day: what a person watching the terminal sees. */
    private static void report(SupervisorEvent event) {
        say("[" + CLOCK.format(event.at()) + "] " + event.describe());
    }

    /** {@code Stopped in 2.4 s: gateway 1.1 s, then at once kafka 1.0 s, elasticsearch 0.6 s, keycloak 0.8 s.} */
    static String describe(LocalStack.Stopped stopped) {
        StringBuilder line = new StringBuilder("Stopped in " + seconds(stopped.total()) + ":");
        boolean servers = false;
        for (LocalStack.Stopped.Step step : stopped.steps()) {
            if (step.name().equals("watching")) {
                continue;
            }
            boolean server = List.of("kafka", "elasticsearch", "keycloak").contains(step.name());
            line.append(server && !servers ? " then at once" : "").append(' ').append(step.name()).append(' ')
                    .append(seconds(step.took()));
            if (!step.problem().isEmpty()) {
                line.append(" (").append(step.problem()).append(')');
            }
            line.append(',');
            servers |= server;
        }
        line.setCharAt(line.length() - 1, '.');
        return line.toString();
    }

    private static String seconds(Duration duration) {
        return "%.1f s".formatted(duration.toMillis() / 1000.0);
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
        ElasticsearchNode elasticsearch = stack.elasticsearch();
        String operator = elasticsearch.operatorUser().username();
        String token = "TOKEN=$(curl -s -d grant_type=password -d client_id=synergie-demo-cli -d username=claire.martin"
                + " -d password=demo " + stack.keycloak().tokenEndpoint()
                + " | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')";
        say("""

                Synergie is running (ready in %d s).

                  Web UI          %s/  (log in with a demo login below; FR/EN)
                  API             %s/api/v1/notices
                  API docs        %s/swagger-ui.html  (OpenAPI 3.1: /v3/api-docs)
                  Keycloak        %s  (admin console: admin / password in %s)
                  Kafka           %s  (TLS + SCRAM, users only: operator synergie-operator, client settings
                                  with its password in %s, for Kafka's tools: --command-config)
                  Elasticsearch   %s  (HTTPS, users only: operator %s, password in %s)
                                  curl --cacert %s -u %s %s/_cat/indices
                  Data and logs   %s

                Demo logins (password: demo)
                  analysts        claire.martin (FR-DGPN, EU-WEST+MED, CONFIDENTIAL)   luc.peeters (BE-PJF, EU-WEST)
                                  jonas.weber (DE-BKA, EU-CENTRAL, SECRET)             lucia.garcia (ES-CNP, EU-WEST+MED)
                                  youssef.benali (MA-DGSN, MED)
                  trust admins    amelie.roux, markus.schmidt      auditors   sophie.lambert, hans.keller
                  release approvers  nadia.girard, paul.lefevre (FR-DGPN)   an.devos (BE-PJF)
                  agency feeds    feed-fr-dgpn … feed-ma-dgsn, client secret demo-secret-<agency>, e.g. demo-secret-fr-dgpn

                Try it:
                  %s
                  curl -s -H "Authorization: Bearer $TOKEN" "%s/api/v1/notices?q=cocaine&purpose=DEMO-2026-001"

                Every process is watched: a line here says when one stops, and it is restarted.
                Ctrl-C stops everything.
                """.formatted(seconds, gatewayUrl, gatewayUrl, gatewayUrl, stack.keycloak().url(), home.resolve("keycloak/admin-password"),
                stack.kafka().bootstrapServers(), stack.kafka().operatorProperties(), elasticsearch.url(), operator, elasticsearch.operatorPasswordFile(),
                elasticsearch.caCertificate(), operator, elasticsearch.url(), home, token, gatewayUrl));
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

    private static long secondsSince(long since) {
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
