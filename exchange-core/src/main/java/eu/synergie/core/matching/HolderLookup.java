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
    public record Pointer(String key, String holderAgency, String region, String caseRef) {
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

    /** The pointers for {@code keys}, one per holding notice and key, sorted by key then holder. */
    public List<Pointer> pointers(Set<String> keys, Caller caller) {
        if (keys.isEmpty() || caller.agency() == null) {
            return List.of();
        }
        List<Pointer> pointers = new ArrayList<>();
        for (EntityHoldings.Holding holding : holders.holdersOf(keys, overCorrelation).holdings()) {
            Markings markings = holding.markings();
            if (policy.decide(caller, markings).permitted() || Matcher.formFor(caller.agency(), markings).isEmpty()) {
                continue;
            }
            for (String key : holding.matchKeys()) {
                if (keys.contains(key)) {
                    pointers.add(new Pointer(key, markings.originAgency(), markings.region(), holding.caseRef()));
                }
            }
        }
        pointers.sort(Comparator.comparing(Pointer::key).thenComparing(Pointer::holderAgency)
                .thenComparing(p -> p.caseRef() == null ? "" : p.caseRef()));
        return pointers.stream().distinct().toList();
    }
}
