package eu.synergie.crypto.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a CRL (RFC 5280, section 5.3): the serial number of a revoked certificate, when it
 * was revoked and the CRLReason code: 0 unspecified, 1 keyCompromise, 2 cACompromise,
 * 3 affiliationChanged, 4 superseded, 5 cessationOfOperation, 6 certificateHold, 8 removeFromCRL,
 * 9 privilegeWithdrawn, 10 aACompromise (7 is unassigned).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5280#section-5.3.1">RFC 5280, section 5.3.1</a>
 */
public record RevokedCertificate(BigInteger serial, Instant revokedAt, int reasonCode) {

    public RevokedCertificate {
        if (serial == null || serial.signum() <= 0) {
            throw new IllegalArgumentException("serial must be positive");
        }
        Objects.requireNonNull(revokedAt, "revokedAt");
        if (reasonCode < 0 || reasonCode > 10 || reasonCode == 7) {
            throw new IllegalArgumentException("reasonCode " + reasonCode + " is not an RFC 5280 CRLReason");
        }
    }
}
