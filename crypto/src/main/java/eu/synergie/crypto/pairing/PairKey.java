package eu.synergie.crypto.pairing;

import eu.synergie.crypto.pki.BouncyCastle;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The secret two named parties (two exchanges) share, and the keys derived from it per period.
 *
 * <p>By default nothing secret is configured or shipped: each side computes the same shared secret from its own EC
 * private key and the other side's EC public key (static-static ECDH, NIST SP 800-56A; the federation key pair and
 * the peer's certificate pinned at peering). A secret configured on both sides (a PKCS#12 secret-key entry) serves
 * the same role where the keys cannot be used for agreement. Either is only input keying material: HKDF-Extract
 * (RFC 5869, SHA-256, a fixed salt naming this use) turns it into the pair's pseudorandom key, and HKDF-Expand with
 * an {@code info} naming this use, the two parties (ordered, so both sides derive the same) and the period gives
 * one key per period ({@link #forPeriod}). A key of one period tells nothing about another period's, nor a pair's
 * about another pair's.
 *
 * <p>What it does not give: forward secrecy. Whoever later obtains either side's private key (or the configured
 * secret) can derive every period's key, past ones included; the periods limit how long one derived key is in use
 * and what a leaked derived key exposes, not what a leaked long-term key exposes.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5869">RFC 5869 (HKDF)</a>
 * @see <a href="https://csrc.nist.gov/pubs/sp/800/56/a/r3/final">NIST SP 800-56A Rev. 3</a>
 */
public final class PairKey {

    private static final byte[] SALT = "synergie pair key v1".getBytes(StandardCharsets.US_ASCII);
    private static final String PERIOD_LABEL = "synergie hit/no-hit period key v1";
    private static final int KEY_BYTES = 32;

    private final byte[] prk;
    private final String ownName;
    private final String peerName;

    private PairKey(byte[] ikm, String ownName, String peerName) {
        this.ownName = requireName(ownName, "ownName");
        this.peerName = requireName(peerName, "peerName");
        if (ownName.equals(peerName)) {
            throw new IllegalArgumentException("a pair key joins two different parties");
        }
        this.prk = extract(ikm);
        Arrays.fill(ikm, (byte) 0);
    }

    /**
     * The pair key agreed by ECDH between this side's private key and the other side's public key: the other side,
     * with its private key and this side's public key, derives the same.
     *
     * @param own       this side's EC private key (e.g. the exchange's federation key, P-256)
     * @param peer      the other side's EC public key, on the same curve (from its pinned certificate)
     * @param ownName   this side's name, e.g. {@code EXCH-EU}
     * @param peerName  the other side's name, e.g. {@code EXCH-MED}
     * @throws IllegalArgumentException when a key is not an EC key or the two are not on the same curve
     */
    public static PairKey agree(PrivateKey own, PublicKey peer, String ownName, String peerName) {
        Objects.requireNonNull(own, "own");
        Objects.requireNonNull(peer, "peer");
        if (!isEc(own, peer)) {
            throw new IllegalArgumentException("the pair key is agreed between two EC keys (the federation keys)");
        }
        byte[] shared;
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH", BouncyCastle.PROVIDER);
            agreement.init(own);
            agreement.doPhase(peer, true);
            shared = agreement.generateSecret();
        } catch (GeneralSecurityException | IllegalStateException e) {
            // Never the keys in the message: only which check failed.
            throw new IllegalArgumentException("ECDH between the two keys failed (not on the same curve?)", e);
        }
        return new PairKey(shared, ownName, peerName);
    }

    /**
     * The pair key from a secret configured on both sides (at least 256 bits), e.g. read with
     * {@code Pkcs12.readSecretKey}.
     */
    public static PairKey ofSecret(SecretKey secret, String ownName, String peerName) {
        Objects.requireNonNull(secret, "secret");
        byte[] bytes = secret.getEncoded();
        if (bytes == null || bytes.length < KEY_BYTES) {
            throw new IllegalArgumentException("a configured pair secret must have at least 256 bits");
        }
        return new PairKey(bytes, ownName, peerName);
    }

    public String ownName() {
        return ownName;
    }

    public String peerName() {
        return peerName;
    }

    /**
     * The key of one period (e.g. {@code 2026-W49}), the same on both sides: HKDF-Expand over an {@code info} that
     * names this use, the two parties in a fixed order and the period, each length-prefixed so that no two
     * different triples give the same {@code info}.
     */
    public PeriodKey forPeriod(String period) {
        requireName(period, "period");
        boolean ownFirst = ownName.compareTo(peerName) < 0;
        byte[] info = info(PERIOD_LABEL, ownFirst ? ownName : peerName, ownFirst ? peerName : ownName, period);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(HKDFParameters.skipExtractParameters(prk.clone(), info));
        byte[] key = new byte[KEY_BYTES];
        hkdf.generateBytes(key, 0, key.length);
        return new PeriodKey(period, key);
    }

    /** RFC 5869 section 2.2, once per pair: every period's key is then one expansion of the same PRK. */
    private static byte[] extract(byte[] ikm) {
        return new HKDFBytesGenerator(new SHA256Digest()).extractPRK(SALT, ikm);
    }

    private static byte[] info(String... parts) {
        int length = 0;
        byte[][] encoded = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            encoded[i] = parts[i].getBytes(StandardCharsets.UTF_8);
            length += 2 + encoded[i].length;
        }
        byte[] info = new byte[length];
        int at = 0;
        for (byte[] part : encoded) {
            info[at++] = (byte) (part.length >>> 8);
            info[at++] = (byte) part.length;
            System.arraycopy(part, 0, info, at, part.length);
            at += part.length;
        }
        return info;
    }

    private static boolean isEc(PrivateKey own, PublicKey peer) {
        try {
            return X9ObjectIdentifiers.id_ecPublicKey.equals(PrivateKeyInfo.getInstance(own.getEncoded())
                    .getPrivateKeyAlgorithm().getAlgorithm())
                    && X9ObjectIdentifiers.id_ecPublicKey.equals(SubjectPublicKeyInfo.getInstance(peer.getEncoded())
                    .getAlgorithm().getAlgorithm());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String requireName(String name, String what) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException(what + " must be 1 to 200 characters");
        }
        return name;
    }

    // Never the key: a name of the pair only.
    @Override
    public String toString() {
        return "PairKey[" + ownName + "↔" + peerName + "]";
    }
}
