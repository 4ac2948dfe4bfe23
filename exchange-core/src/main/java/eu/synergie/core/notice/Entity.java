package eu.synergie.core.notice;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A person, account, phone, asset… named in a notice, with free attributes (birth date, nationality…).
 *
 * @param ref   the entity's name inside the notice, by which {@link Ownership} relations point at it; null when
 *              nothing refers to it
 * @param asset what the notice says of the asset, exactly when the kind is {@link EntityKind#ASSET}; the value is
 *              then the asset's label ("Villa Les Oliviers, Ramatuelle")
 * @param protection why the person is protected, or null: a protected person is a {@link EntityKind#PERSON} whose
 *              value is a pseudonym of the role ({@link Pseudonyms}) and who carries no attributes, since whatever
 *              identifies them stays with their agency
 */
public record Entity(EntityKind kind, String value, Map<String, String> attributes, String ref, Asset asset,
                     ProtectedRole protection) {

    private static final Pattern REF = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");
    private static final String LEGACY_PROTECTED = "protected";

    public Entity {
        Objects.requireNonNull(kind, "entity kind");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("entity value must not be blank");
        }
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        if (ref != null && !REF.matcher(ref).matches()) {
            throw new IllegalArgumentException("entities.ref must be a letter then up to 31 letters, digits, _ or -");
        }
        if ((kind == EntityKind.ASSET) != (asset != null)) {
            throw new IllegalArgumentException(kind == EntityKind.ASSET ? "entities.asset is required for an ASSET entity"
                    : "entities.asset is only for an ASSET entity, not " + kind);
        }
        if (attributes.containsKey(LEGACY_PROTECTED)) {
            // The marking of earlier versions: refused rather than read as an ordinary attribute, which would correlate.
            throw new IllegalArgumentException("entities.attributes.protected is no longer read: give the person a "
                    + "protection (role, and the agency's own id) and let the agency's tool pseudonymise it");
        }
        if (protection != null) {
            if (ref != null) {
                // A ref is the agency's free text, and what it would tie the person to (assets) identifies them too.
                throw new IllegalArgumentException("entities.ref is not allowed on a " + protection.label()
                        + ": nothing in the notice may point at the person");
            }
            if (kind != EntityKind.PERSON) {
                throw new IllegalArgumentException("entities.protection is only for a PERSON entity, not " + kind);
            }
            if (!Pseudonyms.isPseudonymOf(protection, value)) {
                // Never the value: it may be the name the agency's tooling should have replaced.
                throw new IllegalArgumentException("entities.value of a " + protection.label() + " must be a pseudonym ("
                        + Pseudonyms.form(protection) + "): pseudonymise before sealing");
            }
            if (!attributes.isEmpty()) {
                throw new IllegalArgumentException("entities.attributes must be empty for a " + protection.label()
                        + ": what identifies the person stays with their agency");
            }
        }
    }

    public Entity(EntityKind kind, String value, Map<String, String> attributes, String ref, Asset asset) {
        this(kind, value, attributes, ref, asset, null);
    }

    public Entity(EntityKind kind, String value, Map<String, String> attributes) {
        this(kind, value, attributes, null, null);
    }
}
