package eu.synergie.core.ingestion;

/** An envelope as read from a notice topic, with its position. */
public record LoggedEnvelope(String topic, int partition, long offset, String key, byte[] envelope) {
}
