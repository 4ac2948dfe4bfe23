package eu.synergie.core.audit;

import java.util.List;

/** The auditors' searchable copy of the audit log (the log itself, on Kafka, stays the system of record). */
public interface AuditIndex {

    /** Indexes the records, idempotently by {@link AuditRecord#id()}; returns once the index has them. */
    void index(List<AuditRecord> records);

    AuditPage search(AuditSearch search);
}
