package eu.synergie.crypto.asn1;

import java.util.Arrays;

/**
 * Checks the tag-length-value structure of a BER or DER encoding (ITU-T X.690) before Bouncy Castle parses
 * it: one element that fills the input exactly, every declared length within its container, indefinite
 * lengths only on constructed elements and closed by end-of-contents, and nesting no deeper than a bound.
 * Bouncy Castle's parser recurses once per level of nesting, so a few kilobytes of nested headers would
 * exhaust the thread's stack; this walk is a loop and stops at the bound instead.
 *
 * <p>The contents of OCTET STRING and BIT STRING elements are often DER themselves (certificate extensions,
 * ECDSA signature values) and are parsed again later, out of sight: when such contents begin with nested
 * constructed headers, their depth counts too, whether or not the rest is well formed. Random bytes (a
 * ciphertext, a public key) do not nest deep, so they are never refused for it.
 *
 * @see <a href="https://www.itu.int/rec/T-REC-X.690">ITU-T X.690</a>
 */
public final class TlvLimits {

    /** Deep enough for any CMS envelope, certificate or request we make or read (they nest about 15 levels). */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private static final int EOC = 0x00;
    private static final int TAG_BIT_STRING = 0x03;
    private static final int TAG_OCTET_STRING = 0x04;
    private static final long INDEFINITE = -1;

    private final byte[] in;
    private final int maxDepth;

    private TlvLimits(byte[] in, int maxDepth) {
        this.in = in;
        this.maxDepth = maxDepth;
    }

    /**
     * Refuses {@code encoding} unless it is exactly one well-formed BER element nested at most
     * {@code maxDepth} levels deep (the outermost element is level 1).
     *
     * @throws MalformedEncodingException naming the first defect
     */
    public static void check(byte[] encoding, int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be positive");
        }
        if (encoding == null || encoding.length == 0) {
            throw new MalformedEncodingException("the encoding is empty");
        }
        TlvLimits scan = new TlvLimits(encoding, maxDepth);
        long end = scan.walk(0, encoding.length, 0, true);
        if (end != encoding.length) {
            throw new MalformedEncodingException("data follows the encoded element");
        }
    }

    /** As {@link #check(byte[], int)} with {@link #DEFAULT_MAX_DEPTH}. */
    public static void check(byte[] encoding) {
        check(encoding, DEFAULT_MAX_DEPTH);
    }

    /**
     * Walks one element starting at {@code from} within {@code [from, limit)}, iteratively, and returns
     * where it ends. {@code baseDepth} is the depth of the element holding this region (0 at the top). When
     * {@code strict} is false (the contents of a string that may or may not be DER), a defect ends the walk
     * quietly and only the depth matters; the result is then meaningless.
     */
    private long walk(int from, int limit, int baseDepth, boolean strict) {
        // One entry per open constructed element: where it ends, or INDEFINITE.
        long[] ends = new long[Math.min(maxDepth, 16) + 1];
        int open = 0;
        long position = from;
        do {
            // Close the definite-length elements that end here.
            while (open > 0 && ends[open - 1] != INDEFINITE && position == ends[open - 1]) {
                open--;
            }
            if (open == 0 && position > from) {
                return position;
            }
            long containerEnd = open == 0 ? limit : ends[open - 1] == INDEFINITE ? enclosingEnd(ends, open, limit)
                    : ends[open - 1];
            if (position >= containerEnd) {
                return fail(strict, "an element runs past the end of its container");
            }
            int first = in[(int) position] & 0xff;
            long cursor = position + 1;
            int tagNumber = first & 0x1f;
            if (tagNumber == 0x1f) {
                // High tag number form: base 128, at most 4 octets (tags beyond 2^28 exist in no standard).
                int octets = 0;
                int b;
                do {
                    if (cursor >= containerEnd || ++octets > 4) {
                        return fail(strict, "a tag number is too long or cut off");
                    }
                    b = in[(int) cursor++] & 0xff;
                } while ((b & 0x80) != 0);
                tagNumber = -1;
            }
            if (cursor >= containerEnd) {
                return fail(strict, "a length is cut off");
            }
            int lengthOctet = in[(int) cursor++] & 0xff;
            boolean constructed = (first & 0x20) != 0;
            long length;
            if (lengthOctet < 0x80) {
                length = lengthOctet;
            } else if (lengthOctet == 0x80) {
                if (!constructed) {
                    return fail(strict, "a primitive element has an indefinite length");
                }
                length = INDEFINITE;
            } else {
                int count = lengthOctet & 0x7f;
                // 0xFF is reserved; more than four octets would declare more than 4 GiB.
                if (count > 4) {
                    return fail(strict, "a length has more than four octets");
                }
                if (cursor + count > containerEnd) {
                    return fail(strict, "a length is cut off");
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (in[(int) cursor++] & 0xff);
                }
            }
            if (first == EOC && lengthOctet == 0) {
                // End-of-contents closes the innermost indefinite-length element, and nothing else.
                if (open == 0 || ends[open - 1] != INDEFINITE) {
                    return fail(strict, "end-of-contents outside an indefinite-length element");
                }
                open--;
                position = cursor;
                if (open == 0) {
                    return position;
                }
                continue;
            }
            if (length != INDEFINITE && cursor + length > containerEnd) {
                return fail(strict, "a declared length exceeds the input");
            }
            if (!constructed) {
                if (tagNumber == TAG_OCTET_STRING || tagNumber == TAG_BIT_STRING) {
                    int skip = tagNumber == TAG_BIT_STRING ? 1 : 0;
                    if (length > skip) {
                        encapsulated((int) cursor + skip, (int) (cursor + length), baseDepth + open + 1);
                    }
                }
                position = cursor + length;
                if (open == 0) {
                    return position;
                }
                continue;
            }
            if (baseDepth + open + 1 > maxDepth) {
                throw new MalformedEncodingException("elements are nested more than " + maxDepth + " levels deep");
            }
            if (open == ends.length) {
                ends = Arrays.copyOf(ends, Math.min(ends.length * 2, maxDepth + 1));
            }
            ends[open++] = length == INDEFINITE ? INDEFINITE : cursor + length;
            position = cursor;
        } while (true);
    }

    /** Where the innermost definite-length element around an indefinite one ends (the input's end at worst). */
    private static long enclosingEnd(long[] ends, int open, int limit) {
        for (int i = open - 1; i >= 0; i--) {
            if (ends[i] != INDEFINITE) {
                return ends[i];
            }
        }
        return limit;
    }

    /**
     * The contents of a string, taken as DER if they look like it. Only constructed headers can nest, and each
     * takes at least two bytes, so this recursion is bounded by the depth limit, never by the input.
     */
    private void encapsulated(int from, int to, int depth) {
        int first = in[from] & 0xff;
        if ((first & 0x20) == 0 || first == 0xff) {
            return; // not a constructed element: nothing nests here
        }
        walk(from, to, depth, false);
    }

    private static long fail(boolean strict, String defect) {
        if (strict) {
            throw new MalformedEncodingException(defect);
        }
        return -1;
    }
}
