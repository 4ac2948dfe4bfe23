package eu.synergie.core.intake;

import java.time.Instant;

/**
 * An envelope as read from a notice topic, with its position.
 *
 * @param appendedAt when the broker appended it (notice topics use log-append time, which a producer cannot set)
 */
public record LoggedEnvelope(String topic, int partition, long offset, String key, byte[] envelope, Instant appendedAt) {
}
