package eu.synergie.core.matching;

import eu.synergie.core.notice.Markings;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which standing notices hold given match keys: the count per key, and the holders of the keys held by no
 * more notices than the limit asked for (beyond it a value over-correlates and its holders are not listed).
 */
public record EntityHoldings(Map<String, Long> counts, List<Holding> holdings) {

    public EntityHoldings {
        counts = Map.copyOf(counts);
        holdings = List.copyOf(holdings);
    }

    /** One notice holding some of the keys: its markings and its originator's case reference. */
    public record Holding(UUID noticeId, Markings markings, String caseRef, Set<String> matchKeys) {

        public Holding {
            matchKeys = Set.copyOf(matchKeys);
        }
    }
}
