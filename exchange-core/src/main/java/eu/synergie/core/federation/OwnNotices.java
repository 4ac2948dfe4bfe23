package eu.synergie.core.federation;

import eu.synergie.core.matching.EntityHoldings;

import java.util.Optional;
import java.util.UUID;

/**
 * The federation's lookup in this exchange's index, without an access filter, like the matcher's: who holds a standing
 * notice, with its markings and case reference. For the owner of a notice a peer's hit names (the pending disclosure is
 * its agency's), and for the pointer its approvers release; never shown to a caller as is.
 */
@FunctionalInterface
public interface OwnNotices {

    /** The notice {@code noticeId} if it stands (indexed, not withdrawn, not expired). */
    Optional<EntityHoldings.Holding> standing(UUID noticeId);
}
