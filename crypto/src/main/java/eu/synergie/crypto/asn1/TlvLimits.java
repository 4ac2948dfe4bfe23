package eu.synergie.crypto.asn1;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Checks the tag-length-value structure of a BER or DER encoding (ITU-T X.690) before Bouncy Castle parses
 * it: one element that fills the input exactly, every declared length within its container, indefinite
 * lengths only on constructed elements and closed by end-of-contents, and nesting no deeper than a bound.
 * Bouncy Castle's parser recurses once per level of nesting, so a few kilobytes of nested headers would
 * exhaust the thread's stack; this walk is a loop and stops at the bound instead.
 *
 * <p>The contents of OCTET STRING and BIT STRING elements are often DER themselves (certificate extensions,
 * public keys, ECDSA signature values) and are parsed again later, out of sight: their depth counts too,
 * whether or not they are well formed. That walk is lenient, since random bytes (a ciphertext, a digest, an
 * Ed25519 key) need not be DER, but it stops only where no parser could read on: a length that runs past its
 * container is taken to run to the container's end (Bouncy Castle compares a length with what its container
 * holds before the header was read, and recurses through what is there before it finds the rest missing).
 * A string in constructed form (BER segments, which Bouncy Castle joins before it parses the whole) is walked
 * joined, so that nesting split across its segments is seen; joining never takes more than
 * {@value #JOINED_PER_INPUT_BYTE} times the input's size. Random bytes do not nest deep, so they are never
 * refused for it.
 *
 * @see <a href="https://www.itu.int/rec/T-REC-X.690">ITU-T X.690</a>
 */
public final class TlvLimits {

    /** Deep enough for any CMS envelope, certificate or request we make or read (they nest about 15 levels). */
    public static final int DEFAULT_MAX_DEPTH = 64;

    /** Joined strings may hold this many bytes per byte of input in all (strings within joined strings join again). */
    static final int JOINED_PER_INPUT_BYTE = 4;

    private static final int EOC = 0x00;
    private static final int TAG_BIT_STRING = 0x03;
    private static final int TAG_OCTET_STRING = 0x04;
    private static final int CONSTRUCTED = 0x20;
    private static final long INDEFINITE = -1;

    private final byte[] in;
    private final int maxDepth;
    private final long[] joinable; // shared by the walks of one check: bytes that joined strings may still take

    private TlvLimits(byte[] in, int maxDepth, long[] joinable) {
        this.in = in;
        this.maxDepth = maxDepth;
        this.joinable = joinable;
    }

    /**
     * Refuses {@code encoding} unless it is exactly one well-formed BER element nested at most
     * {@code maxDepth} levels deep (the outermost element is level 1), strings' contents included.
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
        TlvLimits scan = new TlvLimits(encoding, maxDepth, new long[] {(long) JOINED_PER_INPUT_BYTE * encoding.length});
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
     * The segments of a string in constructed form being gathered: the string's place on the walk's stack, its
     * universal type (BIT or OCTET STRING) and depth, and the segments' contents so far, in order.
     */
    private static final class Join {

        final int stackIndex;
        final int type;
        final int depth;
        final ByteArrayOutputStream contents = new ByteArrayOutputStream();

        Join(int stackIndex, int type, int depth) {
            this.stackIndex = stackIndex;
            this.type = type;
            this.depth = depth;
        }
    }

    /**
     * Walks one element starting at {@code from} within {@code [from, limit)}, iteratively, and returns
     * where it ends. {@code baseDepth} is the depth of the element holding this region (0 at the top). When
     * {@code strict} is false (the contents of a string that may or may not be DER), only the depth matters:
     * a length past its container is cut to the container, a defect no parser reads past ends the walk
     * quietly, and the result is then -1.
     */
    private long walk(int from, int limit, int baseDepth, boolean strict) {
        // One entry per open constructed element: where it ends, or INDEFINITE.
        long[] ends = new long[Math.min(maxDepth, 16) + 1];
        int open = 0;
        long position = from;
        Join join = null; // the outermost string in constructed form open here, if any
        do {
            // Close the definite-length elements that end here.
            while (open > 0 && ends[open - 1] != INDEFINITE && position == ends[open - 1]) {
                open--;
                if (join != null && open == join.stackIndex) {
                    walkJoined(join);
                    join = null;
                }
            }
            if (open == 0 && position > from) {
                return position;
            }
            long containerEnd = open == 0 ? limit : ends[open - 1] == INDEFINITE ? enclosingEnd(ends, open, limit)
                    : ends[open - 1];
            if (position >= containerEnd) {
                return fail(strict, "an element runs past the end of its container", join);
            }
            int first = in[(int) position] & 0xff;
            long cursor = position + 1;
            int tagNumber = first & 0x1f;
            if (tagNumber == 0x1f) {
                // High tag number form: base 128, at most 4 octets (tags beyond 2^28 exist in no standard; Bouncy
                // Castle reads up to 31 bits, so the lenient walk reads on).
                int octets = 0;
                int b;
                do {
                    if (cursor >= containerEnd || (++octets > 4 && strict)) {
                        return fail(strict, "a tag number is too long or cut off", join);
                    }
                    b = in[(int) cursor++] & 0xff;
                } while ((b & 0x80) != 0);
                tagNumber = -1;
            }
            if (cursor >= containerEnd) {
                return fail(strict, "a length is cut off", join);
            }
            int lengthOctet = in[(int) cursor++] & 0xff;
            boolean constructed = (first & CONSTRUCTED) != 0;
            long length;
            if (lengthOctet < 0x80) {
                length = lengthOctet;
            } else if (lengthOctet == 0x80) {
                if (!constructed) {
                    return fail(strict, "a primitive element has an indefinite length", join);
                }
                length = INDEFINITE;
            } else {
                int count = lengthOctet & 0x7f;
                // 0xFF is reserved; more than four octets would declare more than 4 GiB.
                if (count > 4) {
                    return fail(strict, "a length has more than four octets", join);
                }
                if (cursor + count > containerEnd) {
                    return fail(strict, "a length is cut off", join);
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (in[(int) cursor++] & 0xff);
                }
            }
            if (first == EOC && lengthOctet == 0) {
                // End-of-contents closes the innermost indefinite-length element, and nothing else.
                if (open == 0 || ends[open - 1] != INDEFINITE) {
                    return fail(strict, "end-of-contents outside an indefinite-length element", join);
                }
                open--;
                if (join != null && open == join.stackIndex) {
                    walkJoined(join);
                    join = null;
                }
                position = cursor;
                if (open == 0) {
                    return position;
                }
                continue;
            }
            if (length != INDEFINITE && cursor + length > containerEnd) {
                if (strict) {
                    throw new MalformedEncodingException("a declared length exceeds the input");
                }
                // A parser may read on until the data runs out: count the depth of what is there.
                length = containerEnd - cursor;
            }
            if (!constructed) {
                int skip = tagNumber == TAG_BIT_STRING ? 1 : 0; // a BIT STRING's unused-bits octet
                if (join != null) {
                    if (first != join.type) {
                        // X.690 8.6.4 and 8.7.3: a segment is a string of the same type. Bouncy Castle refuses others.
                        if (strict) {
                            throw new MalformedEncodingException("a constructed string holds an element of another type");
                        }
                    } else if (length > skip) {
                        gather(join, (int) cursor + skip, (int) (cursor + length));
                    }
                } else if ((tagNumber == TAG_OCTET_STRING || tagNumber == TAG_BIT_STRING) && length > skip) {
                    encapsulated((int) cursor + skip, (int) (cursor + length), baseDepth + open + 1);
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
            if (join != null) {
                if (first != (join.type | CONSTRUCTED) && strict) {
                    throw new MalformedEncodingException("a constructed string holds an element of another type");
                }
            } else if (first == (TAG_OCTET_STRING | CONSTRUCTED) || first == (TAG_BIT_STRING | CONSTRUCTED)) {
                join = new Join(open, first & ~CONSTRUCTED, baseDepth + open + 1);
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
     * The contents of a string, taken as DER if they look like it: every element in turn, leniently. Only
     * constructed headers can nest, and each takes at least two bytes, so this recursion is bounded by the depth
     * limit, never by the input.
     */
    private void encapsulated(int from, int to, int depth) {
        int position = from;
        while (position < to) {
            long end = walk(position, to, depth, false);
            if (end <= position) {
                return; // a defect that no parser reads past
            }
            position = (int) end;
        }
    }

    private void gather(Join join, int from, int to) {
        joinable[0] -= to - from;
        if (joinable[0] < 0) {
            throw new MalformedEncodingException("constructed strings join into more than " + JOINED_PER_INPUT_BYTE
                    + " times the input");
        }
        join.contents.write(in, from, to - from);
    }

    /** The joined contents of a string in constructed form, walked as the contents of a primitive one are. */
    private void walkJoined(Join join) {
        byte[] joined = join.contents.toByteArray();
        if (joined.length > 0) {
            new TlvLimits(joined, maxDepth, joinable).encapsulated(0, joined.length, join.depth);
        }
    }

    /**
     * A defect: refused when strict; otherwise the walk ends quietly, after what a constructed string open here
     * has gathered so far is walked (a streaming parser hands that on before it meets the defect).
     */
    private long fail(boolean strict, String defect, Join join) {
        if (strict) {
            throw new MalformedEncodingException(defect);
        }
        if (join != null) {
            walkJoined(join);
        }
        return -1;
    }
}
