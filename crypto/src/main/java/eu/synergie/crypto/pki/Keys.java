package eu.synergie.crypto.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Key generation for agencies, regions and the exchange CA: EC keys on NIST P-256 (secp256r1),
 * encoded as named-curve keys per RFC 5480, and Ed25519 signing keys for agencies (RFC 8410).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5480">RFC 5480</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8410">RFC 8410</a>
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

    static boolean isEc(PublicKey key) {
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
        throw new IllegalArgumentException("key is neither EC nor Ed25519");
    }

    // From the encoded SubjectPublicKeyInfo, not getAlgorithm(): providers disagree on the name
    // ("EC" or "ECDSA", "Ed25519" or "EdDSA").
    private static ASN1ObjectIdentifier algorithmOf(PublicKey key) {
        return SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getAlgorithm();
    }
}
