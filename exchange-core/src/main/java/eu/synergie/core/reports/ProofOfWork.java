package eu.synergie.core.reports;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A hashcash-style proof of work (Back, "Hashcash — a denial of service counter-measure", 2002) that slows floods of
 * anonymous reports without a third-party captcha and without knowing who sends them: the exchange hands out a
 * challenge it authenticates (random bytes, an expiry, an HMAC), and takes a form only with a nonce such that
 * SHA-256(challenge ":" nonce) starts with {@code bits} zero bits, each challenge once. The browser finds the nonce
 * (about 2^bits hashes); checking it is one hash. As GlobaLeaks does, in place of anything that would identify the
 * sender (an address, a cookie kept, a third party's script).
 *
 * <p>The bits asked for are part of the authenticated challenge, so the exchange can ask for more when it is busy. A
 * challenge is accepted once per instance: several instances behind a balancer could each take it once.
 */
public final class ProofOfWork {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] key;
    private final int bits;
    private final Duration ttl;
    private final Clock clock;
    private final int remembered;
    private final SecureRandom random = new SecureRandom();
    /** Challenges answered, to refuse a replay until they expire; with a queue in expiry order to forget them cheaply. */
    private final Map<String, Instant> used = new ConcurrentHashMap<>();
    private final Queue<Map.Entry<String, Instant>> byExpiry = new ConcurrentLinkedQueue<>();

    /**
     * @param key        the HMAC key that authenticates challenges (the same on every instance)
     * @param bits       the leading zero bits asked for when the exchange is quiet: 16 takes a browser a second or so
     * @param ttl        how long a challenge may be answered
     * @param remembered how many answered challenges are remembered at most (beyond, none is taken until some expire)
     */
    public ProofOfWork(byte[] key, int bits, Duration ttl, Clock clock, int remembered) {
        if (bits < 0 || bits > 30) {
            throw new IllegalArgumentException("bits must be 0 to 30");
        }
        this.key = key.clone();
        this.bits = bits;
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.remembered = remembered;
    }

    public ProofOfWork(byte[] key, int bits, Duration ttl, Clock clock) {
        this(key, bits, ttl, clock, 100_000);
    }

    /** The zero bits asked for when quiet. */
    public int bits() {
        return bits;
    }

    /** A fresh challenge asking for the quiet number of bits. */
    public String challenge() {
        return challenge(bits);
    }

    /**
     * A fresh challenge asking for {@code asked} zero bits (more when the exchange is busy): {@code random.expiry.bits.tag},
     * the bits inside what the tag authenticates, so that a sender cannot lower them.
     */
    public String challenge(int asked) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String body = B64.encodeToString(nonce) + "." + clock.instant().plus(ttl).getEpochSecond() + "." + Math.min(30, asked);
        return body + "." + B64.encodeToString(mac(body));
    }

    /** The zero bits {@code challenge} asks for (as it says; {@link #verify} checks it is authentic). */
    public static int bitsOf(String challenge) {
        String[] parts = challenge == null ? new String[0] : challenge.split("\\.");
        try {
            return parts.length == 4 ? Integer.parseInt(parts[2]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Whether {@code nonce} answers {@code challenge}, which this exchange made, is not expired and was not answered before. */
    public boolean verify(String challenge, String nonce) {
        if (challenge == null || nonce == null || challenge.length() > 200 || nonce.length() > 40) {
            return false;
        }
        String[] parts = challenge.split("\\.");
        if (parts.length != 4) {
            return false;
        }
        String body = parts[0] + "." + parts[1] + "." + parts[2];
        byte[] tag;
        long expiry;
        int asked;
        try {
            tag = B64D.decode(parts[3]);
            expiry = Long.parseLong(parts[1]);
            asked = Integer.parseInt(parts[2]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        Instant now = clock.instant();
        if (!MessageDigest.isEqual(tag, mac(body)) || now.isAfter(Instant.ofEpochSecond(expiry)) || asked < bits
                || !leadingZeroBits(challenge, nonce, asked)) {
            return false;
        }
        forgetExpired(now);
        if (used.size() >= remembered) {
            return false;
        }
        Instant until = Instant.ofEpochSecond(expiry);
        if (used.putIfAbsent(challenge, until) != null) {
            return false;
        }
        byExpiry.add(Map.entry(challenge, until));
        return true;
    }

    /** Challenges come in roughly in expiry order (one ttl for all): the queue's head is the first to forget. */
    private void forgetExpired(Instant now) {
        for (Map.Entry<String, Instant> head = byExpiry.peek(); head != null && head.getValue().isBefore(now);
             head = byExpiry.peek()) {
            if (byExpiry.remove(head)) {
                used.remove(head.getKey(), head.getValue());
            }
        }
    }

    /** The first nonce answering {@code challenge} with {@code bits} zero bits: what the browser's script does. */
    public static String solve(String challenge, int bits) {
        for (long n = 0; ; n++) {
            if (leadingZeroBits(challenge, Long.toString(n), bits)) {
                return Long.toString(n);
            }
        }
    }

    static boolean leadingZeroBits(String challenge, String nonce, int bits) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest((challenge + ":" + nonce).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (hash[i] != 0) {
                return false;
            }
        }
        int rest = bits % 8;
        return rest == 0 || (hash[full] & 0xFF) >>> (8 - rest) == 0;
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }
}
