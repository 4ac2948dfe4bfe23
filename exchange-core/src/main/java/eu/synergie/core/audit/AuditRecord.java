package eu.synergie.core.audit;

import java.util.Objects;

/**
 * An audit event as the log holds it: its place in its writer's hash chain and in the log.
 *
 * @param writer   the chain (one per gateway instance and start)
 * @param sequence its number in that chain, gap-free from 0
 * @param position its offset in the audit topic
 * @param hash     the entry's SHA-256 (hex), as chained
 */
public record AuditRecord(String writer, long sequence, long position, String hash, AuditEvent event) {

    public AuditRecord {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(event, "event");
    }

    /** A stable id: the same entry indexed twice is one document. */
    public String id() {
        return writer + ":" + sequence;
    }
}
