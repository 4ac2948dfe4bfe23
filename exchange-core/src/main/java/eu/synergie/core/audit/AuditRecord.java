package eu.synergie.core.audit;

import java.util.Objects;

/**
 * An audit event as the log holds it: its place in its writer's hash chain and in the log.
 *
 * @param writer   the chain (one per gateway instance and start)
 * @param sequence its number in that chain, gap-free from 0
 * @param position its offset in the audit topic
 * @param hash     the entry's SHA-256 (hex), as chained
 * @param verified whether a checkpoint signed by the exchange covers the entry (entries wait for one up to the
 *                 writer's checkpoint interval; one that never gets one was not written by the exchange, or its
 *                 writer was killed before it signed)
 */
public record AuditRecord(String writer, long sequence, long position, String hash, AuditEvent event, boolean verified) {

    public AuditRecord {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(event, "event");
    }

    /** A stable id: the same entry indexed twice is one document, and a second entry cannot take its place. */
    public String id() {
        return idOf(writer, sequence);
    }

    /** The id of the entry {@code sequence} of {@code writer}. */
    public static String idOf(String writer, long sequence) {
        return writer + ":" + sequence;
    }
}
