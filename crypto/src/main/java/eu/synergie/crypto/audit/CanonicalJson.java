package eu.synergie.crypto.audit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme (JCS) of RFC 8785, implemented here in full for the JSON data model
 * as plain Java values: {@code Map<String, ?>} (object), {@code List<?>} (array), {@code String},
 * {@code Boolean}, {@code null} and {@code Number}. Object members are sorted by their names' UTF-16 code
 * units, strings are escaped as ECMAScript's {@code JSON.stringify} does, and numbers are IEEE 754
 * doubles written as ECMAScript's {@code Number.prototype.toString} writes them (section 3.2.2.3), which
 * is Java's shortest round-trip digits ({@link Double#toString}, exact since JDK 19) laid out in the
 * ECMAScript notation. Our own small implementation rather than a library because the crypto module
 * depends on Bouncy Castle and the JDK only; its test holds the RFC's examples and number vectors.
 * <p>
 * Inputs that JCS cannot represent are refused, never approximated: NaN and infinities, integers beyond
 * ±2<sup>53</sup> (a double would round them), strings with a lone surrogate, and any other type.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8785">RFC 8785</a>
 */
public final class CanonicalJson {

    private static final long MAX_EXACT = 1L << 53;

    private CanonicalJson() {
    }

    /** The canonical UTF-8 bytes of {@code value}. */
    public static byte[] bytes(Object value) {
        return string(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical text of {@code value}. */
    public static String string(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case Boolean b -> out.append(b);
            case String s -> string(s, out);
            case Number n -> out.append(number(n));
            case Map<?, ?> map -> object(map, out);
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(list.get(i), out);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("JSON has no value of type " + value.getClass().getSimpleName());
        }
    }

    private static void object(Map<?, ?> map, StringBuilder out) {
        List<String> names = new ArrayList<>(map.size());
        for (Object name : map.keySet()) {
            if (!(name instanceof String s)) {
                throw new IllegalArgumentException("a JSON member name must be a string");
            }
            names.add(s);
        }
        // String.compareTo compares UTF-16 code units, which is exactly the order of RFC 8785, 3.2.3.
        names.sort(String::compareTo);
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(names.get(i), out);
            out.append(':');
            write(map.get(names.get(i)), out);
        }
        out.append('}');
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("a JSON string for JCS must be valid Unicode (lone surrogate at " + i + ")");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** ECMAScript's Number.prototype.toString for the double {@code n} stands for. */
    static String number(Number n) {
        double d = switch (n) {
            case Long l -> exact(l);
            case Integer i -> i;
            case Short s -> s;
            case Byte b -> b;
            case BigInteger big -> exact(big.bitLength() < 63 ? big.longValue() : Long.MAX_VALUE);
            case BigDecimal dec -> dec.doubleValue();
            default -> n.doubleValue();
        };
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("JSON has no NaN or infinity");
        }
        if (d == 0) {
            return "0"; // also -0
        }
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        if (shortest.precision() == 2) {
            // Java writes at least two digits where one would do (4.9E-324); ECMAScript takes the shortest,
            // and of those the closest to the exact value.
            BigDecimal one = new BigDecimal(Math.abs(d)).round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (one.doubleValue() == Math.abs(d)) {
                shortest = one.stripTrailingZeros();
            }
        }
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int e = k - shortest.scale(); // the value is 0.digits × 10^e
        StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
        if (k <= e && e <= 21) {
            out.append(digits).repeat('0', e - k);
        } else if (0 < e && e <= 21) {
            out.append(digits, 0, e).append('.').append(digits, e, k);
        } else if (-6 < e && e <= 0) {
            out.append("0.").repeat('0', -e).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(e - 1 >= 0 ? "+" : "-").append(Math.abs(e - 1));
        }
        return out.toString();
    }

    private static double exact(long value) {
        if (value > MAX_EXACT || value < -MAX_EXACT) {
            throw new IllegalArgumentException("integer " + value + " is beyond the exact range of a JSON number (2^53)");
        }
        return value;
    }
}
