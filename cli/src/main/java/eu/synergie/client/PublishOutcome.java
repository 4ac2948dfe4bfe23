package eu.synergie.client;

import eu.synergie.core.envelope.RejectionReason;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What the exchange answered to one envelope, after any retries. */
public sealed interface PublishOutcome {

    /** How many requests it took, the first included. */
    int attempts();

    /**
     * The exchange has the envelope in its log (HTTP 202): it will be indexed. The position is where
     * the log holds it.
     */
    record Accepted(String noticeId, String region, String topic, int partition, long offset, int attempts)
            implements PublishOutcome {
    }

    /**
     * The exchange refused the envelope (a 4xx, or a 500): sending it again unchanged would be refused again.
     *
     * @param reason the problem's {@code reason} (e.g. {@code LABEL_MISMATCH}), or {@code HTTP_<status>} when it gave none
     * @param detail the problem's {@code detail}: which check failed
     * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
     */
    record Rejected(int status, String reason, String detail, int attempts) implements PublishOutcome {

        // Refusals about the signer or the recipient key, not about one notice: every other notice
        // sealed with the same keys would be refused the same way.
        private static final Set<RejectionReason> TRUST = EnumSet.of(RejectionReason.UNKNOWN_SIGNER,
                RejectionReason.CERTIFICATE_EXPIRED, RejectionReason.CERTIFICATE_NOT_YET_VALID,
                RejectionReason.CERTIFICATE_REVOKED, RejectionReason.AGENCY_SUSPENDED,
                RejectionReason.NOT_FOR_A_KNOWN_REGION);

        /** The exchange's reason code, if it is one of its known reasons. */
        public Optional<RejectionReason> knownReason() {
            for (RejectionReason known : RejectionReason.values()) {
                if (known.name().equals(reason)) {
                    return Optional.of(known);
                }
            }
            return Optional.empty();
        }

        /** Is the refusal about the agency's certificate or the region's, so that every notice would meet it? */
        public boolean isTrustFailure() {
            return knownReason().map(TRUST::contains).orElse(false);
        }
    }
}
