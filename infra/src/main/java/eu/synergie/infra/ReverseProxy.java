package eu.synergie.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * HAProxy (the Debian package's {@code /usr/sbin/haproxy}) in front of several gateways, as one address for browsers,
 * agencies' feeds and analysts' tools. It checks each gateway's readiness every 2 s and sends nothing to one that is
 * not ready (three failed checks in a row take it out, two good ones bring it back; a check may take 5 s, as on a busy
 * machine), so a gateway that dies or loses its servers stops getting requests within about six seconds.
 *
 * <p>What a gateway that dies takes with it: the requests it was answering. A request that found it gone before any
 * answer (the connection refused, or closed without a byte) is sent again to another gateway once, for every method:
 * the gateway had not answered (and a notice published twice is indexed once: its id is the record key and the
 * document's). A browser's session lives on the gateway that logged it in (a cookie keeps it there); when that gateway
 * is gone, the next page goes through Keycloak's login again, which a live Keycloak session answers without a password.
 * Alert streams (SSE) stay open for an hour.
 */
public final class ReverseProxy extends LocalServer {

    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/haproxy"), Path.of("/usr/bin/haproxy"));

    private final Path folder;
    private final int port;
    private final List<String> upstreams;

    /**
     * @param upstreams each gateway's {@code host:port}
     */
    public ReverseProxy(Path folder, int port, List<String> upstreams) {
        super("haproxy");
        this.folder = folder.toAbsolutePath();
        this.port = Ports.orFree(port);
        this.upstreams = List.copyOf(upstreams);
    }

    /** Where it listens, e.g. {@code http://localhost:8080}. */
    public String url() {
        return "http://localhost:" + port;
    }

    @Override
    Path lockFolder() {
        return folder;
    }

    /** Ready when it accepts connections (whether a gateway is ready behind it is the gateways' readiness). */
    @Override
    public boolean ready() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    ServerProcess launch() throws IOException {
        Path binary = BINARIES.stream().filter(Files::isExecutable).findFirst().orElseThrow(() ->
                new ServerStartException(name(), "HAProxy is not installed (apt-get install haproxy): the cluster "
                        + "profile puts it in front of its gateways", ""));
        Files.createDirectories(folder.resolve("logs"));
        Path config = folder.resolve("haproxy.cfg");
        Files.writeString(config, configuration());
        // -db: in the foreground, as our child, logging to its standard output.
        return ServerProcess.start(name(), List.of(binary.toString(), "-db", "-f", config.toString()), Map.of(), folder,
                folder.resolve("logs/haproxy.log"), List.of());
    }

    String configuration() {
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < upstreams.size(); i++) {
            servers.append("    server gateway-").append(i + 1).append(' ').append(upstreams.get(i))
                    .append(" check cookie g").append(i + 1).append('\n');
        }
        return """
                # Written by Synergie's launcher at each start: edit the launcher (eu.synergie.infra.ReverseProxy), not this.
                # No access log: HAProxy's own warnings (a gateway taken out or back) go to its standard error, our log.
                global
                    maxconn 4096

                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    # Alert streams (server-sent events) stay open.
                    timeout tunnel 1h
                    # A request that found its gateway gone before any answer goes to another one, once.
                    retries 1
                    option redispatch 1
                    retry-on conn-failure empty-response

                frontend synergie
                    bind 127.0.0.1:%d
                    option forwardfor
                    http-request set-header X-Forwarded-Proto http
                    default_backend gateways

                backend gateways
                    balance roundrobin
                    # A browser's session stays with the gateway that logged it in.
                    cookie SYNERGIE_GATEWAY insert indirect nocache httponly
                    option httpchk
                    http-check send meth GET uri /actuator/health/readiness ver HTTP/1.1 hdr Host localhost
                    http-check expect status 200
                    # A readiness check may take a while on a busy gateway: only three failed checks in a row (a
                    # refused connection fails at once) take it out; requests that meet a gone gateway meanwhile are
                    # sent to another.
                    timeout check 5s
                    default-server inter 2s fall 3 rise 2
                %s""".formatted(port, servers);
    }
}
