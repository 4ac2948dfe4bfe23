package eu.synergie.crypto.pki;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** Certificate fingerprints, as operators compare them out of band and as provenance records them. */
public final class Fingerprints {

    private Fingerprints() {
    }

    /** The SHA-256 of the certificate's DER encoding, lower-case hexadecimal without separators. */
    public static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }
}
