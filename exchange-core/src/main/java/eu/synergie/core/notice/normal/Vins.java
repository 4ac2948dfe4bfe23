package eu.synergie.core.notice.normal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ISO 3779 vehicle identification numbers: 17 upper-case letters and digits, never I, O or Q (read as 1 and 0).
 *
 * <p>The check digit in position 9 is verified only where it is mandatory: North America (first character 1 to 5,
 * US 49 CFR Part 565, Canada CMVSS 115, Mexico) and China (first character L, GB 16735). ISO 3779 itself leaves
 * position 9 to the maker, and European and other VINs legitimately carry any letter or digit there
 * ("WVWZZZ…" Volkswagens carry a Z), so checking them would refuse genuine vehicles.
 *
 * <p>The check: each character transliterated (digits as themselves; A–H = 1–8, J–N = 1–5, P = 7, R = 9,
 * S–Z = 2–9), multiplied by its position's weight (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2), the sum
 * mod 11 is position 9, 10 written X (49 CFR 565.15).
 */
final class Vins {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-]+");
    private static final Pattern LETTERS_AND_DIGITS = Pattern.compile("[A-Z0-9]{17}");
    private static final Pattern NEVER_USED = Pattern.compile("[IOQ]");
    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
    // Values of A to Z; I, O and Q never occur and hold 0.
    private static final int[] LETTER_VALUES = {1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4, 5, 0, 7, 0, 9, 2, 3, 4, 5, 6,
            7, 8, 9};

    private Vins() {
    }

    static NormalizedValue normalize(String value) {
        String compact = SEPARATORS.matcher(value).replaceAll("").toUpperCase(Locale.ROOT);
        if (compact.length() != 17) {
            return NormalizedValue.invalid(value, "VIN not 17 characters");
        }
        if (!LETTERS_AND_DIGITS.matcher(compact).matches()) {
            return NormalizedValue.invalid(value, "VIN not letters and digits");
        }
        if (NEVER_USED.matcher(compact).find()) {
            return NormalizedValue.invalid(value, "VIN contains I, O or Q");
        }
        if (checkDigitMandatory(compact) && compact.charAt(8) != checkDigit(compact)) {
            return NormalizedValue.invalid(value, "VIN check digit fails (mandatory for North American and Chinese VINs)");
        }
        return NormalizedValue.ok(compact);
    }

    private static boolean checkDigitMandatory(String vin) {
        char region = vin.charAt(0);
        return (region >= '1' && region <= '5') || region == 'L';
    }

    private static char checkDigit(String vin) {
        int sum = 0;
        for (int i = 0; i < vin.length(); i++) {
            char c = vin.charAt(i);
            int number = Character.isDigit(c) ? c - '0' : LETTER_VALUES[c - 'A'];
            sum += number * WEIGHTS[i];
        }
        int remainder = sum % 11;
        return remainder == 10 ? 'X' : (char) ('0' + remainder);
    }
}
