package eu.synergie.core.rfi;

import java.time.Instant;
import java.util.Objects;

/**
 * One message of a request's thread: who sent it, when, what step it was, and its text only sealed — a CMS
 * {@code SignedData} by the sender's agency inside an {@code AuthEnvelopedData} for both agencies' certificates, which
 * the exchange cannot open.
 *
 * @param fromAgency the sending agency: the requester or the holder
 * @param by         the analyst who sent it (the token's user name)
 * @param envelope   the sealed text, DER
 */
public record ThreadMessage(Instant at, String fromAgency, String by, Step step, byte[] envelope) {

    /** What the message did to the request. */
    public enum Step {
        /** The request itself: what is asked, and why. */
        REQUEST,
        /** The holder's answer. */
        REPLY,
        /** The holder asks the requester something before answering. */
        ASK_BACK,
        /** The requester answers the holder's question, or follows up on a reply. */
        FOLLOW_UP,
        /** The holder's reason for refusing. */
        REFUSAL,
        /** The holder's note with the release. */
        RELEASE
    }

    public ThreadMessage {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(fromAgency, "fromAgency");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(envelope, "envelope");
        if (envelope.length == 0) {
            throw new IllegalArgumentException("a message is a sealed envelope, not empty");
        }
        envelope = envelope.clone();
    }

    @Override
    public byte[] envelope() {
        return envelope.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ThreadMessage m && at.equals(m.at) && fromAgency.equals(m.fromAgency) && by.equals(m.by)
                && step == m.step && java.util.Arrays.equals(envelope, m.envelope);
    }

    @Override
    public int hashCode() {
        return Objects.hash(at, fromAgency, by, step, java.util.Arrays.hashCode(envelope));
    }
}
