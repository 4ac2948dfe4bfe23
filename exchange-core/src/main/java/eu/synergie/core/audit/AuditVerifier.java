package eu.synergie.core.audit;

import eu.synergie.crypto.audit.ChainVerification;

/** Re-walks the audit log, the system of record, and says whether its hash chains are intact. */
@FunctionalInterface
public interface AuditVerifier {

    /** The walk's result; an unreachable log is an {@link AuditUnavailableException}. */
    ChainVerification verify();
}
