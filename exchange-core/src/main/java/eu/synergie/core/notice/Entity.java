package eu.synergie.core.notice;

import java.util.Map;
import java.util.Objects;

/** A person, account, phone… named in a notice, with free attributes (birth date, nationality…). */
public record Entity(EntityKind kind, String value, Map<String, String> attributes) {

    public Entity {
        Objects.requireNonNull(kind, "entity kind");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("entity value must not be blank");
        }
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
