package eu.synergie.stix;

import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * Which values the standard STIX observables can hold: the export writes a value that one cannot hold as our
 * {@code synergie-entity-value} instead, and the import refuses an address that is none.
 */
final class ObservableValues {

    /** The value pattern of the OASIS ipv4-addr schema: a dotted quad, optionally a CIDR prefix. */
    private static final Pattern IPV4 = Pattern.compile("(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\\.){3}"
            + "([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])(/(3[0-2]|[1-2][0-9]|[0-9]))?");

    /** RFC 5322 §3.2.3 dot-atom of atext: the local part of an address as people write it (no quoted string). */
    private static final Pattern DOT_ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    /** A host name label (RFC 1123): letters, digits, hyphens inside. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private ObservableValues() {
    }

    static boolean isIpv4(String value) {
        return IPV4.matcher(value).matches();
    }

    /** An IPv6 literal, optionally with a CIDR prefix; {@code ofLiteral} never resolves a name. */
    static boolean isIpv6(String value) {
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        if (address.indexOf(':') < 0 || (slash >= 0 && !value.substring(slash + 1).matches("[0-9]{1,3}"))) {
            return false;
        }
        try {
            return InetAddress.ofLiteral(address) instanceof Inet6Address;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * An address {@code email-addr.value} may hold: STIX 2.1 §6.5 wants the addr-spec of RFC 5322 alone, never a
     * display name ({@code Jean Dupont <jd@example.fr>}). Read narrowly, as the schema's {@code email} format: a
     * dot-atom local part of at most 64 characters and an ASCII host name with a dot. Quoted local parts and address
     * literals are valid mail but rare; they go to our own type rather than risk an object consumers refuse.
     */
    static boolean isEmailAddress(String value) {
        int at = value.lastIndexOf('@');
        if (at <= 0 || at > 64 || value.length() > 254) {
            return false;
        }
        String domain = value.substring(at + 1);
        return DOT_ATOM.matcher(value.substring(0, at)).matches() && domain.indexOf('.') > 0 && isAsciiHostName(domain);
    }

    /**
     * A name {@code domain-name.value} may hold: a host name (RFC 1123), internationalised names too (the schema's
     * {@code idn-hostname}), as their ASCII form by IDNA with the STD3 rules; at most 253 characters.
     */
    static boolean isDomainName(String value) {
        String ascii;
        try {
            ascii = IDN.toASCII(value, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return isAsciiHostName(ascii);
    }

    private static boolean isAsciiHostName(String name) {
        if (name.isEmpty() || name.length() > 253 || name.endsWith(".")) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // The last label is a top-level domain, never all digits (RFC 3696 §2): 10.0.0.1 is no host name.
        return !labels[labels.length - 1].matches("[0-9]+");
    }
}
