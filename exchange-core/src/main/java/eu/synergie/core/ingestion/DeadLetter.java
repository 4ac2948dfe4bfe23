package eu.synergie.core.ingestion;

import eu.synergie.core.envelope.RejectionReason;
import eu.synergie.core.intake.LoggedEnvelope;

import java.time.Instant;

/** A rejected envelope, kept with why and where it came from: nothing is dropped silently. */
public record DeadLetter(LoggedEnvelope source, RejectionReason reason, String message, Instant rejectedAt) {
}
