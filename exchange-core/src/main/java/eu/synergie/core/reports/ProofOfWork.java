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
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hashcash-style proof of work (Back, "Hashcash — a denial of service counter-measure", 2002) that slows floods of
 * anonymous reports without a third-party captcha and without knowing who sends them: the exchange hands out a
 * challenge it authenticates (random bytes, an expiry, an HMAC), and takes a form only with a nonce such that
 * SHA-256(challenge ":" nonce) starts with {@code bits} zero bits, each challenge once. The browser finds the nonce
 * (about 2^bits hashes); checking it is one hash. As GlobaLeaks does, in place of anything that would identify the
 * sender (an address, a cookie kept, a third party's script).
 *
 * <p>A challenge is accepted once per instance: several instances behind a balancer could each take it once.
 */
public final class ProofOfWork {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] key;
    private final int bits;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> used = new ConcurrentHashMap<>();

    /**
     * @param key  the HMAC key that authenticates challenges (the same on every instance)
     * @param bits the leading zero bits asked for: 16 takes a browser a second or so
     * @param ttl  how long a challenge may be answered
     */
    public ProofOfWork(byte[] key, int bits, Duration ttl, Clock clock) {
        if (bits < 0 || bits > 30) {
            throw new IllegalArgumentException("bits must be 0 to 30");
        }
        this.key = key.clone();
        this.bits = bits;
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The zero bits asked for. */
    public int bits() {
        return bits;
    }

    /** A fresh challenge: {@code random.expiry.tag}. */
    public String challenge() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String body = B64.encodeToString(nonce) + "." + clock.instant().plus(ttl).getEpochSecond();
        return body + "." + B64.encodeToString(mac(body));
    }

    /** Whether {@code nonce} answers {@code challenge}, which this exchange made, is not expired and was not answered before. */
    public boolean verify(String challenge, String nonce) {
        if (challenge == null || nonce == null || challenge.length() > 200 || nonce.length() > 40) {
            return false;
        }
        String[] parts = challenge.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        String body = parts[0] + "." + parts[1];
        byte[] tag;
        long expiry;
        try {
            tag = B64D.decode(parts[2]);
            expiry = Long.parseLong(parts[1]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        Instant now = clock.instant();
        if (!MessageDigest.isEqual(tag, mac(body)) || now.isAfter(Instant.ofEpochSecond(expiry))
                || !leadingZeroBits(challenge, nonce, bits)) {
            return false;
        }
        used.values().removeIf(until -> until.isBefore(now));
        return used.putIfAbsent(challenge, Instant.ofEpochSecond(expiry)) == null;
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
