package eu.synergie.gateway.api;

import eu.synergie.core.ExchangeException;
import eu.synergie.core.Refusal;
import eu.synergie.core.audit.AuditUnavailableException;
import eu.synergie.core.intake.LogUnavailableException;
import eu.synergie.core.intake.NoticeIntake;
import eu.synergie.core.intake.Published;
import eu.synergie.core.policy.Caller;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.observability.ExchangeMetrics;
import eu.synergie.gateway.security.Callers;
import eu.synergie.gateway.wiring.SynergieProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Publishing a feed in one request: NDJSON in, one line per envelope ({@code {"envelope":"<base64 DER>"}}),
 * and NDJSON out, one status line per input line, in order, written as each is settled. Each envelope
 * gets the same checks as {@code POST /api/v1/notices}; up to {@value #IN_FLIGHT} appends are in flight
 * at once. A line's {@code status} is what the single-envelope endpoint would have answered.
 */
@Tag(name = "Notices")
@RestController
class BatchPublishController {

    private static final Logger LOG = LoggerFactory.getLogger(BatchPublishController.class);

    static final String NDJSON = "application/x-ndjson";
    private static final int IN_FLIGHT = 256;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NoticeIntake intake;
    private final ConsultationAudit audit;
    private final ExchangeMetrics metrics;
    /** The longest line a valid envelope can make: base64 of the largest envelope, its JSON wrapper, some slack. */
    private final int maxLineChars;

    BatchPublishController(NoticeIntake intake, ConsultationAudit audit, ExchangeMetrics metrics, SynergieProperties properties) {
        this.intake = intake;
        this.audit = audit;
        this.metrics = metrics;
        this.maxLineChars = 4 * ((properties.maxEnvelopeBytes() + 2) / 3) + 1024;
    }

    @Operation(summary = "Publish a feed of sealed notices in one request",
            description = "NDJSON in, one `{\"envelope\":\"<base64 DER>\"}` per line; NDJSON out, one status line per "
                    + "input line, in order, as each is settled: `{\"line\":n,\"status\":202,\"noticeId\":…,\"topic\":…,"
                    + "\"partition\":…,\"offset\":…}` or `{\"line\":n,\"status\":400|403|413|422|503,\"reason\":…,"
                    + "\"detail\":…}`. A line's status is what the single-envelope endpoint would have answered.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = NDJSON, schema = @Schema(type = "string"))))
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "agency-feed")
    @ApiResponse(responseCode = "200", description = "One status line per input line",
            content = @Content(mediaType = NDJSON, schema = @Schema(type = "string")))
    @PostMapping(path = "/api/v1/notices/batch", consumes = NDJSON, produces = NDJSON)
    void publish(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller feed = Callers.of(jwt);
        // The content type is set once a line has been read, so that a body refused at once is a plain problem document.
        OutputStream out = response.getOutputStream();
        Deque<Pending> pending = new ArrayDeque<>();
        // Lines answered 503, by the service that was down: warned once per batch, not once per line.
        Map<String, Integer> unavailable = new TreeMap<>();
        int number = 0;
        try (Reader body = new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8)) {
            NdjsonLines lines = new NdjsonLines(body, maxLineChars);
            String line;
            while ((line = lines.next()) != null) {
                number++;
                if (number == 1) {
                    response.setContentType(NDJSON);
                }
                if (line.isBlank()) {
                    continue;
                }
                pending.addLast(new Pending(number, metrics.start(), line == NdjsonLines.TOO_LONG
                        ? CompletableFuture.failedFuture(new LineTooLong(maxLineChars)) : submit(feed, line)));
                if (pending.size() >= IN_FLIGHT || pending.peekFirst().result().isDone()) {
                    writeSettled(out, feed, pending, pending.size() >= IN_FLIGHT ? 1 : 0, unavailable);
                }
            }
        } catch (PayloadTooLargeException e) {
            if (number == 0) {
                throw e; // nothing answered yet: a plain 413
            }
            // Lines already read stand; say where reading stopped, as a status line, since the answer has begun.
            while (!pending.isEmpty()) {
                writeSettled(out, feed, pending, 1, unavailable);
            }
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("line", number + 1);
            status.put("status", Problems.of(e).status().value());
            status.put("reason", "BATCH_TOO_LARGE");
            status.put("detail", e.getMessage() + "; this line and the ones after it were not read");
            out.write(JSON.writeValueAsBytes(status));
            out.write('\n');
        }
        response.setContentType(NDJSON);
        // Each line as soon as it is settled, with those settled by then: the tail streams as the rest did.
        while (!pending.isEmpty()) {
            writeSettled(out, feed, pending, 1, unavailable);
        }
        out.flush();
        unavailable.forEach((service, lines) -> LOG.warn("{} lines of a batch answered 503: {} is unavailable", lines, service));
    }

    private CompletableFuture<Published> submit(Caller feed, String line) {
        try {
            return intake.publishAsync(feed, envelopeOf(line));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The envelope a line carries: {@code {"envelope":"<base64 DER>"}}.
     *
     * @throws ExchangeException.Refused {@code MALFORMED_LINE} naming what is wrong with the line
     */
    static byte[] envelopeOf(String line) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(line).get("envelope");
        } catch (JacksonException e) {
            throw new BadLine("the line is not JSON");
        }
        if (envelope == null || !envelope.isString()) {
            throw new BadLine("a line must be {\"envelope\":\"<base64 DER>\"}");
        }
        try {
            return Base64.getDecoder().decode(envelope.asString());
        } catch (IllegalArgumentException e) {
            throw new BadLine("envelope is not base64");
        }
    }

    /**
     * Answers the lines at the head of {@code pending}: the first {@code atLeast} (waiting for them), then every one
     * after them already settled. Their publications are audited as one record, listing the notices in line order,
     * before any of their 202s is written: a batch flat out makes one audit record per group of up to
     * {@value #IN_FLIGHT} notices rather than one per notice (issue 21), and the record still names every notice.
     */
    private void writeSettled(OutputStream out, Caller feed, Deque<Pending> pending, int atLeast,
                              Map<String, Integer> unavailable) throws IOException {
        List<Map<String, Object>> statuses = new ArrayList<>();
        List<Published> published = new ArrayList<>();
        List<Map<String, Object>> publishedStatuses = new ArrayList<>();
        int taken = 0;
        while (!pending.isEmpty() && (taken < atLeast || pending.peekFirst().result().isDone())) {
            Pending next = pending.removeFirst();
            taken++;
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("line", next.line());
            statuses.add(status);
            try {
                Published one = next.result().get();
                metrics.published(next.start(), null);
                published.add(one);
                publishedStatuses.add(status);
            } catch (ExecutionException e) {
                metrics.published(next.start(), e.getCause());
                describe(status, e.getCause() instanceof RuntimeException failure ? answer(failure, unavailable)
                        : Problems.unexpected(e.getCause(), "unexpected error on a batch line"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                describe(status, answer(new LogUnavailableException("interrupted", e), unavailable));
            }
        }
        if (!published.isEmpty()) {
            try {
                audit.published(feed, published);
                for (int i = 0; i < published.size(); i++) {
                    Published one = published.get(i);
                    Map<String, Object> status = publishedStatuses.get(i);
                    status.put("status", 202);
                    status.put("noticeId", one.noticeId().toString());
                    status.put("topic", one.position().topic());
                    status.put("partition", one.position().partition());
                    status.put("offset", one.position().offset());
                }
            } catch (AuditUnavailableException e) {
                // Appended but not audited: the publisher sends them again, which the exchange absorbs (one copy).
                publishedStatuses.forEach(status -> describe(status, answer(e, unavailable)));
            }
        }
        for (Map<String, Object> status : statuses) {
            out.write(JSON.writeValueAsBytes(status));
            out.write('\n');
        }
        out.flush();
    }

    private static Problems.Answer answer(RuntimeException failure, Map<String, Integer> unavailable) {
        if (failure instanceof ExchangeException.Unavailable down) {
            unavailable.merge(down.service(), 1, Integer::sum);
        }
        return Problems.quietly(failure);
    }

    /** A line's status: what {@link Problems} answers for its failure, as the single-envelope endpoint would. */
    private static void describe(Map<String, Object> status, Problems.Answer answer) {
        status.put("status", answer.status().value());
        status.put("reason", answer.reason());
        status.put("detail", answer.detail());
        if (answer.correlationId() != null) {
            status.put("correlationId", answer.correlationId());
        }
    }

    private record Pending(int line, long start, CompletableFuture<Published> result) {
    }

    private static final class LineTooLong extends ExchangeException.Refused {
        LineTooLong(int maxChars) {
            super(new Refusal(Refusal.Kind.TOO_LARGE, "LINE_TOO_LONG"),
                    "the line exceeds " + maxChars + " characters, more than the largest envelope needs", false);
        }
    }

    static final class BadLine extends ExchangeException.Refused {
        BadLine(String message) {
            super(new Refusal(Refusal.Kind.MALFORMED, "MALFORMED_LINE"), message, false);
        }
    }
}
