package eu.synergie.core.policy;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Markings;

import java.util.EnumSet;
import java.util.Set;

/**
 * The read and publish rules of DESIGN.md, "Access model", as pure functions. {@link #decide} answers
 * for one notice (used when a notice is opened by id); {@link #scopeOf} gives the same rule as a
 * {@link ReadScope} that the search module turns into the filter of every query.
 */
public final class AccessPolicy {

    /** May {@code caller} read a notice with these markings? */
    public Decision decide(Caller caller, Markings markings) {
        if (!caller.has(Role.ANALYST)) {
            return new Decision.Deny("caller lacks the analyst role");
        }
        if (caller.agency() == null || caller.clearance() == null) {
            return new Decision.Deny("caller has no agency or clearance");
        }
        if (!caller.regions().contains(markings.region())) {
            return new Decision.Deny("region not in the caller's regions");
        }
        if (!markings.classification().atMost(caller.clearance())) {
            return new Decision.Deny("classification above the caller's clearance");
        }
        boolean released = markings.releasableTo().isEmpty()
                || markings.releasableTo().contains(caller.agency())
                || markings.originAgency().equals(caller.agency());
        return released ? Decision.PERMIT : new Decision.Deny("not releasable to the caller's agency");
    }

    /** The same rule, for queries. A caller without the analyst role gets an empty scope. */
    public ReadScope scopeOf(Caller caller) {
        if (!caller.has(Role.ANALYST) || caller.agency() == null || caller.clearance() == null) {
            return new ReadScope(Set.of(), Set.of(), null);
        }
        Set<Classification> readable = EnumSet.noneOf(Classification.class);
        for (Classification c : Classification.values()) {
            if (c.atMost(caller.clearance())) {
                readable.add(c);
            }
        }
        return new ReadScope(caller.regions(), readable, caller.agency());
    }

    /**
     * May {@code caller} publish a notice with these markings, signed by {@code signerAgency}? Only under
     * its own identity, and only to a region its agency is a member of: in the trust registry
     * ({@code memberships}) and in its token alike, so that neither alone can widen the other.
     */
    public Decision decidePublish(Caller caller, Markings markings, String signerAgency, Set<String> memberships) {
        if (!caller.has(Role.AGENCY_FEED)) {
            return new Decision.Deny("caller lacks the agency-feed role");
        }
        if (caller.agency() == null || !caller.agency().equals(markings.originAgency())) {
            return new Decision.Deny("originAgency is not the caller's agency");
        }
        if (!caller.agency().equals(signerAgency)) {
            return new Decision.Deny("the envelope is signed by another agency than the caller's");
        }
        if (!memberships.contains(markings.region())) {
            return new Decision.Deny("agency " + caller.agency() + " is not a member of region " + markings.region());
        }
        if (!caller.regions().contains(markings.region())) {
            return new Decision.Deny("the caller's token does not grant region " + markings.region());
        }
        return Decision.PERMIT;
    }
}
