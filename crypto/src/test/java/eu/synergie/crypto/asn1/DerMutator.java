package eu.synergie.crypto.asn1;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, structure-aware mutations of a valid DER encoding, for generated-input tests of parsers of hostile
 * input: each call picks one kind and returns the mutated bytes, with the kind's name in {@link #lastKind()}.
 * The kinds follow what a hostile client can send: bit flips, truncation at every length class, inserted and
 * deleted bytes, declared lengths beyond the input or near 2^31, deep nesting (definite and indefinite, in
 * place of any element, inside strings, split across the segments of a constructed string, behind a header whose
 * length runs a little past its container), and wrong universal types at any element.
 */
public final class DerMutator {

    /** A TLV element of the original encoding: where it starts, its header's and contents' lengths. */
    public record Node(int offset, int headerLength, int contentLength, int tag, boolean constructed) {
        public int end() {
            return offset + headerLength + contentLength;
        }
    }

    public enum Kind {
        BIT_FLIP, TRUNCATE, INSERT, DELETE, LENGTH_BEYOND_INPUT, LENGTH_NEAR_2_31, DEEP_NESTING_DEFINITE,
        DEEP_NESTING_INDEFINITE, DEEP_NESTING_IN_STRING, DEEP_NESTING_IN_SEGMENTS, DEEP_NESTING_BEHIND_OVERRUN, WRONG_TYPE,
        SWAP_ELEMENTS, DUPLICATE_ELEMENT, REMOVE_ELEMENT
    }

    private static final int[] UNIVERSAL_TYPES = {
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0a, 0x0c, 0x13, 0x16, 0x17, 0x18, 0x1e, 0x30, 0x31,
        0x80, 0xa0, 0xa1, 0xa2, 0xa3, 0x24, 0x23, 0x00, 0x1f, 0xff
    };

    private final byte[] original;
    private final List<Node> nodes;
    private final SplittableRandom random;
    private Kind lastKind;

    public DerMutator(byte[] der, SplittableRandom random) {
        this.original = der.clone();
        this.nodes = List.copyOf(nodes(der));
        this.random = random;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Kind lastKind() {
        return lastKind;
    }

    /** One mutation of a kind chosen at random. */
    public byte[] mutate() {
        Kind[] kinds = Kind.values();
        return mutate(kinds[random.nextInt(kinds.length)]);
    }

    public byte[] mutate(Kind kind) {
        lastKind = kind;
        return switch (kind) {
            case BIT_FLIP -> bitFlips();
            case TRUNCATE -> truncate();
            case INSERT -> insert();
            case DELETE -> delete();
            case LENGTH_BEYOND_INPUT -> withLength(anyNode(), original.length + 1L + random.nextInt(1 << 20));
            case LENGTH_NEAR_2_31 -> withLength(anyNode(), nearTwoToThe31());
            case DEEP_NESTING_DEFINITE -> replaceContents(anyNode(), nestedDefinite(depth()));
            case DEEP_NESTING_INDEFINITE -> replaceContents(anyNode(), nestedIndefinite(depth()));
            case DEEP_NESTING_IN_STRING -> replaceNode(anyNode(), element(0x04,
                    random.nextBoolean() ? nestedDefinite(depth()) : nestedIndefinite(depth())));
            case DEEP_NESTING_IN_SEGMENTS -> inSegments();
            case DEEP_NESTING_BEHIND_OVERRUN -> replaceNode(anyNode(), element(random.nextBoolean() ? 0x04 : 0x03,
                    random.nextBoolean() ? new byte[0] : new byte[1], behindOverrun(depth(), 1 + random.nextInt(4))));
            case WRONG_TYPE -> wrongType();
            case SWAP_ELEMENTS -> swapSiblings();
            case DUPLICATE_ELEMENT -> duplicate();
            case REMOVE_ELEMENT -> remove();
        };
    }

    private int depth() {
        // Thousands of levels, and some just around common limits.
        return switch (random.nextInt(4)) {
            case 0 -> 60 + random.nextInt(10);
            case 1 -> 100 + random.nextInt(200);
            default -> 1_000 + random.nextInt(9_000);
        };
    }

    /**
     * In place of an element, a string of the same kind (OCTET STRING, or BIT STRING where one stood) in constructed
     * form: its segments, each harmless alone, join into deeply nested SEQUENCEs, as a parser that joins them
     * before it reads them sees. Up to the hundred thousand levels that overflow Bouncy Castle's stack.
     */
    private byte[] inSegments() {
        Node node = anyNode();
        int tag = (node.tag() & 0x1f) == 0x03 ? 0x03 : 0x04;
        int depth = random.nextInt(8) == 0 ? 50_000 + random.nextInt(50_000) : depth();
        byte[] nested = random.nextBoolean() ? nestedDefinite(depth) : nestedIndefinite(depth);
        int segment = switch (random.nextInt(3)) {
            case 0 -> depth > 10_000 ? 1_000 : 1 + random.nextInt(8); // tiny segments would pass the size limit
            case 1 -> 100 + random.nextInt(900);
            default -> 1_000;
        };
        return replace(original, nodes, node, segmented(tag, nested, segment, random.nextBoolean()));
    }

    private long nearTwoToThe31() {
        long[] around = {0x7fffffffL, 0x80000000L, 0xffffffffL, 0x7ffffff0L, 0x80000001L, 0x7fffffffL - original.length};
        return around[random.nextInt(around.length)] + random.nextInt(3) - 1;
    }

    private Node anyNode() {
        return nodes.get(random.nextInt(nodes.size()));
    }

    private byte[] bitFlips() {
        byte[] bytes = original.clone();
        int flips = 1 + random.nextInt(random.nextInt(4) == 0 ? 16 : 2);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(bytes.length);
            bytes[at] ^= (byte) (1 << random.nextInt(8));
        }
        return bytes;
    }

