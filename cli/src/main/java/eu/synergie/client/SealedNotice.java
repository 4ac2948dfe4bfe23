package eu.synergie.client;

import java.util.Objects;
import java.util.UUID;

/** A notice sealed for its region: the envelope (CMS, DER) with the notice id and region read from it before sealing. */
public record SealedNotice(UUID noticeId, String region, byte[] envelope) {

    public SealedNotice {
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(envelope, "envelope");
    }

    // The envelope is ciphertext; its length is all a log needs.
    @Override
    public String toString() {
        return "SealedNotice[noticeId=" + noticeId + ", region=" + region + ", envelopeBytes=" + envelope.length + "]";
    }
}
