package eu.synergie.core.matching;

import eu.synergie.core.notice.Markings;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who else holds an entity the caller is looking at, told exactly as a hit would tell the caller's agency
 * ({@link Matcher#formFor}): the holder and its case reference for a POINTER notice, or a FULL one the caller
 * may not read; nothing for a SILENT notice or TLP:RED outside its list. Notices the caller may read are not
 * pointed at: the caller reads them. A pointer never carries the notice's content, not even its id.
 * <p>
 * The lookup behind it is the matcher's unscoped one; this class is the only other door to it, and lets
 * nothing through but pointers.
 */
public final class HolderLookup {

    /**
     * @param key          the match key held, e.g. {@code IMO:9074729}: a value the caller already has
     * @param holderAgency who to ask
     * @param caseRef      the holder's own case reference, to quote when asking
     */
    public record Pointer(String key, String holderAgency, String caseRef) {
    }

    /**
     * The pointers, and the notices they point at: those ids never leave the exchange, they are for the audit, which
     * records each pointer as a disclosure to the caller's agency, as it does each hit told to an agency.
     */
    public record Pointers(List<Pointer> pointers, List<java.util.UUID> noticeIds) {

        public Pointers {
            pointers = List.copyOf(pointers);
            noticeIds = List.copyOf(noticeIds);
        }
    }

    private final NoticeHolders holders;
    private final AccessPolicy policy;
    private final int overCorrelation;

    /** @param overCorrelation keys held by more notices than this are too common to point at anyone (as for hits) */
    public HolderLookup(NoticeHolders holders, AccessPolicy policy, int overCorrelation) {
        this.holders = Objects.requireNonNull(holders, "holders");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.overCorrelation = overCorrelation;
    }

    /**
     * The pointers for {@code keys}, one per holder, case and key, sorted by key then holder. The caller's own agency's
     * notices are never pointed at: hits do not link an agency to itself, and a colleague's notice the caller may not
     * read (a higher classification) is not this lookup's to reveal.
     */
    public Pointers pointers(Set<String> keys, Caller caller) {
        if (keys.isEmpty() || caller.agency() == null) {
            return new Pointers(List.of(), List.of());
        }
        List<Pointer> pointers = new ArrayList<>();
        java.util.Set<java.util.UUID> pointedAt = new java.util.LinkedHashSet<>();
        for (EntityHoldings.Holding holding : holders.holdersAsSearchable(keys, overCorrelation).holdings()) {
            Markings markings = holding.markings();
            if (markings.originAgency().equals(caller.agency()) || policy.decide(caller, markings).permitted()
                    || Matcher.formFor(caller.agency(), markings).isEmpty()) {
                continue;
            }
            for (String key : holding.matchKeys()) {
                if (keys.contains(key)) {
                    pointers.add(new Pointer(key, markings.originAgency(), holding.caseRef()));
                    pointedAt.add(holding.noticeId());
                }
            }
        }
        pointers.sort(Comparator.comparing(Pointer::key).thenComparing(Pointer::holderAgency)
                .thenComparing(p -> p.caseRef() == null ? "" : p.caseRef()));
        return new Pointers(pointers.stream().distinct().toList(), List.copyOf(pointedAt));
    }
}
