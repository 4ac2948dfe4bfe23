package eu.synergie.crypto.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The layout and hash of one entry of a hash chain. An entry is the JSON object
 * <pre>{"chain": {"writer": W, "sequence": n, "previous": H(n-1)}, "event": {…}, "hash": H(n)}</pre>
 * where {@code H(n)} is the lowercase hex SHA-256 of the RFC 8785 canonical form of the entry without
 * its {@code hash} member, and {@code H(-1)} is {@link #GENESIS}. Each writer keeps its own chain with a
 * gap-free sequence from 0; the {@code event} is whatever the caller records (for us, an audit event).
 * Because the hash covers the canonical form, the entry can be stored as any JSON text that parses to
 * the same values and still verify.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8785">RFC 8785</a>
 * @see <a href="https://csrc.nist.gov/pubs/fips/180-4/upd1/final">FIPS 180-4 (SHA-256)</a>
 */
public final class HashChain {

    /** The "previous hash" of a chain's first entry. */
    public static final String GENESIS = "0".repeat(64);

    static final String CHAIN = "chain";
    static final String WRITER = "writer";
    static final String SEQUENCE = "sequence";
    static final String PREVIOUS = "previous";
    static final String EVENT = "event";
    static final String HASH = "hash";
    static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    private HashChain() {
    }

    /** The chain fields of an entry, as it claims them (whether they hold is for {@link ChainVerifier} to say). */
    public record Link(String writer, long sequence, String previous, String hash) {
    }

    /** The chain fields of {@code entry}, or empty if it is not shaped like an entry. */
    public static Optional<Link> linkOf(Map<String, ?> entry) {
        if (entry == null || !(entry.get(CHAIN) instanceof Map<?, ?> chain) || !(entry.get(EVENT) instanceof Map<?, ?>)
                || !(entry.get(HASH) instanceof String hash) || !HEX_SHA256.matcher(hash).matches()
                || !(chain.get(WRITER) instanceof String writer) || writer.isBlank()
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
