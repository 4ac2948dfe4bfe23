package eu.synergie.crypto.pairing;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The key of one pair for one period ({@link PairKey#forPeriod}), and the keyed hashes under it: HMAC-SHA256 (RFC
 * 2104, RFC 4231) of a value's UTF-8 bytes. Safe to share between threads: each hash uses its own MAC instance.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2104">RFC 2104</a>
 */
public final class PeriodKey {

    /** The length of a keyed hash, in bytes. */
    public static final int HASH_BYTES = 32;

    private final String period;
    private final byte[] key;

    PeriodKey(String period, byte[] key) {
        this.period = Objects.requireNonNull(period, "period");
        this.key = key;
    }

    public String period() {
        return period;
    }

    /** HMAC-SHA256 of {@code value} (UTF-8) under this period's key: 32 bytes. */
    public byte[] hash(String value) {
        Objects.requireNonNull(value, "value");
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(key));
        hmac.update(bytes, 0, bytes.length);
        byte[] hash = new byte[HASH_BYTES];
        hmac.doFinal(hash, 0);
        return hash;
    }

    // Never the key.
    @Override
    public String toString() {
        return "PeriodKey[" + period + "]";
    }
}
