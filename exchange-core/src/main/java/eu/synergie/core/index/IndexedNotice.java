package eu.synergie.core.index;

import eu.synergie.core.envelope.OpenedNotice;

/**
 * A verified notice with where it sits in the log: what the index stores.
 *
 * @param topic     the notice topic it was read from
 * @param partition the partition
 * @param offset    the offset: with topic and partition, the notice's place in the system of record
 */
public record IndexedNotice(OpenedNotice opened, String topic, int partition, long offset) {
}
