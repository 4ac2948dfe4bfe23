package eu.synergie.search;

import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditOutcome;
import eu.synergie.core.audit.AuditRecord;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An audit record as the auditors' index holds it: flat, every criterion a keyword; query filters as {@code name=value}.
 * {@code contested} is set on a record found under an id that its writer's chain went through with another entry:
 * the first entry of an id stays, but is never shown as verified.
 */
record AuditDocument(String id, String writer, long sequence, long position, String hash, String at, String action,
                     String subject, String agency, String purpose, String queryText, List<String> queryFilters,
                     Long queryTotal, List<String> noticeIds, List<String> recipients, String change, String outcome,
                     Boolean contested) {

    static AuditDocument of(AuditRecord record) {
        AuditEvent e = record.event();
        AuditEvent.Query q = e.query();
        return new AuditDocument(record.id(), record.writer(), record.sequence(), record.position(), record.hash(),
                e.at().toString(), e.action().name(), e.subject(), e.agency(), e.purpose(), q == null ? null : q.text(),
                q == null ? List.of() : q.filters().entrySet().stream().map(f -> f.getKey() + "=" + f.getValue()).sorted().toList(),
                q == null ? null : q.total(), e.noticeIds(), e.recipients(), e.change(), e.outcome().name(), null);
    }

    /** The record, verified when its chain's head says a signed checkpoint covers it (never when contested). */
    AuditRecord toRecord(ChainDocument chain) {
        boolean verified = !Boolean.TRUE.equals(contested) && chain != null && chain.toHead().covers(sequence);
        AuditEvent.Query query = null;
        if (queryText != null) {
            Map<String, String> filters = new LinkedHashMap<>();
            if (queryFilters != null) {
                queryFilters.forEach(f -> filters.put(f.substring(0, f.indexOf('=')), f.substring(f.indexOf('=') + 1)));
            }
            query = new AuditEvent.Query(queryText, filters, queryTotal == null ? 0 : queryTotal);
        }
        return new AuditRecord(writer, sequence, position, hash, new AuditEvent(Instant.parse(at), AuditAction.valueOf(action),
                subject, agency, purpose, query, noticeIds, recipients, change, AuditOutcome.valueOf(outcome)), verified);
    }
}
