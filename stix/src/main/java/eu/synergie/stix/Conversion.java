package eu.synergie.stix;

import eu.synergie.core.notice.Notice;

import java.util.List;
import java.util.Objects;

/**
 * One report of a bundle as a notice, every object or property the report refers to that could not become part of it,
 * and every marking it carries that could not be read: the agency reviews them before it seals and pushes the notice.
 *
 * @param unmapped       what the notice does not keep (an object of no entity kind, the report's author, a
 *                       federation list); nothing it says is a protection the notice then lacks
 * @param unreadMarkings marking definitions with no Synergie equivalent, whose protection the notice therefore does
 *                       not carry: a notice with any is not for pushing without the agency's explicit word
 */
public record Conversion(Notice notice, List<Unmapped> unmapped, List<Unmapped> unreadMarkings) {

    public Conversion {
        Objects.requireNonNull(notice, "notice");
        unmapped = unmapped == null ? List.of() : List.copyOf(unmapped);
        unreadMarkings = unreadMarkings == null ? List.of() : List.copyOf(unreadMarkings);
    }

    /** An object the report refers to (or a marking it carries, or a property) that has no place in a notice, and why. */
    public record Unmapped(String id, String type, String reason) {

        public Unmapped {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
