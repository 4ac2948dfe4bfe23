package eu.synergie.core.approval;

/** Where a request stands. Only {@link #PENDING} can change; the three others are final. */
public enum ApprovalStatus {
    /** Waiting for approvals. */
    PENDING,
    /** Approved by as many different people as required: what was held may be released. */
    APPROVED,
    /** Rejected by an approver: never released. */
    REJECTED,
    /** Not decided before its expiry: never released. */
    EXPIRED
}
