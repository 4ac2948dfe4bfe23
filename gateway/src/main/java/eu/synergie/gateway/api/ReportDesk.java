package eu.synergie.gateway.api;

import eu.synergie.core.Refusal;
import eu.synergie.core.envelope.DeskEnvelopes;
import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.notice.ProtectedRole;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.reports.Report;
import eu.synergie.core.reports.ReportContent;
import eu.synergie.core.reports.ReportRefusedException;
import eu.synergie.core.reports.ReportStatus;
import eu.synergie.core.reports.Reports;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.gateway.audit.ConsultationAudit;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The partner channel (issue 18, part 3), for the API and the web UI alike: a partner's report is sealed the moment
 * it arrives ({@link DeskEnvelopes}: for the region's triage desk and the addressee agency's own certificates) and kept
 * only so; the partner follows its status and reads the messages the addressee chose to send back; an analyst of the
 * addressee (or, for a desk, of the region) reads it, audited with the purpose, writes back, makes a notice of it (a
 * draft whose people the agency's own tooling pseudonymises before sealing) or closes it with a reason. Who may do what
 * is {@link AccessPolicy}'s; a report someone may not see is not found, exactly like one that does not exist.
 */
@Component
public class ReportDesk {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int LIST_LIMIT = 200;

    private final Reports reports;
    private final DeskEnvelopes envelopes;
    private final TrustRegistry trust;
    private final AccessPolicy policy;
    private final NoticeIndex index;
    private final ConsultationAudit audit;
    private final Clock clock;

    ReportDesk(Reports reports, DeskEnvelopes envelopes, TrustRegistry trust, AccessPolicy policy, NoticeIndex index,
               ConsultationAudit audit, Clock clock) {
        this.reports = reports;
        this.envelopes = envelopes;
        this.trust = trust;
        this.policy = policy;
        this.index = index;
        this.audit = audit;
        this.clock = clock;
    }

    /** A report as its reporter follows it: its own content, the status, the thread (opened). */
    public record Followed(Report report, ReportContent content, List<Said> messages) {
    }

    /** A report as an analyst of the addressee reads it: the content opened, and its thread so far. */
    public record Opened(Report report, ReportContent content, List<Said> messages) {
    }

    /**
     * A message of a report's thread, opened.
     *
     * @param from the addressee's agency that wrote it, or {@value #REPORTER} (an anonymous reporter's answer)
     */
    public record Said(String from, Instant at, String text) {
    }

    /** Who wrote a message the reporter sent. */
    public static final String REPORTER = "reporter";

    /**
     * Sends {@code content} from {@code partner} about {@code region}, to {@code addressee} (an agency of that region) or
     * to the region's triage desk (null).
     */
    public Report submit(Caller partner, String region, String addressee, ReportContent content) {
        if (!policy.decideReportOwner(partner, partner.subject()).permitted()) {
            throw new ReportRefusedException(Refusal.Kind.FORBIDDEN, "NOT_A_PARTNER", "reports are sent by partner accounts");
        }
        if (region != null && !partner.regions().contains(region)) {
            throw ReportRefusedException.invalid("region must be one of the regions your account may report about");
        }
        if (content.consent() == null) {
            throw ReportRefusedException.invalid("consent is required");
        }
        String to = addresseeOf(region, addressee);
        Report report = store(partner.agency(), partner.subject(), region, to, content, null);
        audit.reportSubmitted(partner, report.id(), to == null ? "desk:" + region : to);
        return report;
    }

    /**
     * An anonymous report (the whistle-blower channel): the same checks and sealing as a partner's, no account; kept
     * under {@code lookup} (the keyed hash of its receipt code) with {@code secret} (its passphrase's hash).
     */
    Report submitAnonymously(String region, String addressee, ReportContent content, String lookup, String secret) {
        return store(Report.ANONYMOUS, lookup, region, addresseeOf(region, addressee), content, secret);
    }

    private Report store(String organisation, String reporter, String region, String to, ReportContent content,
                         String secret) {
        Instant now = clock.instant();
        String id = "rep-" + UUID.randomUUID();
        byte[] sealed = seal(region, new SealedPart(id, to, SealedPart.CONTENT, 0, reporter,
                new String(content.toJson(), StandardCharsets.UTF_8)));
        Report report = new Report(id, organisation, reporter, region, to, now, ReportStatus.RECEIVED, now, null, null,
                sealed, List.of(), secret, 0);
        reports.add(report);
        return report;
    }

    /**
     * What is sealed: a part of a report with what it belongs to (the report, its addressee, which part, its place in
     * the thread, who wrote it), checked when it is opened, so that an envelope moved into another report, a report
     * readdressed in the store, or a message moved in its thread or given another author, does not open as if it were
     * there (every envelope has the same signer; the region is bound by its key).
     */
    record SealedPart(String report, String addressee, String part, int index, String from, String body) {
        static final String CONTENT = "content";
        static final String MESSAGE = "message";
    }

    /** The agency a report is for (null: the region's desk), checked against the region, before anything is taken. */
    String addresseeOf(String region, String addressee) {
        if (region == null || !envelopes.serves(region)) {
            throw ReportRefusedException.invalid("region must be a region of this exchange");
        }
        String to = addressee == null || addressee.isBlank() ? null : addressee.strip();
        if (to != null && trust.agency(to).filter(a -> a.regions().contains(region)
                && a.status() == eu.synergie.core.trust.AgencyStatus.ACTIVE).isEmpty()) {
            throw ReportRefusedException.invalid("addressee must be an agency of region " + region + ", or none for its"
                    + " triage desk");
        }
        return to;
    }

    /** The reports {@code partner} sent, newest first, with their status (their content is not opened for a list). */
    public List<Report> sent(Caller partner) {
        if (!policy.decideReportOwner(partner, partner.subject()).permitted()) {
            return List.of();
        }
        return reports.sentBy(partner.subject(), LIST_LIMIT);
    }

    /** One report of {@code partner}'s, opened for its reporter: what it wrote, where it stands, what came back. */
    public Followed follow(Caller partner, String id) {
        Report report = reports.find(id).filter(r -> policy.decideReportOwner(partner, r.reporter()).permitted())
                .orElseThrow(ReportRefusedException::notFound);
        return new Followed(report, content(report), messages(report));
    }

    /** The analyst's inbox: the reports for its agency and its regions' desks, newest first, without their content. */
    public List<Report> inbox(Caller analyst) {
        if (analyst.agency() == null || !policy.decideReportTriage(analyst, analyst.agency(), null).permitted()) {
            return List.of();
        }
        return reports.inbox(analyst.agency(), analyst.regions(), LIST_LIMIT).stream()
                .filter(r -> policy.decideReportTriage(analyst, r.addressee(), r.region()).permitted()).toList();
    }

    /** Opens a report for an analyst of its addressee, audited with {@code purpose}; the first reading puts it in review. */
    public Opened open(Caller analyst, String purpose, String id) {
        String why = NoticeReading.requirePurpose(purpose);
        Report report = triaged(analyst, id);
        ReportContent content = content(report);
        audit.reportRead(analyst, why, report.id(), report.organisation());
        if (report.status() == ReportStatus.RECEIVED) {
            report = change(analyst, id, r -> r.status() == ReportStatus.RECEIVED
                    ? r.withStatus(ReportStatus.IN_REVIEW, clock.instant(), analyst.subject(), null) : r);
        }
        return new Opened(report, content, messages(report));
    }

    /** A message of the analyst's agency to the reporter, sealed like the report. */
    public Report message(Caller analyst, String id, String text) {
        String message = messageText(text);
        Report report = triaged(analyst, id);
        Report changed = change(analyst, id, r -> r.withMessage(sealed(analyst, r, message)));
        audit.reportTriaged(analyst, report.id(), report.organisation(), null, "report-message");
        return changed;
    }

    /** Closes the report with {@code reason}, which the reporter reads as the last message. */
    public Report close(Caller analyst, String id, String reason) {
        String message = messageText(reason);
        Report report = triaged(analyst, id);
        Report changed = change(analyst, id, r -> {
            requireOpen(r);
            return r.withMessage(sealed(analyst, r, message)).withStatus(ReportStatus.CLOSED, clock.instant(),
                    analyst.subject(), null);
        });
        audit.reportTriaged(analyst, report.id(), report.organisation(), null, "report-closed");
        return changed;
    }

    /**
     * Records that the analyst's agency made notice {@code noticeId} of the report: a notice of that agency the analyst
     * may read (published by its feed, its people pseudonymised by the agency's tooling).
     */
    public Report actioned(Caller analyst, String id, String noticeId) {
        Report report = triaged(analyst, id);
        UUID notice = NoticeReading.noticeId(noticeId);
        FetchedNotice fetched = index.fetch(notice, policy.scopeOf(analyst))
                .filter(n -> n.notice().originAgency().equals(analyst.agency()))
                .orElseThrow(() -> ReportRefusedException.invalid("noticeId must be a notice of your agency that you may read"));
        Report changed = change(analyst, id, r -> {
            requireOpen(r);
            return r.withStatus(ReportStatus.ACTIONED, clock.instant(), analyst.subject(), fetched.notice().noticeId().toString());
        });
        audit.reportTriaged(analyst, report.id(), report.organisation(), notice.toString(), "report-actioned");
        return changed;
    }

    /**
     * A notice draft of the report for the analyst's agency (JSON, DESIGN.md "Notice"): its people as PERSON entities,
     * the protected ones (victim, witness…) with the agency's local id for them (the report's id and their place in
     * it), which {@code synergie seal} and {@code push} replace by the pseudonym before anything leaves the agency.
     * Audited as a reading; the agency completes type, markings and case reference.
     */
    public String draft(Caller analyst, String purpose, String id) {
        Opened opened = open(analyst, purpose, id);
        ReportContent c = opened.content();
        ObjectNode notice = JSON.createObjectNode();
        notice.put("noticeId", UUID.randomUUID().toString());
        notice.put("originAgency", analyst.agency());
        notice.put("region", opened.report().region());
        notice.put("type", "TRAFFICKING_HUMAN_BEINGS");
        notice.put("title", "Signalement " + opened.report().organisation() + " — " + truncate(c.where(), 80));
        notice.put("summary", truncate(c.what() + " (" + c.when() + ")", 4000));
        notice.put("language", "fr");
        notice.put("classification", "RESTRICTED");
        notice.put("handlingCode", "H1");
        notice.put("tlp", "AMBER");
        notice.putArray("releasableTo");
        notice.put("dissemination", "POINTER");
        notice.put("caseRef", opened.report().id());
        ArrayNode entities = notice.putArray("entities");
        boolean victimsShared = c.consent() == null || c.consent().victimAgreesToShare();
        if (!victimsShared) {
            notice.put("handlingNote", "Victime(s) du signalement " + opened.report().id() + " non reprise(s) : pas d'accord"
                    + " pour le partage.");
        }
        for (int i = 0; i < c.people().size(); i++) {
            ReportContent.Person p = c.people().get(i);
            if (!victimsShared && p.role() == ProtectedRole.VICTIM) {
                continue;   // the victim did not agree that this reaches law enforcement beyond the addressee
            }
            ObjectNode person = entities.addObject().put("kind", "PERSON").put("value", p.name());
            if (p.role() != null) {
                person.putObject("protection").put("role", p.role().name()).put("localId", opened.report().id() + "-" + (i + 1));
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(notice);
    }

    private Report triaged(Caller analyst, String id) {
        return reports.find(id).filter(r -> policy.decideReportTriage(analyst, r.addressee(), r.region()).permitted())
                .orElseThrow(ReportRefusedException::notFound);
    }

    /** Reads, changes, and writes back at the revision read; a concurrent change is read again (a few times). */
    private Report change(Caller analyst, String id, UnaryOperator<Report> how) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Report current = triaged(analyst, id);
            Report changed = how.apply(current);
            if (changed == current || reports.replace(current, changed)) {
                return changed;
            }
        }
        throw new ReportRefusedException(Refusal.Kind.CONFLICT, "REPORT_BUSY", "the report kept changing; try again");
    }

    private static void requireOpen(Report report) {
        if (report.status().closed()) {
            throw new ReportRefusedException(Refusal.Kind.CONFLICT, "REPORT_CLOSED", "the report is "
                    + report.status().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private Report.Message sealed(Caller analyst, Report report, String text) {
        return new Report.Message(clock.instant(), analyst.agency(), analyst.subject(),
                sealMessage(report, analyst.agency(), text));
    }

    /** The next message of the report's thread, from {@code agency} (null: the reporter), sealed as the report is. */
    byte[] sealMessage(Report report, String agency, String text) {
        return seal(report.region(), new SealedPart(report.id(), report.addressee(), SealedPart.MESSAGE,
                report.messages().size(), agency == null ? REPORTER : agency, text));
    }

    private byte[] seal(String region, SealedPart part) {
        return envelopes.seal(JSON.writeValueAsBytes(part), region, part.addressee() == null ? List.of()
                : AgencyCertificates.current(trust, part.addressee(), clock.instant()));
    }

    private SealedPart open(Report report, byte[] envelope, String part, int index, String from) {
        SealedPart opened = JSON.readValue(envelopes.open(envelope, report.region()), SealedPart.class);
        if (!report.id().equals(opened.report()) || !java.util.Objects.equals(report.addressee(), opened.addressee())
                || !part.equals(opened.part()) || opened.index() != index || !java.util.Objects.equals(from, opened.from())) {
            throw new IllegalStateException("a sealed " + part + " of report " + opened.report() + " stands in report "
                    + report.id() + ": the store was tampered with");
        }
        return opened;
    }

    /** The report's content, opened. */
    ReportContent content(Report report) {
        return ReportContent.fromJson(open(report, report.envelope(), SealedPart.CONTENT, 0, report.reporter()).body()
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The report's thread, opened, oldest first. */
    List<Said> messages(Report report) {
        List<Said> said = new ArrayList<>();
        for (int i = 0; i < report.messages().size(); i++) {
            Report.Message m = report.messages().get(i);
            String from = m.agency() == null ? REPORTER : m.agency();
            said.add(new Said(from, m.at(), open(report, m.envelope(), SealedPart.MESSAGE, i, from).body()));
        }
        return said;
    }

    static String messageText(String text) {
        if (text == null || text.isBlank() || text.length() > 4000) {
            throw ReportRefusedException.invalid("the message must be 1 to 4000 characters");
        }
        return text.strip();
    }

    private static String truncate(String text, int max) {
        Objects.requireNonNull(text);
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
