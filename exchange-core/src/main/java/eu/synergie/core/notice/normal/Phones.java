package eu.synergie.core.notice.normal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Locale;

/** Phone numbers to E.164, with libphonenumber's per-country metadata deciding what is a real number. */
final class Phones {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private Phones() {
    }

    static NormalizedValue normalize(String value, String defaultRegion) {
        String text = value.strip();
        // "00" is the international call prefix nearly everywhere in the member states; libphonenumber
        // only understands it with a default region whose prefix it is, and a feed may have none.
        if (text.startsWith("00")) {
            text = "+" + text.substring(2);
        }
        String region = defaultRegion == null ? null : defaultRegion.strip().toUpperCase(Locale.ROOT);
        boolean prefixed = text.startsWith("+") || text.startsWith("tel:+");
        if (!prefixed && (region == null || !isKnownRegion(region))) {
            return NormalizedValue.invalid(value, "no country prefix and no default region");
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(text, prefixed ? null : region);
        } catch (NumberParseException e) {
            return NormalizedValue.invalid(value, "not a phone number");
        }
        if (!UTIL.isValidNumber(number)) {
            return NormalizedValue.invalid(value, "not a valid number for its country");
        }
        return NormalizedValue.ok(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    static boolean isKnownRegion(String region) {
        return UTIL.getSupportedRegions().contains(region);
    }
}
