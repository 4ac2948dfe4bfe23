package eu.synergie.core.trust;

import java.time.Instant;
import java.util.Objects;

/**
 * A certificate the exchange CA issued to an agency.
 *
 * @param serial     the serial number, lower-case hexadecimal
 * @param pem        the certificate in PEM
 * @param revocation null while the certificate is not revoked
 */
public record CertificateRecord(String serial, String agency, String pem, Instant notBefore, Instant notAfter,
                                Revocation revocation) {

    public CertificateRecord {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(pem, "pem");
    }

    public boolean revoked() {
        return revocation != null;
    }
}