    private byte[] truncate() {
        int length = switch (random.nextInt(5)) {
            case 0 -> random.nextInt(Math.min(16, original.length)); // the first headers
            case 1 -> original.length - 1 - random.nextInt(Math.min(16, original.length)); // the last bytes
            case 2 -> { // at an element's boundary, or one byte either side of it
                Node node = anyNode();
                int[] cuts = {node.offset(), node.offset() + 1, node.offset() + node.headerLength(),
                    node.offset() + node.headerLength() - 1, node.end() - 1, node.end(), node.end() + 1};
                yield cuts[random.nextInt(cuts.length)];
            }
            case 3 -> Math.min(original.length - 1, 1 << random.nextInt(31 - Integer.numberOfLeadingZeros(original.length) + 1));
            default -> random.nextInt(original.length);
        };
        return Arrays.copyOf(original, Math.max(0, Math.min(length, original.length - 1)));
    }

    private byte[] insert() {
        int at = random.nextBoolean() ? random.nextInt(original.length + 1) : anyNode().offset();
        byte[] inserted = new byte[1 + random.nextInt(random.nextBoolean() ? 3 : 64)];
        random.nextBytes(inserted);
        return splice(original, at, 0, inserted);
    }

    private byte[] delete() {
        int at = random.nextBoolean() ? random.nextInt(original.length) : anyNode().offset();
        int count = Math.min(original.length - at, 1 + random.nextInt(random.nextBoolean() ? 3 : 64));
        return splice(original, at, count, new byte[0]);
    }

    private byte[] wrongType() {
        Node node = anyNode();
        byte[] bytes = original.clone();
        int type = UNIVERSAL_TYPES[random.nextInt(UNIVERSAL_TYPES.length)];
        if (type == (bytes[node.offset()] & 0xff)) {
            type ^= 0x20; // the same type, constructed the other way
        }
        bytes[node.offset()] = (byte) type;
        return bytes;
    }

