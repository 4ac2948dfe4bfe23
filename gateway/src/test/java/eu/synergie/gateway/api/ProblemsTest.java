package eu.synergie.gateway.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import eu.synergie.core.ExchangeException;
import eu.synergie.core.Refusal;
import eu.synergie.core.audit.AuditUnavailableException;
import eu.synergie.core.envelope.EnvelopeRejectedException;
import eu.synergie.core.envelope.RejectionReason;
import eu.synergie.core.intake.LogUnavailableException;
import eu.synergie.core.trust.TrustException;
import eu.synergie.core.trust.TrustUnavailableException;
import eu.synergie.search.SearchUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

class ProblemsTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger problemsLog = (Logger) LoggerFactory.getLogger(Problems.class);

    @BeforeEach
    void captureLog() {
        logged.start();
        problemsLog.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        problemsLog.detachAppender(logged);
    }

    @Test
    void ofWhenRefusedThenStatusOfItsKindAndItsReason() {
        Map<Refusal.Kind, HttpStatus> expected = Map.of(Refusal.Kind.MALFORMED, HttpStatus.BAD_REQUEST,
                Refusal.Kind.TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE, Refusal.Kind.UNPROCESSABLE, HttpStatus.UNPROCESSABLE_CONTENT,
                Refusal.Kind.FORBIDDEN, HttpStatus.FORBIDDEN, Refusal.Kind.NOT_FOUND, HttpStatus.NOT_FOUND,
                Refusal.Kind.CONFLICT, HttpStatus.CONFLICT);
        for (Refusal.Kind kind : Refusal.Kind.values()) {
            Problems.Answer answer = Problems.of(new Refused(new Refusal(kind, "SOME_CHECK"), "the check failed"));

            assertThat(answer.status()).as(kind.name()).isEqualTo(expected.get(kind));
            assertThat(answer.reason()).isEqualTo("SOME_CHECK");
            assertThat(answer.type()).isEqualTo("some-check");
            assertThat(answer.detail()).isEqualTo("the check failed");
            assertThat(answer.retriable()).isFalse();
            assertThat(answer.correlationId()).isNull();
        }
    }

    @Test
    void ofWhenEnvelopeRejectedThenSameStatusAsTheReasonsCategoryForEveryReason() {
        for (RejectionReason reason : RejectionReason.values()) {
            Problems.Answer answer = Problems.of(new EnvelopeRejectedException(reason, "named check"));

            assertThat(answer.status().value()).as(reason.name()).isEqualTo(switch (reason.category()) {
                case MALFORMED -> 400;
                case UNPROCESSABLE -> 422;
                case FORBIDDEN -> 403;
            });
            assertThat(answer.problem().getProperties()).containsEntry("reason", reason.name());
            assertThat(answer.problem().getTitle()).isEqualTo("Envelope rejected");
            assertThat(answer.problem().getType().toString())
                    .isEqualTo("https://synergie.eu/problems/" + reason.name().toLowerCase().replace('_', '-'));
        }
    }

    @Test
    void ofWhenTrustRefusedThenNotFoundConflictOrUnprocessable() {
        assertThat(Problems.of(new TrustException(TrustException.Kind.NOT_FOUND, "no agency XX")).status())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(Problems.of(new TrustException(TrustException.Kind.CONFLICT, "exists")).status())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(Problems.of(new TrustException(TrustException.Kind.INVALID, "bad")).reason())
                .isEqualTo("TRUST_CHANGE_INVALID");
    }

    @Test
    void ofWhenUnavailableThen503RetriableNamingTheServiceWithoutItsMessage() {
        List<ExchangeException.Unavailable> failures = List.of(
                new LogUnavailableException("broker 127.0.0.1:9092 timed out", null),
                new TrustUnavailableException("follower stopped at offset 7"),
                new AuditUnavailableException("audit producer closed", null),
                new SearchUnavailableException("es node down", null));
        List<String> reasons = List.of("NOTICE_LOG_UNAVAILABLE", "TRUST_REGISTRY_UNAVAILABLE", "AUDIT_LOG_UNAVAILABLE",
                "SEARCH_UNAVAILABLE");
        for (int i = 0; i < failures.size(); i++) {
            Problems.Answer answer = Problems.of(failures.get(i));

            assertThat(answer.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(answer.retriable()).isTrue();
            assertThat(answer.reason()).isEqualTo(reasons.get(i));
            assertThat(answer.detail()).isEqualTo(failures.get(i).service() + " is unavailable; retry later")
                    .doesNotContain(failures.get(i).getMessage());
        }
    }

    @Test
    void unexpectedWhenFaultThen500WithCorrelationIdLoggedOnceAndNothingOfTheFault() {
        Problems.Answer answer = Problems.of(new NullPointerException("secret internals"));

        assertThat(answer.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(UUID.fromString(answer.correlationId())).isNotNull();
        assertThat(answer.problem().getProperties()).containsEntry("correlationId", answer.correlationId())
                .containsEntry("reason", "INTERNAL_ERROR");
        assertThat(answer.detail()).contains(answer.correlationId()).doesNotContain("secret")
                .doesNotContain("NullPointerException");
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).contains(answer.correlationId());
            assertThat(event.getThrowableProxy().getClassName()).isEqualTo(NullPointerException.class.getName());
        });
    }

    @Test
    void apiWhenControllerFailsUnexpectedlyThen500ProblemWithCorrelationIdAndNoStackTrace() throws Exception {
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing()).setControllerAdvice(new ApiProblems()).build();

        MvcResult result = mvc.perform(get("/fail")).andReturn();

        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).isEqualTo(500);
        assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
        assertThat(body).contains("\"correlationId\"").contains("\"reason\":\"INTERNAL_ERROR\"")
                .doesNotContain("secret internals").doesNotContain("IllegalStateException").doesNotContain("at eu.synergie");
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(body).contains(event.getFormattedMessage().replaceAll(".*correlationId=([0-9a-f-]+).*", "$1"));
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("secret internals");
        });
    }

    @Test
    void apiWhenControllerRefusesThenProblemWithReasonAndNothingLogged() throws Exception {
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing()).setControllerAdvice(new ApiProblems()).build();

        MvcResult result = mvc.perform(get("/refuse")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(422);
        assertThat(result.getResponse().getContentAsString()).contains("\"reason\":\"ORIGINATOR_NOT_A_RECIPIENT\"");
        assertThat(logged.list).isEmpty();
    }

    @RestController
    static class Failing {
        @GetMapping("/fail")
        String fail() {
            throw new IllegalStateException("secret internals");
        }

        @GetMapping("/refuse")
        String refuse() {
            throw new EnvelopeRejectedException(RejectionReason.ORIGINATOR_NOT_A_RECIPIENT, "no recipient for the signer");
        }
    }

    private static final class Refused extends ExchangeException.Refused {
        Refused(Refusal refusal, String message) {
            super(refusal, message);
        }
    }
}
