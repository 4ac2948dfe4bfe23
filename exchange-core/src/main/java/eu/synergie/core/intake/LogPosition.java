package eu.synergie.core.intake;

/** Where an envelope was appended: its place in the system of record. */
public record LogPosition(String topic, int partition, long offset) {
}
