package eu.synergie.stix;

import eu.synergie.core.notice.Notice;

import java.util.List;
import java.util.Objects;

/**
 * One report of a bundle as a notice, and every object the report refers to that could not become part of it: the
 * agency reviews both before it seals and pushes the notice.
 */
public record Conversion(Notice notice, List<Unmapped> unmapped) {

    public Conversion {
        Objects.requireNonNull(notice, "notice");
        unmapped = unmapped == null ? List.of() : List.copyOf(unmapped);
    }

    /** An object the report refers to (or a marking it carries) that has no place in a notice, and why. */
    public record Unmapped(String id, String type, String reason) {

        public Unmapped {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
