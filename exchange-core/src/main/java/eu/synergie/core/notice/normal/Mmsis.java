package eu.synergie.core.notice.normal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maritime mobile service identities (ITU-R M.585): nine digits, format only, for an MMSI has no check digit.
 * A ship's MMSI starts with its flag's maritime identification digits (MID, 201 to 775), so its first digit is
 * 2 to 7; the other first digits name stations that are not ships, which an asset notice cannot seize.
 */
final class Mmsis {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern MMSI = Pattern.compile("(?:MMSI:?)?(\\d{9})");

    private Mmsis() {
    }

    static NormalizedValue normalize(String value) {
        var mmsi = MMSI.matcher(WHITESPACE.matcher(value).replaceAll("").toUpperCase(Locale.ROOT));
        if (!mmsi.matches()) {
            return NormalizedValue.invalid(value, "MMSI not 9 digits");
        }
        String digits = mmsi.group(1);
        return switch (digits.charAt(0)) {
            case '0' -> NormalizedValue.invalid(value, "MMSI of a coast station or group, not a ship (first digit 0)");
            case '1' -> NormalizedValue.invalid(value, "MMSI of a search and rescue aircraft, not a ship (first digit 1)");
            case '8' -> NormalizedValue.invalid(value, "MMSI of a handheld VHF radio, not a ship (first digit 8)");
            case '9' -> NormalizedValue.invalid(value,
                    "MMSI of an aid to navigation, distress beacon or ship's craft, not a ship (first digit 9)");
            default -> NormalizedValue.ok(digits);
        };
    }
}
