package eu.synergie.core.trends;

import eu.synergie.core.policy.ReadScope;

import java.time.Instant;
import java.util.List;

/**
 * The index's counts for trends, always within a {@link ReadScope} (the access filter inside the query): how many
 * notices per region, type and period, and which values several agencies name. Only what the caller may read is
 * counted, standing and within its validity, as any lookup of the region; an empty scope counts nothing.
 */
public interface TrendCounts {

    /** Notices of one region and type issued in the period starting at {@code periodStart}. */
    record Count(String region, String type, Instant periodStart, long notices) {
    }

    /** The notices in scope issued from {@code from} on, per region, type and period. */
    List<Count> counts(ReadScope scope, Period period, Instant from);

    /**
     * Per match key named in notices in scope issued from {@code from} on, per agency: the notices and their first and
     * last dates; the {@code limit} keys named by most agencies. Never a person's name or identity document: the
     * dashboard shows values (a phone, an account, a company), not people.
     */
    List<Sighting> sightings(ReadScope scope, Instant from, int limit);
}
