package eu.synergie.client;

import eu.synergie.crypto.envelope.EnvelopeProfile;

import java.util.Objects;
import java.util.UUID;

/**
 * A notice sealed for its region: the envelope (CMS, DER) with the notice id and region read from it before sealing,
 * and the profile it was sealed in (classical, or hybrid: an ML-KEM layer around it and an ML-DSA countersignature).
 */
public record SealedNotice(UUID noticeId, String region, EnvelopeProfile profile, byte[] envelope) {

    public SealedNotice {
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(envelope, "envelope");
    }

    // The envelope is ciphertext; its length is all a log needs.
    @Override
    public String toString() {
        return "SealedNotice[noticeId=" + noticeId + ", region=" + region + ", profile=" + profile
                + ", envelopeBytes=" + envelope.length + "]";
    }
}
