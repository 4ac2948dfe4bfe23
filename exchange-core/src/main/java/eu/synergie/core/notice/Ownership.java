package eu.synergie.core.notice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Who owns what, inside one notice: a person, an organisation or a company (an asset itself) owning an asset.
 * A company owning shares of another company is a {@link Kind#LEGAL} ownership of that company, so a chain of
 * shell companies reads as a path from the beneficial owner to the villa.
 *
 * @param owner the {@link Entity#ref()} of the owner
 * @param owned the {@link Entity#ref()} of the asset owned
 * @param share per cent of the asset held (0 excluded, 100 included), or null when not known
 * @param from  the day the ownership began, or null when not known
 * @param to    the day it ended, or null while it lasts
 */
public record Ownership(String owner, String owned, Kind kind, BigDecimal share, LocalDate from, LocalDate to) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Legal: the registered owner or shareholder. Beneficial: who ultimately owns or controls it (AMLD Art. 3(6)). */
    public enum Kind {
        LEGAL, BENEFICIAL
    }

    public Ownership {
        require(owner != null && !owner.isBlank(), "relations.owner is required");
        require(owned != null && !owned.isBlank(), "relations.owned is required");
        require(!owner.equals(owned), "relations: an entity cannot own itself (" + owner + ")");
        Objects.requireNonNull(kind, "relations.kind");
        require(share == null || (share.signum() > 0 && share.compareTo(HUNDRED) <= 0),
                "relations.share must be more than 0 and at most 100 (per cent)");
        require(from == null || to == null || !to.isBefore(from), "relations.to must not be before relations.from");
    }

    /** Whether the ownership held on {@code day}. */
    public boolean heldOn(LocalDate day) {
        return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
