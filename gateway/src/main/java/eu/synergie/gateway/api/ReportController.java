package eu.synergie.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.synergie.core.reports.Report;
import eu.synergie.core.reports.ReportContent;
import eu.synergie.gateway.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * The partner channel on the API: partners send reports and follow them ({@code /api/v1/reports}, role
 * {@code partner-reporter}); analysts of the addressee triage them ({@code /api/v1/report-inbox}, role {@code analyst}).
 */
@Tag(name = "Partner reports", description = "Reports of partner organisations (NGOs) to an agency or a region's triage "
        + "desk, kept only sealed; their triage by the addressee")
@RestController
class ReportController {

    private final ReportDesk desk;

    ReportController(ReportDesk desk) {
        this.desk = desk;
    }

    /**
     * @param addressee the agency it is for; absent for the region's triage desk
     * @param people    the people involved; {@code role} VICTIM, WITNESS, WHISTLEBLOWER or INFORMANT protects them in any
     *                  notice made of the report
     */
    record ReportRequest(String region, String addressee, String what, String where, String when,
                         List<PersonRequest> people, ConsentRequest consent) {
    }

    /** What the people concerned agreed to; a flag left out is a no. */
    record ConsentRequest(Boolean victimAgreesToShare, Boolean contactAllowed) {
    }

    /** Read as given, then checked with the report (so that a missing name is a 422 naming the field). */
    record PersonRequest(String name, eu.synergie.core.notice.ProtectedRole role, String details) {
    }

    /**
     * @param status       {@code RECEIVED}, {@code IN_REVIEW}, {@code ACTIONED} or {@code CLOSED}
     * @param noticeId     the notice the addressee made of it (ACTIONED)
     * @param messages     how many messages the addressee sent back
     */
    record ReportView(String id, String organisation, String region,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String addressee, Instant submittedAt, String status,
                      Instant statusAt, @JsonInclude(JsonInclude.Include.NON_NULL) String noticeId, int messages) {

        static ReportView of(Report r) {
            return new ReportView(r.id(), r.organisation(), r.region(), r.addressee(), r.submittedAt(), r.status().name(),
                    r.statusAt(), r.noticeId(), r.messages().size());
        }
    }

    /** A report opened: where it stands, what it says, and the messages sent back (oldest first). */
    record ReportDetails(ReportView report, ReportContent content, List<ReportDesk.Said> messages) {
    }

    record MessageRequest(String text) {
    }

    record ClosureRequest(String reason) {
    }

    record ActionedRequest(String noticeId) {
    }

