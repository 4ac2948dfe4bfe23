package eu.synergie.crypto.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jcajce.spec.MLDSAParameterSpec;
import org.bouncycastle.jcajce.spec.MLKEMParameterSpec;

/**
 * Key generation for agencies, regions and the exchange CA: EC keys on NIST P-256 (secp256r1),
 * encoded as named-curve keys per RFC 5480, Ed25519 signing keys for agencies (RFC 8410), and for the
 * hybrid profile ML-DSA-65 signing keys (FIPS 204, RFC 9881) and ML-KEM-768 recipient keys (FIPS 203,
 * RFC 9935).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5480">RFC 5480</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8410">RFC 8410</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9881">RFC 9881</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9935">RFC 9935</a>
 */
public final class Keys {

    private Keys() {
    }

    /** A fresh P-256 key pair, usable for ECDSA signatures and ECDH key agreement. */
    public static KeyPair generateEcP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 key generation unavailable", e);
        }
    }

    /** A fresh Ed25519 key pair, for agency signatures only (it cannot do key agreement). */
    public static KeyPair generateEd25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519", BouncyCastle.PROVIDER).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 key generation unavailable", e);
        }
    }

    /** A fresh ML-DSA-65 key pair (FIPS 204): the post-quantum signature of the hybrid profile, for agencies and CAs. */
    public static KeyPair generateMlDsa65() {
        return generate("ML-DSA", MLDSAParameterSpec.ml_dsa_65);
    }

    /**
     * A fresh ML-KEM-768 key pair (FIPS 203): the post-quantum recipient key of the hybrid profile. It encapsulates
     * only; it can neither sign nor agree keys.
     */
    public static KeyPair generateMlKem768() {
        return generate("ML-KEM", MLKEMParameterSpec.ml_kem_768);
    }

    private static KeyPair generate(String algorithm, java.security.spec.AlgorithmParameterSpec parameters) {
        try {
            // Bouncy Castle's, named: the JDK has its own ML-KEM and ML-DSA, whose keys the CMS code of Bouncy
            // Castle would have to translate.
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm, BouncyCastle.PROVIDER);
            generator.initialize(parameters);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " key generation unavailable", e);
        }
    }

    public static boolean isEc(PublicKey key) {
        return X9ObjectIdentifiers.id_ecPublicKey.equals(algorithmOf(key));
    }

    /** The signature algorithm an agency key signs with: ECDSA-with-SHA256 or pure Ed25519. */
    static String signatureAlgorithmFor(PublicKey key) {
        ASN1ObjectIdentifier algorithm = algorithmOf(key);
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            return "SHA256withECDSA";
        }
        if (EdECObjectIdentifiers.id_Ed25519.equals(algorithm)) {
            return "Ed25519";
        }
        if (NISTObjectIdentifiers.id_ml_dsa_65.equals(algorithm)) {
            return "ML-DSA-65";
        }
        throw new IllegalArgumentException("key is neither EC, Ed25519 nor ML-DSA-65");
    }

    public static boolean isMlDsa65(PublicKey key) {
        return NISTObjectIdentifiers.id_ml_dsa_65.equals(algorithmOf(key));
    }

    public static boolean isMlKem768(PublicKey key) {
        return NISTObjectIdentifiers.id_alg_ml_kem_768.equals(algorithmOf(key));
    }

    // From the encoded SubjectPublicKeyInfo, not getAlgorithm(): providers disagree on the name
    // ("EC" or "ECDSA", "Ed25519" or "EdDSA").
    private static ASN1ObjectIdentifier algorithmOf(PublicKey key) {
        return SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getAlgorithm();
    }
}
