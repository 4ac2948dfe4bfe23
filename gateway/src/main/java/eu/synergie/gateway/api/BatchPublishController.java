package eu.synergie.gateway.api;

import eu.synergie.core.audit.AuditUnavailableException;
import eu.synergie.core.envelope.EnvelopeRejectedException;
import eu.synergie.core.intake.LogUnavailableException;
import eu.synergie.core.intake.NoticeIntake;
import eu.synergie.core.intake.Published;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.trust.TrustUnavailableException;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.security.Callers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Publishing a feed in one request: NDJSON in, one line per envelope ({@code {"envelope":"<base64 DER>"}}),
 * and NDJSON out, one status line per input line, in order, written as each is settled. Each envelope
 * gets the same checks as {@code POST /api/v1/notices}; up to {@value #IN_FLIGHT} appends are in flight
 * at once. A line's {@code status} is what the single-envelope endpoint would have answered.
 */
@RestController
class BatchPublishController {

    private static final Logger LOG = LoggerFactory.getLogger(BatchPublishController.class);
    static final String NDJSON = "application/x-ndjson";
    private static final int IN_FLIGHT = 256;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NoticeIntake intake;
    private final ConsultationAudit audit;

    BatchPublishController(NoticeIntake intake, ConsultationAudit audit) {
        this.intake = intake;
        this.audit = audit;
    }

    @PostMapping(path = "/api/v1/notices/batch", consumes = NDJSON, produces = NDJSON)
    void publish(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller feed = Callers.of(jwt);
        response.setContentType(NDJSON);
        OutputStream out = response.getOutputStream();
        Deque<Pending> pending = new ArrayDeque<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                pending.addLast(new Pending(number, submit(feed, line)));
                while (pending.size() >= IN_FLIGHT || (!pending.isEmpty() && pending.peekFirst().result().isDone())) {
                    write(out, feed, pending.removeFirst());
                }
            }
            while (!pending.isEmpty()) {
                write(out, feed, pending.removeFirst());
            }
        }
        out.flush();
    }

    private CompletableFuture<Published> submit(Caller feed, String line) {
        try {
            JsonNode node = JSON.readTree(line);
            JsonNode envelope = node.get("envelope");
            if (envelope == null || !envelope.isString()) {
                return CompletableFuture.failedFuture(new BadLine("a line must be {\"envelope\":\"<base64 DER>\"}"));
            }
            return intake.publishAsync(feed, Base64.getDecoder().decode(envelope.asString()));
        } catch (JacksonException e) {
            return CompletableFuture.failedFuture(new BadLine("the line is not JSON"));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new BadLine("envelope is not base64"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void write(OutputStream out, Caller feed, Pending pending) throws IOException {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("line", pending.line());
        try {
            Published published = pending.result().get();
            audit.published(feed, published);
            status.put("status", 202);
            status.put("noticeId", published.noticeId().toString());
            status.put("topic", published.position().topic());
            status.put("partition", published.position().partition());
            status.put("offset", published.position().offset());
        } catch (AuditUnavailableException e) {
            describe(status, e);
        } catch (ExecutionException e) {
            describe(status, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            describe(status, new LogUnavailableException("interrupted", e));
        }
        out.write(JSON.writeValueAsBytes(status));
        out.write('\n');
        out.flush();
    }

    private static void describe(Map<String, Object> status, Throwable failure) {
        switch (failure) {
            case EnvelopeRejectedException rejected -> {
                status.put("status", switch (rejected.reason().category()) {
                    case MALFORMED -> 400;
                    case UNPROCESSABLE -> 422;
                    case FORBIDDEN -> 403;
                });
                status.put("reason", rejected.reason().name());
                status.put("detail", rejected.getMessage());
            }
            case BadLine bad -> {
                status.put("status", 400);
                status.put("reason", "MALFORMED_LINE");
                status.put("detail", bad.getMessage());
            }
            case LogUnavailableException unavailable -> {
                status.put("status", 503);
                status.put("detail", "the notice log is unavailable; this envelope was not accepted, retry it");
            }
            case AuditUnavailableException unavailable -> {
                status.put("status", 503);
                status.put("detail", "the audit log is unavailable; send this envelope again (the exchange keeps one copy)");
            }
            case TrustUnavailableException unavailable -> {
                status.put("status", 503);
                status.put("detail", "the trust registry is unavailable; this envelope was not accepted, retry it");
            }
            default -> {
                LOG.error("unexpected error on a batch line", failure);
                status.put("status", 500);
                status.put("detail", "an unexpected error occurred; this envelope was not accepted");
            }
        }
    }

    private record Pending(int line, CompletableFuture<Published> result) {
    }

    private static final class BadLine extends RuntimeException {
        BadLine(String message) {
            super(message, null, false, false);
        }
    }
}
