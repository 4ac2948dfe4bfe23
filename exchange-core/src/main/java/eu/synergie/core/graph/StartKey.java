package eu.synergie.core.graph;

import eu.synergie.core.matching.MatchKeys;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.normal.AssetIdentifiers;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The match key a graph starts from, read from what the analyst wrote: {@code KIND:value}, normalised exactly as the
 * matcher normalises a notice's entity ({@link MatchKeys}), so that {@code PHONE:06 12 34 56 78} from a French analyst
 * and {@code PHONE:+33612345678} are one start. A person is followed only with a birth date,
 * {@code PERSON:Karim BENSAÏD|1987-06-14}, as hits follow one; a name alone is far too common. Asset registry keys
 * ({@code VIN:}, {@code IMO:}, {@code MMSI:}, {@code AIRCRAFT:}, {@code LEI:}, {@code COMPANY:FR:…},
 * {@code CADASTRAL:FR:…}) are taken as the graph gives them in its nodes.
 */
final class StartKey {

    /** Asset registry keys and the identifier each normalises as ({@link AssetIdentifiers}). */
    private static final Map<String, String> ASSET_KEYS = Map.of("MMSI", "mmsi", "AIRCRAFT", "registration", "LEI", "lei",
            "COMPANY", "companyNumber", "CADASTRAL", "cadastralRef");

    private StartKey() {
    }

    /**
     * @param callerAgency whose national phone numbering a number without country code is read in
     * @throws IllegalArgumentException naming what is wrong, when the text is no key the graph can follow
     */
    static String of(String entity, String callerAgency) {
        if (entity == null || entity.isBlank()) {
            throw new IllegalArgumentException("entity is required, e.g. PHONE:+33612345678 or PERSON:Karim BENSAÏD|1987-06-14");
        }
        int colon = entity.indexOf(':');
        if (colon < 1 || colon == entity.strip().length() - 1) {
            throw new IllegalArgumentException("entity must be KIND:value, e.g. IBAN:FR7630006000011234567890189");
        }
        String kind = entity.substring(0, colon).strip().toUpperCase(Locale.ROOT);
        String value = entity.substring(colon + 1).strip();
        if (ASSET_KEYS.containsKey(kind)) {
            return kind + ":" + assetKey(kind, value);
        }
        Entity written = switch (kind) {
            case "PERSON" -> person(value);
            case "IMO" -> new Entity(EntityKind.VESSEL, "IMO " + value, Map.of());
            case "VIN" -> new Entity(EntityKind.VEHICLE, value, Map.of());
            case "IBAN", "PHONE", "EMAIL", "CRYPTO_WALLET", "IDENTITY_DOCUMENT" -> new Entity(EntityKind.valueOf(kind), value, Map.of());
            default -> throw new IllegalArgumentException("entity kind " + kind + " does not link notices: use PERSON (with a "
                    + "birth date), IBAN, PHONE, EMAIL, CRYPTO_WALLET, IDENTITY_DOCUMENT, VIN, IMO, MMSI, AIRCRAFT, LEI, "
                    + "COMPANY or CADASTRAL");
        };
        List<String> keys = MatchKeys.of(written, callerAgency);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("entity " + kind + " value is not a valid " + kind.toLowerCase(Locale.ROOT)
                    + " (it failed its check)");
        }
        return keys.getFirst();
    }

    /** The identifier as {@link MatchKeys} writes it: a company number or cadastral reference after its country. */
    private static String assetKey(String kind, String value) {
        String field = ASSET_KEYS.get(kind);
        if (!field.equals("companyNumber") && !field.equals("cadastralRef")) {
            return AssetIdentifiers.normalize(field, value);
        }
        int colon = value.indexOf(':');
        if (colon != 2) {
            throw new IllegalArgumentException(kind + " is written with its country: " + kind + ":FR:852369741");
        }
        return value.substring(0, 2).toUpperCase(Locale.ROOT) + ":" + AssetIdentifiers.normalize(field, value.substring(3));
    }

    private static Entity person(String value) {
        int bar = value.lastIndexOf('|');
        if (bar < 1 || bar == value.length() - 1) {
            throw new IllegalArgumentException("a person is followed by name and birth date: PERSON:name|YYYY-MM-DD");
        }
        String birthDate = value.substring(bar + 1).strip();
        try {
            java.time.LocalDate.parse(birthDate);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("the birth date of PERSON:name|YYYY-MM-DD must be an ISO 8601 date");
        }
        return new Entity(EntityKind.PERSON, value.substring(0, bar).strip(), Map.of("birthDate", birthDate));
    }
}
