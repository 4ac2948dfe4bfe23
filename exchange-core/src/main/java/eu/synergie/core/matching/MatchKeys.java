package eu.synergie.core.matching;

import eu.synergie.core.notice.Asset;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.normal.AssetIdentifiers;
import eu.synergie.core.notice.normal.EntityNormalizer;
import eu.synergie.core.notice.normal.NormalizedValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The values that correlate notices across agencies: IBAN, phone, e-mail, wallet and identity document by
 * their normalised form, and a person only by name together with birth date (a name alone is far too
 * common to mean the same person). Values that failed their check never correlate.
 * <p>
 * An asset correlates by each of its registry identifiers: IBAN and wallet address under the same keys as
 * the IBAN and wallet entities, a VIN, an IMO or MMSI number, an aircraft registration, a LEI, and a
 * company number or cadastral reference together with their country (the same number means another company
 * elsewhere). A vehicle or vessel entity whose value is a valid VIN or IMO number correlates with the asset.
 * Plates, BICs and chains never do: a plate is reissued, a BIC is the bank's, not the suspect's. A protected
 * person never correlates.
 */
public final class MatchKeys {

    private static final Set<EntityKind> BY_VALUE = Set.of(EntityKind.IBAN, EntityKind.PHONE, EntityKind.EMAIL,
            EntityKind.CRYPTO_WALLET, EntityKind.IDENTITY_DOCUMENT);

    private MatchKeys() {
    }

    /** The keys under which {@code entity} correlates, e.g. {@code IBAN:FR7630006000011234567890189}; often none. */
    public static List<String> of(Entity entity, String originAgency) {
        if (entity.protection() != null) {
            // A protected person takes no part in hits, whatever their pseudonym: it is stable within the case.
            return List.of();
        }
        return switch (entity.kind()) {
            case ASSET -> ofAsset(entity.asset());
            case VESSEL -> identifier("imo", entity.value()).map(imo -> List.of(imoKey(imo))).orElse(List.of());
            case VEHICLE -> identifier("vin", entity.value()).map(vin -> List.of("VIN:" + vin)).orElse(List.of());
            case PERSON -> person(entity, originAgency).map(List::of).orElse(List.of());
            default -> BY_VALUE.contains(entity.kind()) ? normalized(entity, originAgency).map(List::of).orElse(List.of())
                    : List.of();
        };
    }

    private static Optional<String> person(Entity entity, String originAgency) {
        String birthDate = entity.attributes().get("birthDate");
        if (birthDate == null || birthDate.isBlank()) {
            return Optional.empty();
        }
        return normalized(entity, originAgency).map(key -> key + "|" + birthDate.strip());
    }

    private static Optional<String> normalized(Entity entity, String originAgency) {
        NormalizedValue normal = EntityNormalizer.normalize(entity.kind(), entity.value(),
                EntityNormalizer.phoneRegionOf(originAgency));
        return normal.valid() ? Optional.of(entity.kind().name() + ":" + normal.normalized()) : Optional.empty();
    }

    private static List<String> ofAsset(Asset asset) {
        List<String> keys = new ArrayList<>();
        asset.normalized("iban").ifPresent(v -> keys.add(EntityKind.IBAN.name() + ":" + v));
        asset.normalized("address").ifPresent(v -> keys.add(EntityKind.CRYPTO_WALLET.name() + ":" + v));
        asset.normalized("vin").ifPresent(v -> keys.add("VIN:" + v));
        asset.normalized("imo").ifPresent(v -> keys.add(imoKey(v)));
        asset.normalized("mmsi").ifPresent(v -> keys.add("MMSI:" + v));
        asset.normalized("registration").ifPresent(v -> keys.add("AIRCRAFT:" + v));
        asset.normalized("lei").ifPresent(v -> keys.add("LEI:" + v));
        asset.normalized("companyNumber").ifPresent(v -> keys.add("COMPANY:" + asset.jurisdiction() + ":" + v));
        asset.normalized("cadastralRef").ifPresent(v -> keys.add("CADASTRAL:" + asset.jurisdiction() + ":" + v));
        return List.copyOf(keys);
    }

    /** "IMO9074729" → "IMO:9074729". */
    private static String imoKey(String normalizedImo) {
        return "IMO:" + normalizedImo.substring(3);
    }

    private static Optional<String> identifier(String field, String value) {
        try {
            return Optional.of(AssetIdentifiers.normalize(field, value));
        } catch (IllegalArgumentException notOne) {
            return Optional.empty();
        }
    }
}
