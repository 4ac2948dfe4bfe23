package eu.synergie.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One audited operation: who ({@code subject}, {@code agency}), when, what, why ({@code purpose}), the
 * query asked, the notices returned or touched, the recipients of a disclosure, and the outcome. Ids and
 * metadata only: never a notice's title, summary or entity values, never a token or key.
 *
 * @param at         when the operation happened
 * @param subject    the user or client (token's {@code preferred_username} or {@code sub}), or {@code system:<task>}
 * @param agency     the agency the subject acted for; null for the exchange's own tasks without one
 * @param purpose    the justification given (a case reference); required for consultations and disclosures
 * @param query      the search asked, for {@link AuditAction#SEARCH}
 * @param noticeIds  the notices returned, opened, published, disclosed, altered or erased
 * @param recipients the agencies a disclosure went to
 * @param change     for trust and access changes: what changed, as codes and ids (e.g. {@code region-granted BE-PJF EU-WEST})
 * @see <a href="https://eur-lex.europa.eu/eli/dir/2016/680/oj">Directive (EU) 2016/680, Art. 25</a>
 */
public record AuditEvent(Instant at, AuditAction action, String subject, String agency, String purpose, Query query,
                         List<String> noticeIds, List<String> recipients, String change, AuditOutcome outcome) {

    /**
     * @param text    the free text as given
     * @param filters other criteria by name (e.g. {@code size}); values as given
     * @param total   how many notices in the caller's scope matched
     */
    public record Query(String text, Map<String, String> filters, long total) {
        public Query {
            text = text == null ? "" : text;
            filters = filters == null ? Map.of() : Map.copyOf(filters);
        }
    }

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("an audit event names its subject");
        }
        if (action.needsPurpose() && outcome == AuditOutcome.SUCCESS && (purpose == null || purpose.isBlank())) {
            throw new IllegalArgumentException("a " + action + " must state its purpose");
        }
        noticeIds = noticeIds == null ? List.of() : List.copyOf(noticeIds);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
