package eu.synergie.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for the exchange's notice endpoint and the realm's token endpoint, on loopback:
 * each answers from its queue of scripted responses, then with its default.
 */
final class FakeExchange implements AutoCloseable {

    record Response(int status, String contentType, String body, Map<String, String> headers) {

        static Response accepted() {
            return new Response(202, "application/json",
                    "{\"noticeId\":\"7e0b5f6c-0000-4000-8000-000000000001\",\"region\":\"EU-WEST\",\"topic\":"
                            + "\"synergie.notices.EU-WEST\",\"partition\":1,\"offset\":42}", Map.of());
        }

        static Response status(int status) {
            return new Response(status, "text/plain", "", Map.of());
        }

        static Response problem(int status, String reason, String detail) {
            return new Response(status, "application/problem+json", "{\"type\":\"about:blank\",\"status\":" + status
                    + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + ",\"detail\":\"" + detail + "\"}", Map.of());
        }

        Response withHeader(String name, String value) {
            return new Response(status, contentType, body, Map.of(name, value));
        }
    }

    record Request(String path, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().getFirst()).orElse(null);
        }
    }

    /**
     * How the batch endpoint answers one request: with {@code requestStatus} as a whole, or 200 and one line
     * per envelope with the given statuses (202 for the rest), or none for the rest when {@code cutAfter}.
     */
    record BatchScript(int requestStatus, List<Integer> lineStatuses, boolean cutAfter) {

        static BatchScript lines(Integer... statuses) {
            return new BatchScript(200, List.of(statuses), false);
        }

        static BatchScript cutAfter(Integer... statuses) {
            return new BatchScript(200, List.of(statuses), true);
        }

        static BatchScript whole(int status) {
            return new BatchScript(status, List.of(), false);
        }
    }

    private final HttpServer server;
    final ConcurrentLinkedDeque<BatchScript> batchAnswers = new ConcurrentLinkedDeque<>();
    volatile boolean batchEndpoint = true;
    final ConcurrentLinkedDeque<Response> noticeAnswers = new ConcurrentLinkedDeque<>();
    final ConcurrentLinkedDeque<Response> tokenAnswers = new ConcurrentLinkedDeque<>();
    final List<Request> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger tokensIssued = new AtomicInteger();
    volatile long tokenLifetimeSeconds = 300;

    FakeExchange() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/v1/notices", exchange -> answer(exchange, noticeAnswers.pollFirst(), Response.accepted()));
        server.createContext("/api/v1/notices/batch", this::batch);
        server.createContext("/token", exchange -> {
            Response scripted = tokenAnswers.pollFirst();
            answer(exchange, scripted, null);
        });
        server.start();
    }

    URI server() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    URI tokenUrl() {
        return URI.create(server() + "/token");
    }

    List<Request> requestsTo(String path) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    private void answer(HttpExchange exchange, Response scripted, Response fallback) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.add(new Request(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
        Response response = scripted != null ? scripted : fallback != null ? fallback
                : new Response(200, "application/json", "{\"access_token\":\"token-" + tokensIssued.incrementAndGet()
                + "\",\"token_type\":\"Bearer\",\"expires_in\":" + tokenLifetimeSeconds + "}", Map.of());
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", response.contentType());
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    private void batch(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.add(new Request(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
        if (!batchEndpoint) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        BatchScript script = batchAnswers.pollFirst();
        if (script == null) {
            script = BatchScript.lines();
        }
        if (script.requestStatus() != 200) {
            exchange.sendResponseHeaders(script.requestStatus(), -1);
            exchange.close();
            return;
        }
        String[] lines = new String(body, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toArray(String[]::new);
        exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < lines.length; i++) {
                int status;
                if (i < script.lineStatuses().size()) {
                    status = script.lineStatuses().get(i);
                } else if (script.cutAfter()) {
                    break;
                } else {
                    status = 202;
                }
                String line = status == 202
                        ? "{\"line\":" + (i + 1) + ",\"status\":202,\"noticeId\":\"n-" + (i + 1) + "\",\"topic\":\"synergie.notices.EU-WEST\","
                                + "\"partition\":0,\"offset\":" + i + "}"
                        : "{\"line\":" + (i + 1) + ",\"status\":" + status + ",\"reason\":\"" + (status == 503 ? "" : "LABEL_MISMATCH")
                                + "\",\"detail\":\"scripted " + status + "\"}";
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
        exchange.close();
    }

    /** The envelopes a batch request carried, decoded. */
    static List<byte[]> envelopesOf(Request request) {
        return new String(request.body(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                .map(l -> java.util.Base64.getDecoder().decode(l.replace("{\"envelope\":\"", "").replace("\"}", "")))
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