    private byte[] swapSiblings() {
        Node first = anyNode();
        for (Node second : nodes) {
            if (second.offset() == first.end() && second.offset() > first.offset()) {
                byte[] a = Arrays.copyOfRange(original, first.offset(), first.end());
                byte[] b = Arrays.copyOfRange(original, second.offset(), second.end());
                byte[] swapped = concat(b, a);
                return splice(original, first.offset(), swapped.length, swapped);
            }
        }
        return bitFlips();
    }

    /** An element repeated right after itself; every enclosing length grows to keep the structure valid. */
    private byte[] duplicate() {
        Node node = anyNode();
        return growContaining(nodes, node, splice(original, node.end(), 0, Arrays.copyOfRange(original, node.offset(), node.end())),
                node.end() - node.offset());
    }

    /** An element taken out; every enclosing length shrinks to keep the structure valid. */
    private byte[] remove() {
        Node node = anyNode();
        if (node.offset() == 0) {
            return new byte[0];
        }
        return growContaining(nodes, node, splice(original, node.offset(), node.end() - node.offset(), new byte[0]),
                -(node.end() - node.offset()));
    }

    /**
     * {@code der} with {@code node} (one of {@link #nodes(byte[]) its nodes}) replaced by {@code replacement}, and the
     * length of every element that encloses it re-encoded to fit: the rest stays well formed.
     */
    public static byte[] replace(byte[] der, Node node, byte[] replacement) {
        return replace(der, nodes(der), node, replacement);
    }

    private static byte[] replace(byte[] der, List<Node> nodes, Node node, byte[] replacement) {
        return growContaining(nodes, node, splice(der, node.offset(), node.end() - node.offset(), replacement),
                replacement.length - (node.end() - node.offset()));
    }

    /** Re-encodes the lengths of every element that encloses {@code changed} by {@code delta}, innermost first. */
    private static byte[] growContaining(List<Node> nodes, Node changed, byte[] bytes, int delta) {
        byte[] result = bytes;
        // Outermost first would shift offsets of inner ones; from the innermost out, offsets before them stay put.
        List<Node> enclosing = new ArrayList<>();
        for (Node node : nodes) {
            if (node.offset() < changed.offset() && node.end() >= changed.end() && node.constructed()) {
                enclosing.add(node);
            }
        }
        enclosing.sort((a, b) -> Integer.compare(b.offset(), a.offset()));
        for (Node node : enclosing) {
            byte[] header = header(result[node.offset()] & 0xff, node.contentLength() + delta);
            int oldHeader = node.headerLength();
            result = splice(result, node.offset(), oldHeader, header);
            delta += header.length - oldHeader;
        }
        return result;
    }

