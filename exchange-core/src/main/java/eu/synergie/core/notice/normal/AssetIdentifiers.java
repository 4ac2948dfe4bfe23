package eu.synergie.core.notice.normal;

import eu.synergie.core.notice.Folding;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.SequencedMap;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The identifiers of an asset named in a case notice for asset recovery (an account, a ship, a vehicle, an
 * aircraft, a wallet, land, a company), checked and put in the one form under which the same asset, named in two
 * notices, meets itself. Check digits are verified where the identifier's standard defines them: IBAN (ISO 13616),
 * LEI (ISO 17442), IMO number and VIN (ISO 3779, North American and Chinese VINs only, see {@link Vins}); a BIC
 * (ISO 9362) is checked for structure and country. MMSI, aircraft registration, plate, cadastral reference and
 * company number have no common check digit and are checked at format level only.
 *
 * <p>A refused value throws; the message names the field and the check that failed but never quotes the value,
 * because messages are logged where the value may not be shown.
 */
public final class AssetIdentifiers {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-]+");
    private static final Pattern IMO = Pattern.compile("(?:IMO)?(\\d{7})");
    private static final Pattern PLATE = Pattern.compile("[\\p{L}0-9]+");
    private static final Pattern CADASTRAL_REF = Pattern.compile("[\\p{L}\\p{N} ./\\-]+");
    private static final Pattern COMPANY_NUMBER = Pattern.compile("[A-Z0-9]+");
    private static final Set<String> CHAINS = Set.of("bitcoin", "ethereum", "monero", "litecoin", "tron", "other");

    private static final SequencedMap<String, Function<String, NormalizedValue>> NORMALIZERS = normalizers();

    private AssetIdentifiers() {
    }

    private static SequencedMap<String, Function<String, NormalizedValue>> normalizers() {
        SequencedMap<String, Function<String, NormalizedValue>> normalizers = new LinkedHashMap<>();
        normalizers.put("iban", Ibans::normalize);
        normalizers.put("bic", Bics::normalize);
        normalizers.put("lei", Leis::normalize);
        normalizers.put("imo", AssetIdentifiers::imo);
        normalizers.put("mmsi", Mmsis::normalize);
        normalizers.put("vin", Vins::normalize);
        normalizers.put("registration", AircraftRegistrations::normalize);
        normalizers.put("plate", AssetIdentifiers::plate);
        normalizers.put("chain", AssetIdentifiers::chain);
        normalizers.put("address", Wallets::normalize);
        normalizers.put("cadastralRef", AssetIdentifiers::cadastralRef);
        normalizers.put("companyNumber", AssetIdentifiers::companyNumber);
        return Collections.unmodifiableSequencedMap(normalizers);
    }

    /**
     * The normalised identifier.
     *
     * @param field one of {@link #fields()}
     * @throws IllegalArgumentException for an unknown field, or a blank or refused value: "asset identifier
     *                                  {@code field}: {@code problem}"
     */
    public static String normalize(String field, String value) {
        Function<String, NormalizedValue> normalizer = field == null ? null : NORMALIZERS.get(field);
        if (normalizer == null) {
            throw new IllegalArgumentException("unknown asset identifier " + field + "; known: "
                    + String.join(", ", NORMALIZERS.keySet()));
        }
        if (value == null || value.isBlank()) {
            throw refused(field, "blank");
        }
        NormalizedValue normalized = normalizer.apply(value);
        if (!normalized.valid()) {
            throw refused(field, normalized.problem());
        }
        return normalized.normalized();
    }

    /** The known field names, in a stable order. */
    public static Set<String> fields() {
        return NORMALIZERS.sequencedKeySet();
    }

    private static IllegalArgumentException refused(String field, String problem) {
        return new IllegalArgumentException("asset identifier " + field + ": " + problem);
    }

    /**
     * IMO ship identification number (IMO Resolution A.1117(30)): seven digits, the last a check digit, as
     * "IMO9074729" whether written with the prefix or not. The check and the form are {@link Texts#vessel}'s, so
     * that the asset and a VESSEL entity "IMO 9074729" meet.
     */
    private static NormalizedValue imo(String value) {
        var imo = IMO.matcher(WHITESPACE.matcher(value).replaceAll("").toUpperCase(Locale.ROOT));
        if (!imo.matches()) {
            return NormalizedValue.invalid(value, "not 7 digits with an optional IMO prefix");
        }
        NormalizedValue vessel = Texts.vessel("IMO" + imo.group(1));
        return vessel.valid() ? vessel : NormalizedValue.invalid(value, "check digit fails");
    }

    /**
     * Format level only: plates follow each country's own scheme. Accents are folded as for a VEHICLE entity
     * ("MÜ" → "MU", see {@link Texts#identifier}), so that the asset and the entity meet; other scripts' letters
     * (Cyrillic, Greek plates) are kept.
     */
    private static NormalizedValue plate(String value) {
        String compact = SEPARATORS.matcher(Folding.fold(value).toUpperCase(Locale.ROOT)).replaceAll("");
        if (!PLATE.matcher(compact).matches()) {
            return NormalizedValue.invalid(value, "plate not letters and digits with spaces, dashes or dots");
        }
        return compact.length() >= 2 && compact.length() <= 12 ? NormalizedValue.ok(compact)
                : NormalizedValue.invalid(value, "plate not 2 to 12 letters and digits");
    }

    private static NormalizedValue chain(String value) {
        String chain = value.strip().toLowerCase(Locale.ROOT);
        return CHAINS.contains(chain) ? NormalizedValue.ok(chain)
                : NormalizedValue.invalid(value, "chain not one of bitcoin, ethereum, monero, litecoin, tron, other");
    }

    /** Each country numbers its land parcels its own way, with no common check digit: format level only. */
    private static NormalizedValue cadastralRef(String value) {
        String text = WHITESPACE.matcher(value.strip()).replaceAll(" ").toUpperCase(Locale.ROOT);
        if (!CADASTRAL_REF.matcher(text).matches()) {
            return NormalizedValue.invalid(value, "cadastral reference not letters, digits, spaces, '-', '.' or '/'");
        }
        return text.length() <= 64 ? NormalizedValue.ok(text)
                : NormalizedValue.invalid(value, "cadastral reference longer than 64 characters");
    }

    /** Each register numbers its companies its own way ("HRB 12345", "552 100 554"): format level only. */
    private static NormalizedValue companyNumber(String value) {
        String compact = SEPARATORS.matcher(value).replaceAll("").toUpperCase(Locale.ROOT);
        if (!COMPANY_NUMBER.matcher(compact).matches()) {
            return NormalizedValue.invalid(value, "company number not letters and digits with spaces, dots or dashes");
        }
        return compact.length() <= 32 ? NormalizedValue.ok(compact)
                : NormalizedValue.invalid(value, "company number longer than 32 characters");
    }
}
