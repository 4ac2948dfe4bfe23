package eu.synergie.core.notice.normal;

import eu.synergie.core.notice.Folding;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/** Names, addresses and registration or document numbers: folded text, no checksum but IMO numbers'. */
final class Texts {

    // Periods and apostrophes join ("S.A.R.L." → "sarl", "O'Brien" → "obrien", "d’Artagnan" → "dartagnan");
    // every other punctuation mark separates ("DUPONT,Jean", "Jean-Pierre", "Smith/Jones").
    private static final Pattern JOINING = Pattern.compile("[.'’ʼ`]");
    private static final Pattern SEPARATING = Pattern.compile("[\\p{P}\\p{S}\\s]+");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern IMO = Pattern.compile("IMO(\\d{7})");

    private Texts() {
    }

    /**
     * Folded tokens, sorted: the order of given and family names varies with the writer's country and
     * habits ("DUPONT, Jean", "Jean Dupont", Hungarian or Chinese order), so "dupont jean" is their one form.
     * The same for organisations, whose words are reordered less often but never harmfully.
     */
    static NormalizedValue name(String value) {
        String[] tokens = tokens(value);
        if (tokens.length == 0) {
            return NormalizedValue.invalid(value, "no letters or digits");
        }
        Arrays.sort(tokens);
        return NormalizedValue.ok(String.join(" ", tokens));
    }

    /** Folded tokens in their written order: in an address the order carries meaning (number, street, town). */
    static NormalizedValue address(String value) {
        String[] tokens = tokens(value);
        return tokens.length == 0 ? NormalizedValue.invalid(value, "no letters or digits")
                : NormalizedValue.ok(String.join(" ", tokens));
    }

    /** Upper-case letters and digits only: plates, passports and tail numbers are written with any separator. */
    static NormalizedValue identifier(String value) {
        String compact = NOT_ALPHANUMERIC.matcher(Folding.fold(value)).replaceAll("").toUpperCase(Locale.ROOT);
        return compact.isEmpty() ? NormalizedValue.invalid(value, "no letters or digits") : NormalizedValue.ok(compact);
    }

    /** As {@link #identifier}, and an IMO ship number must pass its check digit (weights 7 to 2, mod 10). */
    static NormalizedValue vessel(String value) {
        NormalizedValue identifier = identifier(value);
        var imo = IMO.matcher(identifier.normalized());
        if (identifier.valid() && imo.matches()) {
            String digits = imo.group(1);
            int sum = 0;
            for (int i = 0; i < 6; i++) {
                sum += (digits.charAt(i) - '0') * (7 - i);
            }
            if (sum % 10 != digits.charAt(6) - '0') {
                return NormalizedValue.invalid(value, "IMO check digit fails");
            }
        }
        return identifier;
    }

    private static String[] tokens(String value) {
        String joined = JOINING.matcher(Folding.fold(value)).replaceAll("");
        String spaced = SEPARATING.matcher(joined).replaceAll(" ").strip();
        return spaced.isEmpty() ? new String[0] : spaced.split(" ");
    }
}
