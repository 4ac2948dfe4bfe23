package eu.synergie.core.trust;

import java.time.Instant;
import java.util.Objects;

/**
 * A revocation. After a key compromise, nothing signed from {@code compromisedAt} on can be trusted
 * (the administrator may state an earlier time than the revocation); for any other reason, signatures
 * made before {@code revokedAt} stay valid.
 */
public record Revocation(RevocationReason reason, Instant revokedAt, Instant compromisedAt) {

    public Revocation {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(revokedAt, "revokedAt");
        if (reason == RevocationReason.KEY_COMPROMISE) {
            compromisedAt = compromisedAt == null ? revokedAt : compromisedAt;
            if (compromisedAt.isAfter(revokedAt)) {
                throw new IllegalArgumentException("compromisedAt must not be after the revocation");
            }
        } else if (compromisedAt != null) {
            throw new IllegalArgumentException("compromisedAt is only for the reason KEY_COMPROMISE");
        }
    }

    /** The moment from which signatures are no longer trusted. */
    public Instant untrustedFrom() {
        return reason == RevocationReason.KEY_COMPROMISE ? compromisedAt : revokedAt;
    }
}