    @Operation(summary = "Send a report", description = "What happened, where, when, the people involved and the "
            + "consent given, to an agency of the region or to the region's triage desk. Sealed the moment it arrives "
            + "(CMS, signed by the exchange, encrypted to the region's desk key and to the addressee's certificates) and "
            + "kept only so; never logged. The partner then follows its status and the messages sent back.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "partner-reporter")
    @ApiResponse(responseCode = "201", description = "Received")
    @ApiResponse(responseCode = "422", description = "A field missing or too long, an unknown region, or an addressee "
            + "that is not an agency of the region (INVALID_REPORT; the field is named, never its value)")
    @PostMapping(path = "/api/v1/reports", consumes = "application/json", produces = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    ReportView submit(@AuthenticationPrincipal Jwt jwt, @RequestBody ReportRequest request) {
        ReportContent content = new ReportContent(request.what(), request.where(), request.when(),
                request.people() == null ? List.of() : request.people().stream()
                        .map(p -> new ReportContent.Person(p.name(), p.role(), p.details())).toList(),
                request.consent() == null ? null : new ReportContent.Consent(Boolean.TRUE.equals(request.consent().victimAgreesToShare()),
                        Boolean.TRUE.equals(request.consent().contactAllowed())));
        return ReportView.of(desk.submit(Callers.of(jwt), request.region(), request.addressee(), content));
    }

    @Operation(summary = "My reports", description = "The reports the caller sent, newest first, with their status.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "partner-reporter")
    @ApiResponse(responseCode = "200", description = "The caller's reports")
    @GetMapping(path = "/api/v1/reports", produces = "application/json")
    List<ReportView> sent(@AuthenticationPrincipal Jwt jwt) {
        return desk.sent(Callers.of(jwt)).stream().map(ReportView::of).toList();
    }

    @Operation(summary = "One of my reports", description = "What the caller wrote, where it stands, and the messages "
            + "the addressee sent back.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "partner-reporter")
    @ApiResponse(responseCode = "200", description = "The report")
    @ApiResponse(responseCode = "404", description = "No report of the caller's with this id (REPORT_NOT_FOUND)")
    @GetMapping(path = "/api/v1/reports/{id}", produces = "application/json")
    ReportDetails follow(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        ReportDesk.Followed followed = desk.follow(Callers.of(jwt), id);
        return new ReportDetails(ReportView.of(followed.report()), followed.content(), followed.messages());
    }

    @Operation(summary = "The report inbox", description = "The reports for the caller's agency and for the triage desks "
            + "of the caller's regions, newest first, without their content.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The inbox")
    @GetMapping(path = "/api/v1/report-inbox", produces = "application/json")
    List<ReportView> inbox(@AuthenticationPrincipal Jwt jwt) {
        return desk.inbox(Callers.of(jwt)).stream().map(ReportView::of).toList();
    }

    @Operation(summary = "Read a report", description = "Opened for an analyst of the addressee (or of the region, for "
            + "a desk), audited with the purpose (REPORT_READ); the first reading puts it IN_REVIEW.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The report")
    @ApiResponse(responseCode = "400", description = "No purpose")
    @ApiResponse(responseCode = "404", description = "No report for the caller with this id (REPORT_NOT_FOUND)")
    @GetMapping(path = "/api/v1/report-inbox/{id}", produces = "application/json")
    ReportDetails read(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
                       @RequestParam(required = false) String purpose) {
        ReportDesk.Opened opened = desk.open(Callers.of(jwt), purpose, id);
        return new ReportDetails(ReportView.of(opened.report()), opened.content(), opened.messages());
    }

    @Operation(summary = "Write to the reporter", description = "A message the reporter reads with the report's status, "
            + "sealed like the report. Audited (REPORT_TRIAGE).")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The report after the message")
    @ApiResponse(responseCode = "404", description = "No report for the caller with this id (REPORT_NOT_FOUND)")
    @ApiResponse(responseCode = "422", description = "An empty or too long message (INVALID_REPORT)")
    @PostMapping(path = "/api/v1/report-inbox/{id}/messages", consumes = "application/json", produces = "application/json")
    ReportView message(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody MessageRequest request) {
        return ReportView.of(desk.message(Callers.of(jwt), id, request.text()));
    }

    @Operation(summary = "Close a report", description = "With a reason, which the reporter reads as the last message. "
            + "Audited (REPORT_TRIAGE).")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The report, CLOSED")
    @ApiResponse(responseCode = "404", description = "No report for the caller with this id (REPORT_NOT_FOUND)")
    @ApiResponse(responseCode = "409", description = "Closed or actioned already (REPORT_CLOSED)")
    @PostMapping(path = "/api/v1/report-inbox/{id}/closure", consumes = "application/json", produces = "application/json")
    ReportView close(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody ClosureRequest request) {
        return ReportView.of(desk.close(Callers.of(jwt), id, request.reason()));
    }

    @Operation(summary = "Record the notice made of a report", description = "A notice of the caller's agency the caller "
            + "may read (made from the draft, its protected people pseudonymised by the agency's tooling, and published "
            + "by its feed). The report is then ACTIONED. Audited (REPORT_TRIAGE).")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The report, ACTIONED")
    @ApiResponse(responseCode = "404", description = "No report for the caller with this id (REPORT_NOT_FOUND)")
    @ApiResponse(responseCode = "409", description = "Closed or actioned already (REPORT_CLOSED)")
    @ApiResponse(responseCode = "422", description = "Not a notice of the caller's agency the caller may read")
    @PostMapping(path = "/api/v1/report-inbox/{id}/notice", consumes = "application/json", produces = "application/json")
    ReportView actioned(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody ActionedRequest request) {
        return ReportView.of(desk.actioned(Callers.of(jwt), id, request.noticeId()));
    }

    @Operation(summary = "A notice draft of a report", description = "Notice JSON for the caller's agency: the report's "
            + "people as PERSON entities, the protected ones with a local id (`protection.localId`) that `synergie seal` "
            + "and `synergie push` replace by the agency's pseudonym before anything leaves the agency. The agency "
            + "completes type, markings and case reference, then publishes it. Audited as a reading (REPORT_READ).")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The draft")
    @ApiResponse(responseCode = "404", description = "No report for the caller with this id (REPORT_NOT_FOUND)")
    @GetMapping(path = "/api/v1/report-inbox/{id}/draft", produces = "application/json")
    String draft(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestParam(required = false) String purpose) {
        return desk.draft(Callers.of(jwt), purpose, id);
    }
}
