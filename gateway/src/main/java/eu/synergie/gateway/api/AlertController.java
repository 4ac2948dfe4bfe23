package eu.synergie.gateway.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import eu.synergie.core.matching.Alert;
import eu.synergie.core.matching.AlertInbox;
import eu.synergie.core.policy.Caller;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.security.Callers;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The caller's alerts: hits on their agency's notices and their own watchlists' matches, each in the form
 * the caller may see (see {@link AlertInbox#shownTo}); as a list, and live as Server-Sent Events.
 */
@Tag(name = "Alerts", description = "Cross-agency hits and watchlist matches (role analyst)")
@RestController
@RequestMapping("/api/v1/alerts")
class AlertController {

    private static final Duration LONGEST_STREAM = Duration.ofMinutes(30);

    private final AlertInbox inbox;
    private final AlertStreams streams;
    private final ConsultationAudit audit;

    AlertController(AlertInbox inbox, AlertStreams streams, ConsultationAudit audit) {
        this.inbox = inbox;
        this.streams = streams;
        this.audit = audit;
    }

    @Operation(summary = "The caller's latest alerts")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "Hits on the caller's agency's notices and the caller's watchlist matches, newest first")
    @ApiResponse(responseCode = "400", description = "limit out of range")
    @GetMapping(produces = "application/json")
    List<AlertView> list(@AuthenticationPrincipal Jwt jwt, @RequestParam(name = "limit", defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidQueryException("limit must be between 1 and 500");
        }
        Caller analyst = Callers.of(jwt);
        List<AlertView> alerts = inbox.visibleTo(analyst, limit).stream().map(AlertView::of).toList();
        audit.alertsShown(analyst, alerts.stream().map(AlertView::id).toList());
        return alerts;
    }

    /**
     * New alerts as they are raised, event name {@code alert}. The stream ends when the token expires (at
     * the latest after 30 minutes): the client reconnects with a fresh token, so a revoked user stops
     * receiving.
     */
    @Operation(summary = "New alerts as Server-Sent Events (event `alert`)")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "An event stream; it ends when the token expires")
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@AuthenticationPrincipal Jwt jwt) throws IOException {
        Caller analyst = Callers.of(jwt);
        Duration left = jwt.getExpiresAt() == null ? LONGEST_STREAM : Duration.between(Instant.now(), jwt.getExpiresAt());
        return streams.open(analyst, Duration.ofMillis(Math.max(1_000, Math.min(left.toMillis(),
                        LONGEST_STREAM.toMillis()))),
                shown -> SseEmitter.event().name("alert").id(shown.id()).data(AlertView.of(shown), MediaType.APPLICATION_JSON),
                shown -> audit.alertsShown(analyst, List.of(shown.id())));
    }

    /** An alert as shown: ids, agencies and the matched value, never the markings used to decide it. */
    record AlertView(String id, String kind, Instant at, String noticeId, String entityKind, String entityValue, String form,
                     String otherNoticeId, String otherAgency, String contactRef, String watchlistId, String watchlistName,
                     Long sharedBy, RiseView rise) {

        /** A rise of a region's notices of one type: the numbers that say why it fired. */
        record RiseView(String region, String type, String period, long observed, double expected, long threshold,
                        double alpha, int historyPeriods) {
        }

        /** One flat shape for every kind, as the API has always answered: the fields of other kinds are null. */
        static AlertView of(Alert alert) {
            String notice = alert.noticeId() == null ? null : alert.noticeId().toString();
            return switch (alert) {
                case Alert.Hit a -> new AlertView(a.id(), a.kind().name(), a.at(), notice, a.entityKind(), a.entityValue(),
                        a.form().name(), a.otherNoticeId() == null ? null : a.otherNoticeId().toString(), a.otherAgency(),
                        a.contactRef(), null, null, null, null);
                // A watchlist names the notice it matched in full (its owner may read it), and who published it.
                case Alert.WatchlistMatch a -> new AlertView(a.id(), a.kind().name(), a.at(), notice, a.entityKind(),
                        a.entityValue(), Alert.Form.FULL.name(), null, a.originAgency(), null, a.watchlistId(),
                        a.watchlistName(), null, null);
                case Alert.OverCorrelation a -> new AlertView(a.id(), a.kind().name(), a.at(), notice, a.entityKind(),
                        a.entityValue(), null, null, null, null, null, null, a.sharedBy(), null);
                case Alert.TrendRise a -> new AlertView(a.id(), a.kind().name(), a.at(), null, null, null, null, null, null,
                        null, a.watchlistId(), a.watchlistName(), null, new RiseView(a.region(), a.type(), a.period(),
                        a.observed(), a.expected(), a.threshold(), a.alpha(), a.historyPeriods()));
            };
        }
    }
}
