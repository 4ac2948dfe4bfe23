package eu.synergie.stix;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.regex.Pattern;

/** Which IP address values the STIX ipv4-addr and ipv6-addr objects can hold; the same test both ways. */
final class IpLiterals {

    /** The value pattern of the OASIS ipv4-addr schema: a dotted quad, optionally a CIDR prefix. */
    private static final Pattern IPV4 = Pattern.compile("(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\\.){3}"
            + "([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])(/(3[0-2]|[1-2][0-9]|[0-9]))?");

    private IpLiterals() {
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
}
