package eu.synergie.gateway.approval;

import eu.synergie.core.approval.Approval;

/**
 * Told that a request was approved, to release what it held (a pointer to a peer's agency, a notice to its region).
 * Registered with {@link ReleaseApprovals#onApproved}.
 *
 * <p>Called on the one gateway instance that holds the exchange's approvals consumer group
 * ({@code synergie.approvals.group-id}) when it reads the event that approved the request, and only there: several
 * instances do not release the same thing each. At least once, not exactly once: the group's offset moves on only
 * after every listener returned, so a listener that throws is called again (with back-off) and an instance stopped
 * in between leaves the call to the next holder of the group. Make the release idempotent by
 * {@link Approval#id()}.
 */
@FunctionalInterface
public interface ApprovedListener {

    /** {@code approval} is {@link eu.synergie.core.approval.ApprovalStatus#APPROVED}: release what it held. */
    void approved(Approval approval);
}
