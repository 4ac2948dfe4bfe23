package eu.synergie.core.policy;

import eu.synergie.core.envelope.RejectionReason;

import java.util.Objects;

/** The answer of the publish rule: the envelope may stand in the log, or it is refused with a reason. */
public sealed interface PublishDecision {

    record Accepted() implements PublishDecision {
    }

    /** @param message names the check that failed, never key material or notice content */
    record Refused(RejectionReason reason, String message) implements PublishDecision {

        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    PublishDecision ACCEPTED = new Accepted();

    default boolean accepted() {
        return this instanceof Accepted;
    }
}
