package eu.synergie.client;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The status mapping of every answer of the exchange, without a server. */
class ExchangeAnswerTest {

    /** An answer as the JDK client hands it over. */
    private record Answer(int statusCode, HttpHeaders headers, InputStream body) implements HttpResponse<InputStream> {

        static Answer of(int status, String body, Map<String, List<String>> headers) {
            return new Answer(status, HttpHeaders.of(headers, (name, value) -> true),
                    new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(URI.create("http://exchange.test/")).build();
        }

        @Override
        public Optional<HttpResponse<InputStream>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request().uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    private static String problem(int status, String reason, String detail) {
        return "{\"type\":\"about:blank\",\"status\":" + status + (reason == null ? "" : ",\"reason\":\"" + reason + "\"")
                + ",\"detail\":\"" + detail + "\"}";
    }

    @Test
    void ofWhenAny2xxThenSuccessWithTheUnreadBody() throws IOException {
        for (int status : new int[] {200, 201, 202, 204}) {
            ExchangeAnswer answer = ExchangeAnswer.of(Answer.of(status, "{\"offset\":42}", Map.of()));

            assertThat(answer).isInstanceOfSatisfying(ExchangeAnswer.Success.class, success -> {
                try {
                    assertThat(new String(success.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"offset\":42}");
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    @Test
    void ofWhenTooManyRequestsOrGatewayTroubleThenTransientWithRetryAfter() throws IOException {
        for (int status : new int[] {429, 502, 503, 504}) {
            ExchangeAnswer answer = ExchangeAnswer.of(Answer.of(status, problem(status, null, "the notice log is unavailable"),
                    Map.of("Retry-After", List.of("7"))));

            assertThat(answer).isInstanceOfSatisfying(ExchangeAnswer.Transient.class, t -> {
                assertThat(t.retryAfter()).contains(Duration.ofSeconds(7));
                assertThat(t.cause()).hasMessage("HTTP " + status + ": the notice log is unavailable");
            });
        }
    }

    @Test
    void ofWhenRefusedWithAReasonThenRefusedWithReasonAndDetail() throws IOException {
        for (int status : new int[] {400, 403, 404, 413, 422, 500}) {
            ExchangeAnswer answer = ExchangeAnswer.of(Answer.of(status, problem(status, "LABEL_MISMATCH", "no label"), Map.of()));

            assertThat(answer).isEqualTo(new ExchangeAnswer.Refused(status, new Problem("LABEL_MISMATCH", "no label")));
        }
    }

    @Test
    void ofWhenBodyIsNoProblemDocumentThenRefusedWithoutReason() throws IOException {
        assertThat(ExchangeAnswer.of(Answer.of(500, "<html>Internal Server Error</html>", Map.of())))
                .isEqualTo(new ExchangeAnswer.Refused(500, new Problem(null, null)));
        assertThat(ExchangeAnswer.of(Answer.of(503, "x".repeat(200_000), Map.of("Retry-After", List.of("Wed, 21 Oct 2026 07:28:00 GMT")))))
                .isInstanceOfSatisfying(ExchangeAnswer.Transient.class, t -> assertThat(t.retryAfter()).isEmpty());
    }

    @Test
    void ofWhenForbiddenWithoutReasonThenTheFeedClientIsRefusedAsAWhole() {
        assertThatThrownBy(() -> ExchangeAnswer.of(Answer.of(403, problem(403, null, "the caller's roles do not allow this"),
                Map.of()))).isInstanceOf(AuthenticationException.class).hasMessageContaining("agency-feed")
                .hasMessageContaining("roles do not allow");
    }

    @Test
    void isNoEndpointWhenNotFoundWrongMethodOrMediaTypeThenTrue() {
        assertThat(List.of(404, 405, 415)).allMatch(ExchangeAnswer::isNoEndpoint);
        assertThat(List.of(400, 403, 410, 422, 500)).noneMatch(ExchangeAnswer::isNoEndpoint);
    }
}
