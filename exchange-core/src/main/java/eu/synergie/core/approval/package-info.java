/**
 * Four-eyes approval, one mechanism for every release that waits for people of the owning agency: a notice held
 * for release to its region, a pointer a peer exchange asks for after a hit. A request names what would be released
 * and to whom, how many different {@code release-approver}s of the owning agency must approve (one or two, never
 * the requester), and when it expires; a rejection ends it. The state is a fold over the events of
 * {@code synergie.approvals} ({@link eu.synergie.core.approval.Approvals}), so every instance holds the same state
 * and a restart rebuilds it from the log; each request and decision, refused ones included, comes with its audit
 * event. A decision is authenticated by the exchange on the log; an approver's own signature on it is not there yet.
 */
package eu.synergie.core.approval;
