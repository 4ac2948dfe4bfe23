package eu.synergie.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditUnavailableException;
import eu.synergie.core.intake.LogPosition;
import eu.synergie.core.intake.NoticeIntake;
import eu.synergie.core.intake.Published;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.observability.ExchangeMetrics;
import eu.synergie.gateway.wiring.SynergieProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.jwt.Jwt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The batch endpoint's audit of what it accepted: the lines settled together are named by one PUBLISH record, written
 * before any of their 202s, and a record the log cannot take answers all of its lines 503. The intake (opening and
 * the Kafka append) is stood in for, so that when lines settle is the test's to say; the audit is the real one, on a
 * log that records or refuses.
 */
class BatchPublishControllerTest {

    private final NoticeIntake intake = mock(NoticeIntake.class);
    /** The audit log as the controller's real {@link ConsultationAudit} writes to it; fails while {@code down}. */
    private final List<AuditEvent> appended = new ArrayList<>();
    private boolean down;
    private final ConsultationAudit audit = new ConsultationAudit(event -> {
        if (down) {
            throw new AuditUnavailableException("the audit log is unavailable", null);
        }
        appended.add(event);
    }, Clock.systemUTC());
    private final List<CompletableFuture<Published>> futures = new ArrayList<>();
    private final List<UUID> ids = new ArrayList<>();
    private BatchPublishController controller;

    @BeforeEach
    void setUp() {
        SynergieProperties properties = mock(SynergieProperties.class);
        when(properties.maxEnvelopeBytes()).thenReturn(1 << 20);
        controller = new BatchPublishController(intake, audit, mock(ExchangeMetrics.class), properties);
        // Lines 1 to 4 stay in flight until line 5 arrives, which settles them all: five lines settled together.
        when(intake.publishAsync(any(), any())).thenAnswer(call -> {
            UUID id = UUID.randomUUID();
            ids.add(id);
            CompletableFuture<Published> future = new CompletableFuture<>();
            futures.add(future);
            if (futures.size() == 5) {
                for (int i = 0; i < 5; i++) {
                    futures.get(i).complete(new Published(ids.get(i), "EU-WEST", new LogPosition("synergie.notices.EU-WEST", 0, i)));
                }
            }
            return future;
        });
    }

    @Test
    void linesSettledTogetherAreAuditedAsOneRecordNamingEachNoticeInLineOrder() throws Exception {
        List<String> statuses = publish(6);

        assertThat(appended).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.PUBLISH);
            assertThat(event.agency()).isEqualTo("FR-DGPN");
            assertThat(event.noticeIds()).containsExactlyElementsOf(ids.stream().map(UUID::toString).toList());
        });
        assertThat(statuses).hasSize(6);
        for (int i = 0; i < 5; i++) {
            assertThat(statuses.get(i)).contains("\"line\":" + (i + 1)).contains("\"status\":202")
                    .contains(ids.get(i).toString());
        }
        // The sixth line is not an envelope: answered in its place, and named by no record.
        assertThat(statuses.get(5)).contains("\"line\":6").contains("\"status\":400").contains("MALFORMED_LINE");
    }

    @Test
    void whenTheAuditLogCannotTakeTheRecordNoneOfItsLinesIsAnswered202() throws Exception {
        down = true;

        List<String> statuses = publish(5);

        assertThat(statuses).hasSize(5).allSatisfy(status -> assertThat(status).contains("\"status\":503")
                .doesNotContain("\"status\":202"));
    }

    /** Posts {@code lines} lines, the first five of them envelopes (the intake is mocked), and returns the status lines. */
    private List<String> publish(int lines) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            body.append(i < 5 ? "{\"envelope\":\"" + Base64.getEncoder().encodeToString(new byte[] {48, 0}) + "\"}" : "not json")
                    .append('\n');
        }
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/notices/batch");
        request.setContent(body.toString().getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        controller.publish(feed(), request, response);
        return response.getContentAsString(StandardCharsets.UTF_8).lines().toList();
    }

    private static Jwt feed() {
        return Jwt.withTokenValue("t").header("alg", "none").subject("service-account-feed-fr-dgpn")
                .claim("agency", "FR-DGPN").issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
    }

}
