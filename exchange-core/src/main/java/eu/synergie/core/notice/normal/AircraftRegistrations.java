package eu.synergie.core.notice.normal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Aircraft registrations (ICAO Annex 7): a nationality mark, a hyphen and a registration mark ("F-GKXA",
 * "9H-ABC", "HB-JVA"), or a US N-number, written without a hyphen ("N12345"). Format level only: neither the
 * nationality mark against the ICAO list nor the mark against a national register is checked.
 */
final class AircraftRegistrations {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    // Nationality marks come from ITU call sign series: one to three characters, the first or second a letter.
    private static final Pattern HYPHENATED = Pattern.compile("(?:[A-Z][A-Z0-9]{0,2}|[0-9][A-Z][A-Z0-9]?)-[A-Z0-9]{1,5}");
    // 14 CFR 47.15: N, a first digit 1 to 9, at most five characters in all, never I or O. "N-12345" is read as
    // N12345, the only form the FAA registry uses.
    private static final Pattern UNITED_STATES = Pattern.compile("N-?([1-9][A-HJ-NP-Z0-9]{0,4})");
    private static final Pattern LETTERS_AND_DIGITS = Pattern.compile("[A-Z0-9]+");

    private AircraftRegistrations() {
    }

    static NormalizedValue normalize(String value) {
        String compact = WHITESPACE.matcher(value).replaceAll("").toUpperCase(Locale.ROOT);
        var unitedStates = UNITED_STATES.matcher(compact);
        if (unitedStates.matches()) {
            return NormalizedValue.ok("N" + unitedStates.group(1));
        }
        if (HYPHENATED.matcher(compact).matches()) {
            return NormalizedValue.ok(compact);
        }
        if (LETTERS_AND_DIGITS.matcher(compact).matches()) {
            // "FGKXA": where the nationality mark ends is not ours to guess.
            return NormalizedValue.invalid(value, "registration without a hyphen (only US N-numbers have none)");
        }
        return NormalizedValue.invalid(value, "registration not a nationality mark, a hyphen and letters or digits");
    }
}
