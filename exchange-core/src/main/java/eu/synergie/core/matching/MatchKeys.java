package eu.synergie.core.matching;

import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.normal.EntityNormalizer;
import eu.synergie.core.notice.normal.NormalizedValue;

import java.util.Optional;
import java.util.Set;

/**
 * The values that correlate notices across agencies: IBAN, phone, e-mail, wallet and identity document by
 * their normalised form, and a person only by name together with birth date (a name alone is far too
 * common to mean the same person). Values that failed their check never correlate.
 */
public final class MatchKeys {

    private static final Set<EntityKind> BY_VALUE = Set.of(EntityKind.IBAN, EntityKind.PHONE, EntityKind.EMAIL,
            EntityKind.CRYPTO_WALLET, EntityKind.IDENTITY_DOCUMENT);

    private MatchKeys() {
    }

    /** The key under which {@code entity} correlates, e.g. {@code IBAN:FR7630006000011234567890189}. */
    public static Optional<String> of(Entity entity, String originAgency) {
        boolean person = entity.kind() == EntityKind.PERSON;
        if (!BY_VALUE.contains(entity.kind()) && !person) {
            return Optional.empty();
        }
        String birthDate = entity.attributes().get("birthDate");
        if (person && (birthDate == null || birthDate.isBlank())) {
            return Optional.empty();
        }
        NormalizedValue normal = EntityNormalizer.normalize(entity.kind(), entity.value(),
                EntityNormalizer.phoneRegionOf(originAgency));
        if (!normal.valid()) {
            return Optional.empty();
        }
        return Optional.of(entity.kind().name() + ":" + normal.normalized() + (person ? "|" + birthDate.strip() : ""));
    }
}
