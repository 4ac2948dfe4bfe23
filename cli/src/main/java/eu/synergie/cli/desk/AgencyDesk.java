package eu.synergie.cli.desk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import eu.synergie.client.RequestMessages;
import eu.synergie.crypto.pki.Pem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The agency desk's HTTP service. For an analyst of its agency (their exchange token, verified here), from the
 * exchange's web UI only (CORS: the origins it is given):
 * <ul>
 *   <li>{@code POST /seal} {@code {"requestId","step","otherAgency","text","recipients":[PEM…]}} → {@code {"envelope"}}:
 *       the text signed by the agency and encrypted to the two agencies' certificates (each checked to be theirs);</li>
 *   <li>{@code POST /open} {@code {"requestId","step","fromAgency","envelope"}} → {@code {"text"}}: opened with the
 *       agency's key, the signer checked to be the agency the thread names, the message to be of that request and
 *       step;</li>
 *   <li>{@code GET /health} → {@code {"agency","status":"UP"}}, to anyone: the page says whether the desk answers.</li>
 * </ul>
 * It keeps nothing and logs no text and no token: one line per operation, who and what step.
 */
public final class AgencyDesk implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_BODY = 1 << 20;

    private final RequestMessages messages;
    private final AnalystTokens tokens;
    private final Set<String> origins;
    private final PrintStream log;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().name("desk-", 0).factory());

    /**
     * @param issuer  the exchange realm's issuer, whose tokens the desk takes
     * @param origins the web UI origins allowed to call it ({@code https://exchange.example.eu})
     */
    public AgencyDesk(RequestMessages messages, String issuer, Set<String> origins, InetSocketAddress address, PrintStream log)
            throws IOException {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.tokens = new AnalystTokens(issuer, messages.agency());
        this.origins = Set.copyOf(origins);
        this.log = Objects.requireNonNull(log, "log");
        this.server = HttpServer.create(address, 64);
        server.createContext("/", this::handle);
        server.setExecutor(workers);
    }

    public AgencyDesk start() {
        server.start();
        return this;
    }

    /** Where it listens (the port chosen when it was given 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            boolean allowed = origin != null && origins.contains(origin);
            if (allowed) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
                exchange.getResponseHeaders().set("Vary", "Origin");
            }
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("/health")) {
                reply(exchange, 200, JSON.createObjectNode().put("agency", messages.agency()).put("status", "UP"));
                return;
            }
            if (!path.equals("/seal") && !path.equals("/open")) {
                problem(exchange, 404, "no such desk operation");
                return;
            }
            if (!allowed) {
                // A browser always says where a page comes from: a call without it is no web UI's.
                problem(exchange, 403, "this desk serves the exchange's web UI only, not "
                        + (origin == null ? "a caller that names no origin" : origin));
                return;
            }
            if (method.equals("OPTIONS")) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
                exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Authorization, Content-Type");
                exchange.getResponseHeaders().set("Access-Control-Max-Age", "600");
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            if (!method.equals("POST")) {
                problem(exchange, 405, "POST only");
                return;
            }
            String analyst;
            try {
                analyst = tokens.analyst(exchange.getRequestHeaders().getFirst("Authorization"));
            } catch (AnalystTokens.Refused e) {
                problem(exchange, 401, e.getMessage());
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(read(exchange.getRequestBody()));
            } catch (JacksonException | IllegalArgumentException e) {
                problem(exchange, 400, "the body is not JSON, or larger than " + MAX_BODY + " bytes");
                return;
            }
            try {
                if (path.equals("/seal")) {
                    seal(exchange, analyst, body);
                } else {
                    open(exchange, analyst, body);
                }
            } catch (RuntimeException e) {
                // The exception names a check (a certificate, a signer, a request id), never a message's text.
                problem(exchange, 422, e.getMessage());
            }
        }
    }

    private void seal(HttpExchange exchange, String analyst, JsonNode body) throws IOException {
        String requestId = required(body, "requestId");
        String step = required(body, "step");
        List<X509Certificate> recipients = new ArrayList<>();
        body.path("recipients").forEach(pem -> recipients.addAll(Pem.readCertificates(pem.asString())));
        byte[] envelope = messages.seal(requestId, step, required(body, "otherAgency"), required(body, "text"), recipients);
        log.println("desk: sealed " + step + " of request " + requestId + " for " + analyst);
        reply(exchange, 200, JSON.createObjectNode().put("envelope", Base64.getEncoder().encodeToString(envelope)));
    }

    private void open(HttpExchange exchange, String analyst, JsonNode body) throws IOException {
        String requestId = required(body, "requestId");
        String step = required(body, "step");
        RequestMessages.Opened opened = messages.open(Base64.getDecoder().decode(required(body, "envelope")), requestId, step,
                required(body, "fromAgency"));
        log.println("desk: opened " + step + " of request " + requestId + " for " + analyst);
        reply(exchange, 200, JSON.createObjectNode().put("text", opened.text()).put("fromAgency", opened.fromAgency()));
    }

    private static String required(JsonNode body, String field) {
        String value = body.path(field).asString("");
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new IllegalArgumentException("too large");
        }
        return bytes;
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        send(exchange, status, JSON.createObjectNode().put("status", status).put("detail", detail));
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
