package eu.synergie.gateway.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditIndex;
import eu.synergie.core.audit.AuditPage;
import eu.synergie.core.audit.AuditRecord;
import eu.synergie.core.audit.AuditSearch;
import eu.synergie.core.audit.AuditVerifier;
import eu.synergie.crypto.audit.ChainVerification;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The audit log for auditors (role {@code auditor}): searching the records, and verifying that the log's
 * hash chains are intact. Searches read the Elasticsearch copy; verification walks the Kafka log itself.
 */
@RestController
@Tag(name = "Audit", description = "The hash-chained audit log (role auditor)")
@RequestMapping(path = "/api/v1/audit", produces = "application/json")
class AuditController {

    private final AuditIndex index;
    private final AuditVerifier verifier;

    AuditController(AuditIndex index, AuditVerifier verifier) {
        this.index = index;
        this.verifier = verifier;
    }

    /**
     * @param hash     the entry's SHA-256 as chained: keep the latest of each writer elsewhere to anchor the log
     * @param verified whether a checkpoint signed by the exchange covers the entry; false for the latest entries of a
     *                 writer until its next checkpoint (at most {@code synergie.audit.checkpoint-interval}), and for good
     *                 for an entry the exchange did not write (or whose writer was killed before it signed)
     */
    record RecordView(long position, String writer, long sequence, String hash, boolean verified, Instant at, String action,
                      String subject, String agency, String purpose, QueryView query, List<String> noticeIds,
                      List<String> recipients, String change, String outcome) {

        static RecordView of(AuditRecord r) {
            AuditEvent e = r.event();
            return new RecordView(r.position(), r.writer(), r.sequence(), r.hash(), r.verified(), e.at(), e.action().name(),
                    e.subject(), e.agency(), e.purpose(), e.query() == null ? null : new QueryView(e.query().text(),
                    e.query().filters(), e.query().total()), e.noticeIds(), e.recipients(), e.change(), e.outcome().name());
        }
    }

    record QueryView(String text, Map<String, String> filters, long total) {
    }

    record PageView(long total, int page, int size, List<RecordView> records) {
    }

    /**
     * @param ok      whether every entry matches its hash, continues its writer's chain and is covered by the
     *                exchange's signed checkpoints (or is too recent to be yet)
     * @param entries how many entries were read
     * @param chains  how many writers' chains the log holds (when intact)
     * @param broken  the first broken link, when there is one
     * @param defects each chain's first defect and each unreadable entry, by position: at most the first hundred, and
     *                the first of each reason (empty when intact)
     * @param counts  how many defects of each reason the walk found, listed or not (empty when intact)
     */
    record VerificationView(boolean ok, long entries, Integer chains, BrokenLink broken, List<BrokenLink> defects,
                            Map<String, Long> counts) {
    }

    /**
     * @param position the broken entry's offset in the audit topic
     * @param reason   {@code ALTERED}, {@code INSERTED}, {@code REMOVED}, {@code MALFORMED}, {@code FORGED},
     *                 {@code UNSIGNED_TAIL} or {@code TOO_MANY_WRITERS}
     * @param writer   the chain the entry claims to belong to (null when unreadable)
     */
    record BrokenLink(long position, String reason, String writer, String detail) {

        static BrokenLink of(ChainVerification.Defect defect) {
            return new BrokenLink(defect.position(), defect.defect().name(), defect.writer(), defect.detail());
        }
    }

    /** Records matching every criterion given, newest first; {@code from} inclusive, {@code to} exclusive (ISO-8601 instants). */
    @Operation(summary = "Search the audit log", description = "Who consulted, disclosed or changed what, when and why; "
            + "ids and metadata only, never notice content. Criteria combine; newest first.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "auditor")
    @ApiResponse(responseCode = "200", description = "A page of audit records")
    @ApiResponse(responseCode = "400", description = "A criterion that does not parse")
    @GetMapping
    PageView search(@RequestParam(required = false) String subject, @RequestParam(required = false) String agency,
                    @RequestParam(required = false) String noticeId, @RequestParam(required = false) String action,
                    @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        AuditSearch search;
        try {
            search = new AuditSearch(subject, agency, noticeId, action(action), instant("from", from), instant("to", to), page, size);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(e.getMessage());
        }
        AuditPage found = index.search(search);
        return new PageView(found.total(), found.page(), found.size(), found.records().stream().map(RecordView::of).toList());
    }

    /** Walks the whole log from the topic and reports either its size or its defects. */
    @Operation(summary = "Verify the audit hash chain", description = "Walks the audit log in Kafka (the system of "
            + "record) to its end and reports its size, or its defects, the first one apart: each one's offset and whether "
            + "an entry was altered, inserted or removed, is not vouched for by the exchange's signed checkpoints (forged), "
            + "is covered by none (an unsigned tail), or belongs to more writers than a walk follows; at most a hundred "
            + "are listed, and every one is counted by reason.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "auditor")
    @ApiResponse(responseCode = "200", description = "The result of the walk")
    @GetMapping("/verify")
    VerificationView verify() {
        return switch (verifier.verify()) {
            case ChainVerification.Intact intact -> new VerificationView(true, intact.entries(), intact.chains(), null, List.of(),
                    Map.of());
            case ChainVerification.Broken broken -> new VerificationView(false, broken.entries(), null,
                    BrokenLink.of(broken.defects().getFirst()), broken.defects().stream().map(BrokenLink::of).toList(),
                    counts(broken));
        };
    }

    /** Counts by reason, in the order the reasons are declared. */
    private static Map<String, Long> counts(ChainVerification.Broken broken) {
        Map<String, Long> counts = new LinkedHashMap<>();
        broken.counts().forEach((reason, count) -> counts.put(reason.name(), count));
        return counts;
    }

    private static AuditAction action(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return AuditAction.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("action must be one of " + Arrays.toString(AuditAction.values()));
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant, e.g. 2026-11-28T10:00:00Z");
        }
    }
}
