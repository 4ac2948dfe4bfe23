package eu.synergie.core.audit;

/** How the audited operation ended. */
public enum AuditOutcome {
    /** Done as asked. */
    SUCCESS,
    /** Refused by a rule (access, trust): nothing was shown or changed. */
    REFUSED
}
