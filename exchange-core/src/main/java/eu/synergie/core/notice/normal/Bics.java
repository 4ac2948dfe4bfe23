package eu.synergie.core.notice.normal;

import org.iban4j.BicFormatException;
import org.iban4j.BicUtil;
import org.iban4j.UnsupportedCountryException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ISO 9362 business identifier codes (BIC, "SWIFT codes"), compact and upper case, verified with iban4j:
 * 8 or 11 characters, alphanumeric bank code, an ISO 3166 country, location and optional branch. ISO 9362
 * defines no check digit, so a mistyped bank or location letter still passes.
 */
final class Bics {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-]+");

    private Bics() {
    }

    static NormalizedValue normalize(String value) {
        String compact = SEPARATORS.matcher(value).replaceAll("").toUpperCase(Locale.ROOT);
        try {
            BicUtil.validate(compact);
            return NormalizedValue.ok(compact);
        } catch (UnsupportedCountryException e) {
            return NormalizedValue.invalid(value, "BIC country unknown");
        } catch (BicFormatException e) {
            // Our own texts, not iban4j's messages: those may grow to quote the offending characters.
            return NormalizedValue.invalid(value, switch (e.getFormatViolation()) {
                case BIC_LENGTH_8_OR_11 -> "BIC length not 8 or 11";
                case COUNTRY_CODE_ONLY_UPPER_CASE_LETTERS -> "BIC country code not letters";
                case null, default -> "BIC format invalid";
            });
        }
    }
}
