package eu.synergie.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.rfi.InformationRequest;
import eu.synergie.core.rfi.ThreadMessage;
import eu.synergie.core.rfi.Urgency;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.gateway.rfi.InformationRequests;
import eu.synergie.gateway.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Requests for information between agencies (issue 22): from a notice or a pointer, an analyst asks the holding agency;
 * the holder's analysts take it, reply, ask back, refuse or release; the requester follows up. Every message is a CMS
 * envelope sealed by the sender's agency tool for both agencies' certificates, which the exchange keeps and cannot open.
 * A request is its two agencies' analysts' only: anyone else gets 404, as for an id that does not exist.
 */
@Tag(name = "Requests for information", description = "From a hit to an answer: requests between agencies, every "
        + "message end to end encrypted between the two agencies")
@RestController
class RequestController {

    private final InformationRequests requests;
    private final Clock clock;

    RequestController(InformationRequests requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    /**
     * A new request: about a notice the caller may read ({@code noticeId}), or a pointer the caller was shown
     * ({@code key}, {@code holderAgency}, {@code holderCaseRef}, as the hit gave them).
     */
    record NewInformationRequest(@Schema(description = "The request's id, chosen by the requester's tool: its sealed question names it")
                      UUID id,
                      @Schema(description = "A notice the caller may read") UUID noticeId,
                      @Schema(description = "The match key the pointer was for", example = "PHONE:+33612345678") String key,
                      @Schema(example = "FR-DGPN") String holderAgency,
                      @Schema(example = "DGPN-2026-0815") String holderCaseRef,
                      @Schema(example = "Décision-cadre 2006/960/JAI, art. 3") String legalBasis,
                      @Schema(description = "NORMAL (default) or URGENT, which states a deadline") Urgency urgency,
                      Instant deadline,
                      @Schema(description = "When it lapses unanswered, if sooner than the exchange's time for requests")
                      Instant expiresAt,
                      @Schema(description = "The question, sealed for both agencies (CMS AuthEnvelopedData, DER, base64)")
                      byte[] envelope) {
    }

    /** A message on a request: its step, its envelope, and for a release the notice released. */
    record NewThreadMessage(@Schema(description = "REPLY, ASK_BACK, REFUSAL, RELEASE (holder) or FOLLOW_UP (requester)")
                      ThreadMessage.Step step,
                      @Schema(description = "The text, sealed for both agencies (CMS, DER, base64)") byte[] envelope,
                      @Schema(description = "For a release: the holder's notice, whose current version lists the requester")
                      UUID noticeId) {
    }

    /**
     * A request as either party sees it.
     *
     * @param side      the caller's: REQUESTER or HOLDER
     * @param overdue   urgent, past its deadline and still open: flagged to both sides
     * @param thread    the messages, sealed (only in one request's view)
     * @param recipientCertificates both agencies' current certificates (PEM), the other party's first: what the next
     *                              message is encrypted to (only in one request's view)
     */
    record InformationRequestView(String id, String side, String requesterAgency, String requestedBy, String holderAgency,
                       UUID noticeId, String holderCaseRef, String purpose, String legalBasis, String urgency,
                       Instant deadline, Instant expiresAt, Instant openedAt, String status, Instant statusAt,
                       String assignee, boolean overdue, int messages,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<ThreadMessageView> thread,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<String> recipientCertificates) {

        static InformationRequestView of(InformationRequest r, String agency, Instant now, boolean full, List<X509Certificate> recipients) {
            return new InformationRequestView(r.id(), r.side(agency).name(), r.requesterAgency(), r.requesterSubject(), r.holderAgency(),
                    r.about().noticeId(), r.about().holderCaseRef(), r.purpose(), r.legalBasis(), r.urgency().name(),
                    r.deadline(), r.expiresAt(), r.openedAt(), r.status().name(), r.statusAt(), r.assignee(), r.overdue(now),
                    r.thread().size(), full ? r.thread().stream().map(ThreadMessageView::of).toList() : null,
                    full ? recipients.stream().map(c -> Pem.certificates(List.of(c))).toList() : null);
        }
    }

    /** One message of a thread: who, when, which step, and the envelope only the two agencies open. */
    record ThreadMessageView(Instant at, String fromAgency, String by, String step, byte[] envelope) {

        static ThreadMessageView of(ThreadMessage m) {
            return new ThreadMessageView(m.at(), m.fromAgency(), m.by(), m.step().name(), m.envelope());
        }
    }

    /** The certificates to seal a message for: the other agency's current ones first, then the caller's agency's. */
    record RequestRecipients(String agency, List<String> certificates) {
    }

    @Operation(summary = "Ask another agency", description = "Opens a request for information to the agency holding a "
            + "notice the caller may read, or a pointer the caller was shown. The question is an envelope sealed by the "
            + "caller's agency tool for both agencies' current certificates (GET /api/v1/requests/recipients). Audited "
            + "on both sides with the purpose.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "201", description = "The request, OPEN")
    @ApiResponse(responseCode = "400", description = "No purpose, legal basis, subject or envelope; a deadline missing or in the past")
    @ApiResponse(responseCode = "404", description = "No such notice or pointer shown to the caller")
    @ApiResponse(responseCode = "409", description = "The caller's own agency's notice (OWN_AGENCY), or the id is taken "
            + "(REQUEST_EXISTS)")
    @ApiResponse(responseCode = "413", description = "The envelope is too large (MESSAGE_TOO_LARGE)")
    @ApiResponse(responseCode = "422", description = "The envelope is not for the two agencies only (MESSAGE_NOT_FOR_THE_PARTIES)")
    @PostMapping(path = "/api/v1/requests", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<InformationRequestView> openRequest(@AuthenticationPrincipal Jwt jwt,
                                     @Parameter(description = "The caller's case reference; required and audited",
                                             required = true, example = "PJ-BRU-2026-1187")
                                     @RequestParam(name = "purpose", required = false) String purpose,
                                     @RequestBody NewInformationRequest body) {
        Caller caller = Callers.of(jwt);
        NewInformationRequest asked = body == null
                ? new NewInformationRequest(null, null, null, null, null, null, null, null, null, null) : body;
        InformationRequest request = requests.open(caller, purpose, asked.id(),
                asked.noticeId() == null && asked.key() == null ? null : new InformationRequests.Subject(asked.noticeId(),
                        asked.key(), asked.holderAgency(), asked.holderCaseRef()),
                asked.legalBasis(), asked.urgency(), asked.deadline(), asked.expiresAt(), asked.envelope());
        return ResponseEntity.created(URI.create("/api/v1/requests/" + request.id()))
                .body(InformationRequestView.of(request, caller.agency(), clock.instant(), false, List.of()));
    }

    @Operation(summary = "The requests of the caller's agency", description = "Sent and held, newest first (at most "
            + "500), without their threads.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The requests")
    @GetMapping(path = "/api/v1/requests", produces = MediaType.APPLICATION_JSON_VALUE)
    List<InformationRequestView> listRequests(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Callers.of(jwt);
        Instant now = clock.instant();
        return requests.list(caller).stream().map(r -> InformationRequestView.of(r, caller.agency(), now, false, List.of())).toList();
    }

    @Operation(summary = "The certificates to seal for", description = "The given agency's current certificates, then "
            + "the caller's agency's: a message between them is encrypted to these, and only these.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The certificates, PEM")
    @ApiResponse(responseCode = "404", description = "No other agency of this exchange has that code (AGENCY_NOT_FOUND)")
    @GetMapping(path = "/api/v1/requests/recipients", produces = MediaType.APPLICATION_JSON_VALUE)
    RequestRecipients requestRecipients(@AuthenticationPrincipal Jwt jwt,
                          @Parameter(description = "The other agency", example = "FR-DGPN") @RequestParam(name = "agency",
                                  required = false) String agency) {
        return new RequestRecipients(agency, requests.recipients(Callers.of(jwt), agency).stream()
                .map(c -> Pem.certificates(List.of(c))).toList());
    }

    @Operation(summary = "One request with its thread", description = "For an analyst of either agency: the sealed "
            + "messages and the certificates to seal the next one for. Audited as a consultation.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The request")
    @ApiResponse(responseCode = "404", description = "No request of the caller's agency (REQUEST_NOT_FOUND)")
    @GetMapping(path = "/api/v1/requests/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    InformationRequestView readRequest(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        Caller caller = Callers.of(jwt);
        InformationRequest request = requests.read(caller, id);
        String other = request.side(caller.agency()) == InformationRequest.Side.REQUESTER ? request.holderAgency()
                : request.requesterAgency();
        return InformationRequestView.of(request, caller.agency(), clock.instant(), true, requests.recipients(caller, other));
    }

    @Operation(summary = "Take a request", description = "A holder's analyst takes it: IN_PROGRESS, assigned to them.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The request")
    @ApiResponse(responseCode = "404", description = "No request of the caller's agency (REQUEST_NOT_FOUND)")
    @ApiResponse(responseCode = "409", description = "Not the holder, or the request is closed (STEP_REFUSED), or "
            + "another step was logged first (CHANGED_MEANWHILE)")
    @PostMapping(path = "/api/v1/requests/{id}/assignment", produces = MediaType.APPLICATION_JSON_VALUE)
    InformationRequestView takeRequest(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        Caller caller = Callers.of(jwt);
        return InformationRequestView.of(requests.assign(caller, id), caller.agency(), clock.instant(), false, List.of());
    }

    @Operation(summary = "Write on a request", description = "The holder replies (ANSWERED), asks back (ANSWERED), "
            + "refuses (REFUSED) or releases (RELEASED: the notice named, whose current version lists the requester in "
            + "releasableTo); the requester follows up (IN_PROGRESS). Audited on the sender's side with the other as "
            + "recipient.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The request after the step")
    @ApiResponse(responseCode = "400", description = "No step or envelope; a release without its notice")
    @ApiResponse(responseCode = "404", description = "No request of the caller's agency (REQUEST_NOT_FOUND)")
    @ApiResponse(responseCode = "409", description = "A step the caller's side or the request's state does not allow "
            + "(STEP_REFUSED), a release whose notice does not list the requester yet (NOT_RELEASED_YET) or is in a region "
            + "the requester is not registered for (NOT_IN_REQUESTER_REGIONS), a full thread (THREAD_FULL)")
    @ApiResponse(responseCode = "422", description = "The envelope is not for the two agencies only, or the notice "
            + "released is not the one asked about")
    @PostMapping(path = "/api/v1/requests/{id}/messages", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    InformationRequestView writeOnRequest(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody NewThreadMessage body) {
        Caller caller = Callers.of(jwt);
        NewThreadMessage message = body == null ? new NewThreadMessage(null, null, null) : body;
        return InformationRequestView.of(requests.message(caller, id, message.step(), message.envelope(), message.noticeId()),
                caller.agency(), clock.instant(), false, List.of());
    }
}
