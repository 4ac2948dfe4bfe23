package eu.synergie.crypto.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The layout and hash of one entry of a hash chain. An entry is the JSON object
 * <pre>{"chain": {"writer": W, "sequence": n, "previous": H(n-1)}, "event": {…}, "hash": H(n)}</pre>
 * where {@code H(n)} is the lowercase hex SHA-256 of the RFC 8785 canonical form of the entry without
 * its {@code hash} member, and {@code H(-1)} is {@link #GENESIS}. Each writer keeps its own chain with a
 * gap-free sequence from 0; the {@code event} is whatever the caller records (for us, an audit event).
 * Because the hash covers the canonical form, the entry can be stored as any JSON text that parses to
 * the same values and still verify.
 * <p>
 * A hash chain alone is not keyed: anyone can append a well-formed entry. So each writer links, from time to
 * time and when it stops, a <b>checkpoint</b>: an entry whose event is
 * <pre>{"checkpoint": {"writer": W, "sequence": n, "hash": H(n), "final": false|true}, "signature": S}</pre>
 * where {@code S} is the base64 of a detached CMS signature by the exchange over the RFC 8785 canonical form of
 * the {@code checkpoint} object. It vouches for entries 0 to n of W; a final one says W wrote nothing after it.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8785">RFC 8785</a>
 * @see <a href="https://csrc.nist.gov/pubs/fips/180-4/upd1/final">FIPS 180-4 (SHA-256)</a>
 */
public final class HashChain {

    /** The "previous hash" of a chain's first entry. */
    public static final String GENESIS = "0".repeat(64);

    /**
     * The longest writer name an entry may carry. Names are chosen by whoever appends, and every reader keeps the
     * names of the chains it follows: a bound per name keeps that memory bounded by the number of chains.
     */
    public static final int MAX_WRITER_LENGTH = 256;

    static final String CHAIN = "chain";
    static final String WRITER = "writer";
    static final String SEQUENCE = "sequence";
    static final String PREVIOUS = "previous";
    static final String EVENT = "event";
    static final String HASH = "hash";
    static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");
    static final String CHECKPOINT = "checkpoint";
    static final String SIGNATURE = "signature";
    static final String FINAL = "final";

    private HashChain() {
    }

    /** The chain fields of an entry, as it claims them (whether they hold is for {@link ChainVerifier} to say). */
    public record Link(String writer, long sequence, String previous, String hash) {
    }

    /** The chain fields of {@code entry}, or empty if it is not shaped like an entry. */
    public static Optional<Link> linkOf(Map<String, ?> entry) {
        if (entry == null || !(entry.get(CHAIN) instanceof Map<?, ?> chain) || !(entry.get(EVENT) instanceof Map<?, ?>)
                || !(entry.get(HASH) instanceof String hash) || !HEX_SHA256.matcher(hash).matches()
                || !(chain.get(WRITER) instanceof String writer) || writer.isBlank() || writer.length() > MAX_WRITER_LENGTH
                || !(chain.get(PREVIOUS) instanceof String previous) || !HEX_SHA256.matcher(previous).matches()
                || !(chain.get(SEQUENCE) instanceof Number number)) {
            return Optional.empty();
        }
        long sequence;
        try {
            sequence = switch (number) {
                case Long l -> l;
                case Integer i -> i;
                case BigInteger big -> big.longValueExact();
                default -> -1;
            };
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
        return sequence < 0 ? Optional.empty() : Optional.of(new Link(writer, sequence, previous, hash));
    }

    /**
     * A checkpoint as its entry claims it (whether its signature holds is for {@link ChainVerifier} to say).
     *
     * @param content   the bytes the signature covers: the canonical form of the {@code checkpoint} object
     * @param signature the detached CMS signature, decoded from base64
     */
    public record Checkpoint(String writer, long sequence, String hash, boolean last, byte[] content, byte[] signature) {

        /**
         * Whether this checkpoint, held by the entry {@code at}, names the head just before it: the same writer, the
         * sequence before, the hash that entry links to. A genuine checkpoint copied anywhere else names another head.
         */
        public boolean signsHeadBefore(Link at) {
            return writer.equals(at.writer()) && sequence == at.sequence() - 1 && hash.equals(at.previous());
        }
    }

    /** Whether {@code entry}'s event is a checkpoint rather than a recorded event. */
    public static boolean isCheckpoint(Map<String, ?> entry) {
        return entry != null && entry.get(EVENT) instanceof Map<?, ?> event && event.containsKey(CHECKPOINT);
    }

    /** The checkpoint an entry holds, or empty if its event is not a well-formed checkpoint. */
    public static Optional<Checkpoint> checkpointOf(Map<String, ?> entry) {
        if (!(entry.get(EVENT) instanceof Map<?, ?> event) || !(event.get(CHECKPOINT) instanceof Map<?, ?> checkpoint)
                || !(event.get(SIGNATURE) instanceof String signature) || event.size() != 2
                || !(checkpoint.get(WRITER) instanceof String writer) || !(checkpoint.get(HASH) instanceof String hash)
                || !(checkpoint.get(FINAL) instanceof Boolean last) || !(checkpoint.get(SEQUENCE) instanceof Number number)
                || checkpoint.size() != 4) {
            return Optional.empty();
        }
        long sequence = number instanceof Long || number instanceof Integer ? number.longValue() : -1;
        try {
            return Optional.of(new Checkpoint(writer, sequence, hash, last, CanonicalJson.bytes(checkpoint),
                    Base64.getDecoder().decode(signature)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The event of a checkpoint of {@code writer}'s entries 0 to {@code sequence}, whose hash is {@code hash}.
     *
     * @param signer makes the detached signature over the canonical form of the checkpoint object
     */
    static Map<String, Object> checkpointEvent(String writer, long sequence, String hash, boolean last,
                                               Function<byte[], byte[]> signer) {
        Map<String, Object> checkpoint = new LinkedHashMap<>();
        checkpoint.put(WRITER, writer);
        checkpoint.put(SEQUENCE, sequence);
        checkpoint.put(HASH, hash);
        checkpoint.put(FINAL, last);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put(CHECKPOINT, checkpoint);
        event.put(SIGNATURE, Base64.getEncoder().encodeToString(signer.apply(CanonicalJson.bytes(checkpoint))));
        return event;
    }

    /** The event an entry holds (its {@code event} member). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> eventOf(Map<String, ?> entry) {
        return (Map<String, Object>) entry.get(EVENT);
    }

    /** An entry linked after {@code previous}: the event with its chain fields and its hash. */
    public static Map<String, Object> entry(String writer, long sequence, String previous, Map<String, ?> event) {
        Map<String, Object> chain = new LinkedHashMap<>();
        chain.put(WRITER, writer);
        chain.put(SEQUENCE, sequence);
        chain.put(PREVIOUS, previous);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put(CHAIN, chain);
        entry.put(EVENT, event);
        entry.put(HASH, hashOf(entry));
        return entry;
    }

    /** The hash an entry must carry: SHA-256 over the canonical form of the entry without its {@code hash}. */
    public static String hashOf(Map<String, ?> entry) {
        Map<String, Object> content = new LinkedHashMap<>(entry);
        content.remove(HASH);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CanonicalJson.bytes(content)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
