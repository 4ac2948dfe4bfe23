package eu.synergie.gateway.audit;

import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditLog;
import eu.synergie.core.audit.AuditOutcome;
import eu.synergie.core.index.ExpiredNotice;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.index.NoticeSummary;
import eu.synergie.core.index.SearchResult;
import eu.synergie.core.intake.Published;
import eu.synergie.core.policy.Caller;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The gateway's side of the audit log (Directive 2016/680, Art. 25): turns what the API did into
 * {@link AuditEvent}s — who, for which agency, why, what was asked, which notice ids came back — and
 * appends them to the hash-chained log. Never notice content, never tokens.
 * <p>
 * Each method is called before the response is sent: when the log cannot take the event it throws
 * {@link eu.synergie.core.audit.AuditUnavailableException} and the caller answers 503 instead of
 * delivering what it could not record.
 */
public class ConsultationAudit {

    private final AuditLog log;
    private final Clock clock;

    public ConsultationAudit(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** Collection: a feed's notice is in the log. */
    public void published(Caller feed, Published published) {
        published(feed, List.of(published));
    }

    /** Collection: a feed's notices are in the log; one record names them all, in the order they were sent. */
    public void published(Caller feed, List<Published> published) {
        append(AuditAction.PUBLISH, feed.subject(), feed.agency(), null, null,
                published.stream().map(p -> p.noticeId().toString()).toList(), List.of(), null);
    }

    /** Consultation: a search, its query and the ids it returned (in the order returned). */
    public void searched(Caller analyst, String purpose, NoticeQuery query, SearchResult result) {
        append(AuditAction.SEARCH, analyst.subject(), analyst.agency(), purpose,
                new AuditEvent.Query(query.text(), parameters(query, result), result.total()),
                result.hits().stream().map(NoticeSummary::noticeId).map(UUID::toString).toList(), List.of(), null);
    }

    /** The query as asked, beside its text: filters, sort, page size, and whether it continued a cursor. */
    private static Map<String, String> parameters(NoticeQuery query, SearchResult result) {
        Map<String, String> p = new java.util.TreeMap<>();
        if (!result.expanded().isEmpty()) {
            // What else was searched: the concepts whose labels in other languages widened the text.
            p.put("expanded", result.expanded().stream().map(t -> t.concept()).collect(java.util.stream.Collectors.joining(",")));
        }
        p.put("size", String.valueOf(query.size()));
        p.put("sort", query.sort().name());
        if (query.exactTotal()) {
            p.put("count", "exact");
        }
        if (result.totalIsLowerBound()) {
            // The total is where counting stopped: at least that many matched.
            p.put("total", "at-least");
        }
        if (query.cursor() != null) {
            p.put("page", "continued");
        }
        eu.synergie.core.index.NoticeFilters f = query.filters();
        put(p, "type", f.types());
        put(p, "agency", f.agencies());
        put(p, "region", f.regions());
        put(p, "classification", f.classifications());
        put(p, "tlp", f.tlps());
        put(p, "handlingCode", f.handlingCodes());
        if (f.issuedFrom() != null) {
            p.put("from", f.issuedFrom().toString());
        }
        if (f.issuedTo() != null) {
            p.put("to", f.issuedTo().toString());
        }
        if (f.entityKind() != null) {
            p.put("entity", f.entityKind().name() + ":" + f.entityValue());
        }
        return p;
    }

    private static void put(Map<String, String> parameters, String name, java.util.Set<?> values) {
        if (!values.isEmpty()) {
            parameters.put(name, values.stream().map(String::valueOf).sorted().collect(java.util.stream.Collectors.joining(",")));
        }
    }

    /** Consultation: one notice opened. */
    /**
     * Consultation: an asset tracing, audited as a search: what was traced (the notice and the entity's ref), how (depth,
     * currency, rate date), and every notice it read, in the order read.
     */
    public void traced(Caller analyst, String purpose, eu.synergie.core.assets.AssetTrace trace) {
        Map<String, String> parameters = new java.util.TreeMap<>(Map.of("view", "asset-tracing",
                "depth", String.valueOf(trace.depth()), "currency", trace.currency().getCurrencyCode(),
                "rateDate", trace.rateDate().toString(), "pointers", String.valueOf(trace.pointers().size())));
        append(AuditAction.SEARCH, analyst.subject(), analyst.agency(), purpose,
                new AuditEvent.Query("assets of " + trace.subject().noticeId() + "#" + trace.subject().ref(), parameters,
                        trace.read().size()),
                trace.read().stream().map(UUID::toString).toList(), List.of(), null);
        if (!trace.pointedAt().isEmpty()) {
            // Each pointer tells the analyst's agency that another agency holds something: a disclosure, as a hit is.
            disclosed(analyst.subject(), analyst.agency(), purpose, trace.pointedAt(),
                    analyst.agency() == null ? List.of() : List.of(analyst.agency()));
        }
    }

    /**
     * Consultation: a graph of the network behind the notices, audited as a search: from what, how far, and every notice
     * it shows, in the order read; each pointer a disclosure to the caller's agency, as for a trace.
     */
    public void graphed(Caller analyst, String purpose, eu.synergie.core.graph.Graph graph, int nodeLimit) {
        Map<String, String> parameters = new java.util.TreeMap<>(Map.of("view", "graph",
                "depth", String.valueOf(graph.depth()), "nodes", String.valueOf(nodeLimit),
                "pointers", String.valueOf(graph.pointedAt().size()), "truncated", String.valueOf(graph.truncated())));
        append(AuditAction.SEARCH, analyst.subject(), analyst.agency(), purpose,
                new AuditEvent.Query("graph of " + graph.start(), parameters, graph.read().size()),
                graph.read().stream().map(UUID::toString).toList(), List.of(), null);
        if (!graph.pointedAt().isEmpty()) {
            disclosed(analyst.subject(), analyst.agency(), purpose, graph.pointedAt(),
                    analyst.agency() == null ? List.of() : List.of(analyst.agency()));
        }
    }

    /**
     * Consultation: trends read, audited as a search: aggregates only, so no notice is listed; what was counted (the
     * period, how many series, rises and emerging values) is.
     */
    public void trendsRead(Caller analyst, String purpose, eu.synergie.core.trends.TrendReport report) {
        Map<String, String> parameters = new java.util.TreeMap<>(Map.of("view", "trends", "period", report.period().name(),
                "judged", report.judged(), "series", String.valueOf(report.series().size()),
                "rises", String.valueOf(report.rises().size()), "emerging", String.valueOf(report.emerging().size())));
        append(AuditAction.SEARCH, analyst.subject(), analyst.agency(), purpose,
                new AuditEvent.Query("trends", parameters, 0), List.of(), List.of(), null);
    }

    /** Consultation: the replies to an asset-tracing request, audited as a search returning them. */
    public void listedReplies(Caller analyst, String purpose, UUID requestId, List<UUID> replies) {
        append(AuditAction.SEARCH, analyst.subject(), analyst.agency(), purpose,
                new AuditEvent.Query("replies to " + requestId, Map.of("view", "tracing-replies"), replies.size()),
                replies.stream().map(UUID::toString).toList(), List.of(), null);
    }

    /**
     * Disclosure: an asset tracing exported (CSV or XLSX) to the analyst's own agency's file. What leaves the exchange is
     * what the trace read, so those are the notices disclosed; the recipient is the analyst's agency, on whose behalf the
     * analyst acts. {@code change} carries the description, as for the other events without a query.
     */
    public void assetsExported(Caller analyst, String purpose, eu.synergie.core.assets.AssetTrace trace, String format) {
        append(AuditAction.DISCLOSURE, analyst.subject(), analyst.agency(), purpose, null,
                java.util.stream.Stream.concat(trace.read().stream(), trace.pointedAt().stream()).distinct()
                        .map(UUID::toString).toList(),
                analyst.agency() == null ? List.of() : List.of(analyst.agency()),
                "asset tracing export (" + format + ") of " + trace.subject().noticeId() + "#" + trace.subject().ref());
    }

    public void opened(Caller analyst, String purpose, UUID noticeId) {
        append(AuditAction.OPEN, analyst.subject(), analyst.agency(), purpose, null, List.of(noticeId.toString()), List.of(), null);
    }

    /**
     * Consultation: a TAXII read of a collection ({@code read}: {@code objects}, {@code manifest}, {@code object} or
     * {@code versions}), with its parameters, how many objects it returned and the notices they came from (in order).
     */
    public void taxiiRead(Caller client, String purpose, String read, String region, Map<String, String> parameters,
                          long returned, List<UUID> noticeIds) {
        Map<String, String> filters = new java.util.TreeMap<>(parameters);
        filters.put("read", read);
        filters.put("collection", region);
        append(AuditAction.TAXII_READ, client.subject(), client.agency(), purpose, new AuditEvent.Query("", filters, returned),
                noticeIds.stream().map(UUID::toString).toList(), List.of(), null);
    }

    /** Consultation: a notice's original envelope downloaded. */
    public void envelopeDownloaded(Caller analyst, String purpose, UUID noticeId) {
        append(AuditAction.ENVELOPE_DOWNLOAD, analyst.subject(), analyst.agency(), purpose, null, List.of(noticeId.toString()),
                List.of(), null);
    }

    /**
     * Disclosure: notices made known to other agencies (an alert on a watchlist or a cross-agency hit).
     *
     * @param subject    who or what disclosed, e.g. {@code system:matcher}
     * @param agency     the agency on whose behalf (the originator of the notices)
     * @param purpose    why: the watchlist or case reference that matched
     * @param recipients the agencies that received it
     */
    public void disclosed(String subject, String agency, String purpose, Collection<UUID> noticeIds, Collection<String> recipients) {
        append(AuditAction.DISCLOSURE, subject, agency, purpose, null, noticeIds.stream().map(UUID::toString).toList(),
                List.copyOf(recipients), null);
    }

    /** A trust change: {@code action} names it (e.g. {@code region-granted}), {@code subject} its target (codes, serials). */
    public void trustChanged(Caller admin, String action, String subject) {
        append(AuditAction.TRUST_CHANGE, admin.subject(), admin.agency(), null, null, List.of(), List.of(), action + " " + subject);
    }

    /** An access change in the identity provider: {@code change} names it and its target (user or client ids, roles). */
    public void accessChanged(Caller admin, String change) {
        append(AuditAction.ACCESS_CHANGE, admin.subject(), admin.agency(), null, null, List.of(), List.of(), change);
    }

    /**
     * Disclosure by the matcher: a hit told {@code alert.recipientAgency()} about another agency's notice
     * (named or as a pointer alike: either way its existence is disclosed).
     */
    public void disclosed(eu.synergie.core.matching.Alert.Hit hit) {
        disclosed("system:matcher", hit.otherAgency(), "cross-agency hit on " + hit.entityKind(), List.of(hit.otherNoticeId()),
                List.of(hit.recipientAgency()));
    }

    /** Consultation: alerts shown to an analyst (a list, or one pushed on the live stream). */
    public void alertsShown(Caller analyst, List<String> alertIds) {
        if (!alertIds.isEmpty()) {
            append(AuditAction.ALERT_VIEW, analyst.subject(), analyst.agency(), null, null, List.of(), List.of(),
                    "alerts " + String.join(",", alertIds));
        }
    }

    /** An analyst's watchlist created or deleted. */
    public void watchlistChanged(Caller analyst, String change) {
        append(AuditAction.WATCHLIST_CHANGE, analyst.subject(), analyst.agency(), null, null, List.of(), List.of(), change);
    }

    /** Erasure: an expired notice removed from the index by the retention sweep. */
    public void expired(ExpiredNotice notice) {
        append(AuditAction.ERASURE, "system:retention", notice.originAgency(), null, null, List.of(notice.noticeId().toString()),
                List.of(), notice.region() == null ? "expired" : "expired from region " + notice.region());
    }

    /**
     * A reveal request on the requester's side (the owning agency's side is the approval request's own audit): who
     * asked whom about which protected person of which notice, for which case.
     */
    public void revealRequested(Caller analyst, String purpose, UUID noticeId, String ownerAgency, String requestId,
                                String pseudonym) {
        append(AuditAction.REVEAL_REQUEST, analyst.subject(), analyst.agency(), purpose, null, List.of(noticeId.toString()),
                List.of(ownerAgency), "reveal-requested " + requestId + " " + pseudonym);
    }

    /** The requester fetched the answer to a reveal request (an envelope the exchange cannot open). */
    public void revealRead(Caller analyst, String purpose, String noticeId, String ownerAgency, String requestId) {
        append(AuditAction.REVEAL_READ, analyst.subject(), analyst.agency(), purpose, null, List.of(noticeId),
                List.of(ownerAgency), "reveal-answer-read " + requestId);
    }

    /** A partner sent a report to {@code addressee} (an agency, or {@code desk:<region>}); its content is not audited. */
    public void reportSubmitted(Caller partner, String reportId, String addressee) {
        append(AuditAction.REPORT_SUBMIT, partner.subject(), partner.agency(), null, null, List.of(), List.of(addressee),
                "report-submitted " + reportId);
    }

    /** Someone sent a report anonymously (the whistle-blower form): nothing of who, only to whom. */
    public void reportSubmittedAnonymously(String reportId, String addressee) {
        append(AuditAction.REPORT_SUBMIT, "anonymous", null, null, null, List.of(), List.of(addressee),
                "report-submitted " + reportId);
    }

    /** The anonymous reporter answered in the report's thread. */
    public void reportAnsweredAnonymously(String reportId, String addressee) {
        append(AuditAction.REPORT_TRIAGE, "anonymous", null, null, null, List.of(), List.of(addressee),
                "report-answered " + reportId);
    }

    /** An analyst of the addressee opened a report. */
    public void reportRead(Caller analyst, String purpose, String reportId, String organisation) {
        append(AuditAction.REPORT_READ, analyst.subject(), analyst.agency(), purpose, null, List.of(), List.of(organisation),
                "report-read " + reportId);
    }

    /** The addressee messaged the reporter, closed the report or recorded the notice made of it ({@code change} says which). */
    public void reportTriaged(Caller analyst, String reportId, String organisation, String noticeId, String change) {
        append(AuditAction.REPORT_TRIAGE, analyst.subject(), analyst.agency(), null, null,
                noticeId == null ? List.of() : List.of(noticeId), List.of(organisation), change + " " + reportId);
    }

    /**
     * An analyst sent a request for information to {@code holder}: its purpose (the requester's case reference), the
     * notice it is about if the requester may name one, never its text (sealed, and not the exchange's to read).
     */
    public void requestOpened(Caller analyst, String purpose, String requestId, java.util.UUID noticeId, String holder) {
        append(AuditAction.REQUEST_OPEN, analyst.subject(), analyst.agency(), purpose, null,
                noticeId == null ? List.of() : List.of(noticeId.toString()), List.of(holder), "request-opened " + requestId);
    }

    /**
     * A step of a request for information by one of its parties, sent to the other (the recipient); {@code purpose} is
     * the requester's case reference on its side and the request itself on the holder's.
     */
    public void requestStep(Caller analyst, String purpose, String requestId, String step, java.util.UUID noticeId,
                            String otherParty) {
        append(AuditAction.REQUEST_STEP, analyst.subject(), analyst.agency(), purpose, null,
                noticeId == null ? List.of() : List.of(noticeId.toString()), List.of(otherParty),
                "request-" + step + " " + requestId);
    }

    /** An analyst of either party read a request's thread (envelopes only their agency opens). */
    public void requestRead(Caller analyst, String purpose, String requestId, String otherParty) {
        append(AuditAction.REQUEST_READ, analyst.subject(), analyst.agency(), purpose, null, List.of(), List.of(otherParty),
                "request-read " + requestId);
    }

    /** A request for information expired unclosed; both parties are its recipients. */
    public void requestExpired(String requestId, String requester, String holder) {
        append(AuditAction.REQUEST_EXPIRY, "exchange", null, null, null, List.of(), List.of(requester, holder),
                "request-expired " + requestId);
    }

    private void append(AuditAction action, String subject, String agency, String purpose, AuditEvent.Query query,
                        List<String> noticeIds, List<String> recipients, String change) {
        log.append(new AuditEvent(clock.instant(), action, subject, agency, purpose, query, noticeIds, recipients, change,
                AuditOutcome.SUCCESS));
    }
}
