package eu.synergie.core.audit;

import java.util.List;

/** One page of audit records, newest first, and how many matched in all. */
public record AuditPage(long total, int page, int size, List<AuditRecord> records) {

    public AuditPage {
        records = List.copyOf(records);
    }
}
