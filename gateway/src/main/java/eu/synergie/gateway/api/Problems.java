package eu.synergie.gateway.api;

import eu.synergie.core.ExchangeException;
import eu.synergie.core.Refusal;
import eu.synergie.core.envelope.EnvelopeRejectedException;
import eu.synergie.gateway.access.AccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The one place where a failure becomes an answer: its HTTP status, problem type, title, reason code and
 * detail. The API's problem documents ({@code ApiProblems}, {@code ErrorProblems}), the status lines of the
 * NDJSON batch and the error pages all take their answer from here, so a refusal reads the same everywhere.
 *
 * <p>{@link ExchangeException.Refused} answers its {@link Refusal}: 400, 413, 422, 403, 404 or 409 with the
 * reason code; {@link ExchangeException.Unavailable} 503 (retriable: nothing was done). Anything else is a fault
 * of ours: 500 with a fresh correlation id, logged once here with its stack trace, and the answer carries the
 * id and nothing of the fault.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
 */
public final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    static final String TYPES = "https://synergie.eu/problems/";

    /**
     * How to answer one failure.
     *
     * @param reason        the stable code of the failed check ({@code CERTIFICATE_REVOKED}, {@code NOTICE_LOG_UNAVAILABLE},
     *                      {@code INTERNAL_ERROR})
     * @param detail        for the caller: names the check, never a key, a token, notice content or a class name
     * @param facts         structured members beside the detail (a limit, a progress)
     * @param correlationId set for unexpected faults only: the id under which the fault was logged
     */
    public record Answer(HttpStatus status, String type, String title, String reason, String detail,
                         Map<String, Object> facts, String correlationId) {

        public Answer {
            facts = Map.copyOf(facts);
        }

        /** The answer as an RFC 9457 problem document, with {@code reason} (and {@code correlationId}) as members. */
        public ProblemDetail problem() {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
            problem.setType(URI.create(TYPES + type));
            problem.setTitle(title);
            problem.setProperty("reason", reason);
            facts.forEach(problem::setProperty);
            if (correlationId != null) {
                problem.setProperty("correlationId", correlationId);
            }
            return problem;
        }

        /** Whether sending the same request again later may succeed. */
        public boolean retriable() {
            return status == HttpStatus.SERVICE_UNAVAILABLE;
        }
    }

    private Problems() {
    }

    /**
     * The answer to {@code failure}; an unavailable service is logged here (a warning), an unexpected fault once under
     * the answer's correlation id.
     */
    public static Answer of(Throwable failure) {
        if (failure instanceof ExchangeException.Unavailable unavailable) {
            LOG.warn("{} is unavailable: {}", unavailable.service(), unavailable.getMessage());
        }
        return quietly(failure);
    }

    /**
     * As {@link #of}, without the warning for an unavailable service: for an answer of many parts (a batch's lines),
     * whose caller warns once for all of them.
     */
    static Answer quietly(Throwable failure) {
        return switch (failure) {
            case ExchangeException.Refused refused -> refused(refused.refusal(), refused.getMessage(), refused.facts(),
                    refused instanceof EnvelopeRejectedException ? "Envelope rejected" : null);
            case ExchangeException.Unavailable unavailable -> unavailable(unavailable.service());
            case AccessException access -> access(access);
            default -> unexpected(failure, "unexpected error");
        };
    }

    /**
     * An unexpected fault ({@code where} says where it was caught): a fresh correlation id, one log line with the
     * stack trace, a 500 answer that carries the id and nothing else of the fault.
     */
    public static Answer unexpected(Throwable fault, String where) {
        String correlationId = UUID.randomUUID().toString();
        LOG.error("{} [correlationId={}]", where, correlationId, fault);
        return new Answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error", "INTERNAL_ERROR",
                "an unexpected error occurred; quote correlation id " + correlationId + " to the operators",
                Map.of(), correlationId);
    }

    /** A status decided outside our handlers (by the servlet container or the request firewall). */
    static Answer status(HttpStatus status) {
        String reason = status.name();
        return new Answer(status, kebab(reason), status.getReasonPhrase(), reason,
                "the request was refused: " + status.getReasonPhrase().toLowerCase(Locale.ROOT), Map.of(), null);
    }

    private static Answer refused(Refusal refusal, String detail, Map<String, Object> facts, String title) {
        HttpStatus status = switch (refusal.kind()) {
            case MALFORMED -> HttpStatus.BAD_REQUEST;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        return new Answer(status, kebab(refusal.reason()), title != null ? title : status.getReasonPhrase(),
                refusal.reason(), detail, facts, null);
    }

    private static Answer unavailable(String service) {
        String name = service.startsWith("the ") ? service.substring(4) : service;
        String reason = name.toUpperCase(Locale.ROOT).replace(' ', '_') + "_UNAVAILABLE";
        return new Answer(HttpStatus.SERVICE_UNAVAILABLE, kebab(reason), "Service unavailable", reason,
                service + " is unavailable; retry later", Map.of(), null);
    }

    // Access administration keeps its own kinds: UNAVAILABLE is the identity provider, the rest are refusals.
    private static Answer access(AccessException e) {
        return switch (e.kind()) {
            case UNAVAILABLE -> {
                LOG.warn("the identity provider is unavailable: {}", e.getMessage());
                Answer answer = unavailable("the identity provider");
                yield new Answer(answer.status(), answer.type(), "Identity provider unavailable", answer.reason(),
                        e.getMessage(), Map.of(), null);
            }
            case NOT_FOUND -> refused(new Refusal(Refusal.Kind.NOT_FOUND, "NOT_FOUND"), e.getMessage(), Map.of(), null);
            case CONFLICT -> refused(new Refusal(Refusal.Kind.CONFLICT, "ACCESS_CONFLICT"), e.getMessage(), Map.of(),
                    "Access change refused");
            case INVALID -> refused(new Refusal(Refusal.Kind.UNPROCESSABLE, "ACCESS_CHANGE_INVALID"), e.getMessage(),
                    Map.of(), "Access change refused");
        };
    }

    private static String kebab(String reason) {
        return reason.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
