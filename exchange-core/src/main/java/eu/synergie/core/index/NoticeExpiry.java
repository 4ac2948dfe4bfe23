package eu.synergie.core.index;

import java.time.Instant;
import java.util.List;

/** The retention sweep's side of the index. */
public interface NoticeExpiry {

    /**
     * Removes the notices whose {@code validUntil} is before {@code now} and says which. Searches never
     * return them even before this runs; this keeps the index from growing with the dead.
     */
    List<ExpiredNotice> removeExpired(Instant now);
}