    private byte[] withLength(Node node, long length) {
        byte[] header = new byte[] {original[node.offset()], (byte) 0x84,
            (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
        int tagBytes = tagLength(original, node.offset());
        byte[] tag = Arrays.copyOfRange(original, node.offset(), node.offset() + tagBytes);
        return splice(original, node.offset(), node.headerLength(), concat(tag, Arrays.copyOfRange(header, 1, header.length)));
    }

    private byte[] replaceContents(Node node, byte[] contents) {
        int tag = original[node.offset()] & 0xff;
        return replaceNode(node, element(tag | 0x20, contents));
    }

    private byte[] replaceNode(Node node, byte[] replacement) {
        return splice(original, node.offset(), node.end() - node.offset(), replacement);
    }

    /**
     * {@code contents} as a constructed OCTET STRING ({@code tag} 0x04) or BIT STRING (0x03) of primitive segments of
     * at most {@code segment} bytes each (a BIT STRING segment's unused-bits octet comes on top), definite or
     * indefinite length: BER, which DER forbids and Bouncy Castle reads, joining the segments.
     */
    public static byte[] segmented(int tag, byte[] contents, int segment, boolean indefinite) {
        ByteArrayOutputStream segments = new ByteArrayOutputStream();
        for (int at = 0; at < contents.length; at += segment) {
            byte[] part = Arrays.copyOfRange(contents, at, Math.min(contents.length, at + segment));
            segments.writeBytes(tag == 0x03 ? element(tag, new byte[1], part) : element(tag, part));
        }
        if (!indefinite) {
            return element(tag | 0x20, segments.toByteArray());
        }
        return concat(concat(new byte[] {(byte) (tag | 0x20), (byte) 0x80}, segments.toByteArray()), new byte[2]);
    }

    /**
     * {@code depth} nested SEQUENCEs behind one SEQUENCE header whose definite length runs {@code overrun} bytes past
     * what follows: a parser that reads the contents before it checks they are all there recurses through them.
     */
    public static byte[] behindOverrun(int depth, int overrun) {
        byte[] nested = nestedDefinite(depth);
        byte[] header = header(0x30, nested.length + overrun);
        return concat(header, nested);
    }

    /** {@code depth} SEQUENCEs each holding the next, definite lengths, innermost empty. */
    public static byte[] nestedDefinite(int depth) {
        // Written outside in, in one pass: wrapping level by level would copy the whole thing once per level.
        int[] contentLengths = new int[depth];
        for (int level = 1; level < depth; level++) { // level 0 is the innermost, empty
            contentLengths[level] = contentLengths[level - 1] + header(0x30, contentLengths[level - 1]).length;
        }
        byte[] bytes = new byte[contentLengths[depth - 1] + header(0x30, contentLengths[depth - 1]).length];
        int position = 0;
        for (int level = depth - 1; level >= 0; level--) {
            byte[] header = header(0x30, contentLengths[level]);
            System.arraycopy(header, 0, bytes, position, header.length);
            position += header.length;
        }
        return bytes;
    }

    /** {@code depth} SEQUENCEs of indefinite length, each closed by end-of-contents. */
    public static byte[] nestedIndefinite(int depth) {
        byte[] bytes = new byte[depth * 4];
        for (int i = 0; i < depth; i++) {
            bytes[2 * i] = 0x30;
            bytes[2 * i + 1] = (byte) 0x80;
        }
        return bytes; // the second half is already zeros: the end-of-contents octets
    }

    /** One element of {@code tag} (a single identifier octet) holding {@code parts} one after the other. */
    public static byte[] element(int tag, byte[]... parts) {
        byte[] contents = new byte[0];
        for (byte[] part : parts) {
            contents = concat(contents, part);
        }
        return concat(header(tag, contents.length), contents);
    }

    private static byte[] header(int tag, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | octets);
            for (int i = octets - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        return out.toByteArray();
    }

    private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
        byte[] result = new byte[bytes.length - removed + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at + removed, result, at + inserted.length, bytes.length - at - removed);
        return result;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    private static int tagLength(byte[] der, int offset) {
        if ((der[offset] & 0x1f) != 0x1f) {
            return 1;
        }
        int i = offset + 1;
        while ((der[i] & 0x80) != 0) {
            i++;
        }
        return i - offset + 1;
    }

    /** Every element of a DER encoding (definite lengths), in document order; primitive contents are not entered. */
    public static List<Node> nodes(byte[] der) {
        List<Node> result = new ArrayList<>();
        collect(der, 0, der.length, result);
        return result;
    }

    private static void collect(byte[] der, int from, int to, List<Node> out) {
        int position = from;
        while (position < to) {
            int tagBytes = tagLength(der, position);
            int lengthAt = position + tagBytes;
            int first = der[lengthAt] & 0xff;
            int length;
            int lengthBytes;
            if (first < 0x80) {
                length = first;
                lengthBytes = 1;
            } else {
                int count = first & 0x7f;
                length = 0;
                for (int i = 1; i <= count; i++) {
                    length = (length << 8) | (der[lengthAt + i] & 0xff);
                }
                lengthBytes = 1 + count;
            }
            boolean constructed = (der[position] & 0x20) != 0;
            Node node = new Node(position, tagBytes + lengthBytes, length, der[position] & 0xff, constructed);
            out.add(node);
            if (constructed) {
                collect(der, position + node.headerLength(), node.end(), out);
            }
            position = node.end();
        }
    }
}
