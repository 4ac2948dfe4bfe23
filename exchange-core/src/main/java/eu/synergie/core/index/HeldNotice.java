package eu.synergie.core.index;

import java.util.UUID;

/**
 * A notice the index holds for its agency's release approvers, as read in real time: where its indexed version sits in
 * the log (to open it again on release), and the document's revision, so that releasing it changes that version and
 * not a newer one the indexer wrote since.
 */
public record HeldNotice(String region, UUID noticeId, int version, java.time.Instant issuedAt, String topic, int partition,
                         long offset, long seqNo, long primaryTerm) {
}
