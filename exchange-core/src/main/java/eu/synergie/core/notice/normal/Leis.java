package eu.synergie.core.notice.normal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ISO 17442 legal entity identifiers: 20 upper-case letters and digits whose last two are check digits per
 * ISO 7064 MOD 97-10, as in an IBAN: letters read as numbers (A = 10 … Z = 35), the whole number mod 97 is 1.
 */
final class Leis {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern LEI = Pattern.compile("[A-Z0-9]{20}");

    private Leis() {
    }

    static NormalizedValue normalize(String value) {
        String compact = WHITESPACE.matcher(value).replaceAll("").toUpperCase(Locale.ROOT);
        if (compact.length() != 20) {
            return NormalizedValue.invalid(value, "LEI not 20 characters");
        }
        if (!LEI.matcher(compact).matches()) {
            return NormalizedValue.invalid(value, "LEI not letters and digits");
        }
        return mod97(compact) == 1 ? NormalizedValue.ok(compact)
                : NormalizedValue.invalid(value, "LEI check digits fail");
    }

    /** The remainder of the number the characters spell, computed digit by digit: it has up to 40 digits. */
    private static int mod97(String alphanumeric) {
        int remainder = 0;
        for (char c : alphanumeric.toCharArray()) {
            int number = Character.digit(c, 36);
            remainder = (remainder * (number < 10 ? 10 : 100) + number) % 97;
        }
        return remainder;
    }
}
