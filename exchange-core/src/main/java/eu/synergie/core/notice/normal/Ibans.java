package eu.synergie.core.notice.normal;

import org.iban4j.IbanFormatException;
import org.iban4j.IbanUtil;
import org.iban4j.InvalidCheckDigitException;
import org.iban4j.UnsupportedCountryException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * IBANs compact and upper case, verified with iban4j: ISO 13616 mod-97 check digits plus the length and
 * BBAN structure of the country (a bare mod-97 check would accept a digit dropped and another added).
 */
final class Ibans {

    // Written forms seen in feeds: "IBAN: FR76 3000 …", groups split by spaces, dashes or dots.
    private static final Pattern LABEL = Pattern.compile("^IBAN:?");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-]+");

    private Ibans() {
    }

    static NormalizedValue normalize(String value) {
        String compact = SEPARATORS.matcher(value).replaceAll("").toUpperCase(Locale.ROOT);
        compact = LABEL.matcher(compact).replaceFirst("");
        try {
            IbanUtil.validate(compact);
            return NormalizedValue.ok(compact);
        } catch (InvalidCheckDigitException e) {
            return NormalizedValue.invalid(value, "IBAN checksum fails");
        } catch (UnsupportedCountryException e) {
            return NormalizedValue.invalid(value, "IBAN country unknown");
        } catch (IbanFormatException e) {
            return NormalizedValue.invalid(value, switch (e.getFormatViolation()) {
                case BBAN_LENGTH -> "IBAN length wrong for its country";
                case COUNTRY_CODE_EXISTS -> "IBAN country unknown";
                case null, default -> "IBAN format invalid";
            });
        }
    }
}
