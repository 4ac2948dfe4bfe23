package eu.synergie.crypto.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/**
 * Key generation for agencies, regions and the exchange CA: EC keys on NIST P-256 (secp256r1),
 * encoded as named-curve keys per RFC 5480.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5480">RFC 5480</a>
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
}
