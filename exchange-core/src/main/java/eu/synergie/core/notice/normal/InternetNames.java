package eu.synergie.core.notice.normal;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/** E-mail addresses, domain names and IP address literals. */
final class InternetNames {

    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private InternetNames() {
    }

    /**
     * Lower-cases the local part as well as the domain. RFC 5321 lets a mail server treat "Visa.Rapide"
     * and "visa.rapide" as two mailboxes, but none of the big providers does, and this form is for
     * matching, not for delivery: a missed match costs more than a rare false one.
     */
    static NormalizedValue email(String value) {
        String text = value.strip();
        int at = text.indexOf('@');
        if (at <= 0 || at != text.lastIndexOf('@') || at == text.length() - 1 || text.chars().anyMatch(Character::isWhitespace)) {
            return NormalizedValue.invalid(value, "not an e-mail address");
        }
        String domain = asciiDomain(text.substring(at + 1));
        if (domain == null) {
            return NormalizedValue.invalid(value, "e-mail domain not a domain name");
        }
        return NormalizedValue.ok(text.substring(0, at).toLowerCase(Locale.ROOT) + "@" + domain);
    }

    static NormalizedValue domain(String value) {
        String domain = asciiDomain(value.strip());
        return domain == null ? NormalizedValue.invalid(value, "not a domain name") : NormalizedValue.ok(domain);
    }

    /**
     * The A-label form, lower case, without the trailing root dot; null unless it has at least two labels of
     * letters, digits and hyphens. {@link IDN} implements IDNA 2003, which maps "ß" to "ss" where IDNA 2008
     * keeps it: both spellings then meet, which suits matching.
     */
    private static String asciiDomain(String text) {
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (name.isEmpty() || name.indexOf('.') < 0) {
            return null;
        }
        try {
            String ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            for (String label : ascii.split("\\.", -1)) {
                if (label.isEmpty()) {
                    return null;
                }
            }
            return ascii;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Canonical text of an IP literal. {@code ofLiteral} parses and never resolves a name, so an attacker's
     * "address" cannot make the indexer query DNS; an IPv4-mapped IPv6 address reads as its IPv4 address.
     */
    static NormalizedValue ipAddress(String value) {
        String text = value.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        try {
            if (text.indexOf(':') < 0) {
                // Strict dotted quad: Java also takes "10.1" or "1.2.3", which in a feed are more often
                // version numbers or typos than addresses.
                if (!DOTTED_QUAD.matcher(text).matches()) {
                    return NormalizedValue.invalid(value, "not an IP address");
                }
                return NormalizedValue.ok(Inet4Address.ofLiteral(text).getHostAddress());
            }
            InetAddress address = InetAddress.ofLiteral(text);
            return NormalizedValue.ok(address instanceof Inet6Address ? compressed(address.getAddress())
                    : address.getHostAddress());
        } catch (IllegalArgumentException e) {
            return NormalizedValue.invalid(value, "not an IP address");
        }
    }

    /** RFC 5952 text: lower-case hex, no leading zeros, the first longest run of two or more zero groups as "::". */
    private static String compressed(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
