package eu.synergie.core.federation;

import eu.synergie.core.envelope.EnvelopeRejectedException;
import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.intake.LogOffsets;
import eu.synergie.core.intake.LoggedEnvelope;
import eu.synergie.core.intake.NoticeLog;
import eu.synergie.core.envelope.NoticeOpener;
import eu.synergie.core.policy.PublishGate;
import eu.synergie.core.policy.ReleaseRule;
import eu.synergie.core.trust.PeerRecord;
import eu.synergie.core.trust.TrustException;
import eu.synergie.core.trust.TrustRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends a peer what was published before the peering: the log of each region the peer may receive, read from its
 * beginning (the system of record), each envelope judged again as the indexer judged it (the publish rule as of its
 * append time), and whatever its originator marked for the peer sent as the outbox sends a new notice. Versions go in
 * log order, so the peer ends with the latest; withdrawals follow too.
 */
public final class FederationBackfill {

    /** What a backfill did: envelopes read, and notices sent. */
    public record Outcome(String peer, long read, long sent) {
    }

    private final TrustRegistry registry;
    private final NoticeLog log;
    private final NoticeOpener opener;
    private final PublishGate gate;
    private final FederationOutbox outbox;
    private final ReleaseRule release;

    /** @param release which notices their agency still holds for an approver: those are not sent (the release sends them) */
    public FederationBackfill(TrustRegistry registry, NoticeLog log, NoticeOpener opener, PublishGate gate,
                              FederationOutbox outbox, ReleaseRule release) {
        this.release = release;
        this.registry = registry;
        this.log = log;
        this.opener = opener;
        this.gate = gate;
        this.outbox = outbox;
    }

    /** @throws TrustException {@code NOT_FOUND} for a peer that is not active */
    public Outcome send(String peerName) {
        PeerRecord peer = registry.peer(peerName).filter(PeerRecord::active).orElseThrow(() ->
                new TrustException(TrustException.Kind.NOT_FOUND, "no active peer " + peerName));
        long[] counts = new long[2];
        java.util.Map<java.util.UUID, Boolean> heldById = new java.util.HashMap<>();
        for (String region : peer.sends()) {
            LogOffsets end = log.end(region);
            log.replay(region, LogOffsets.START, end, batch -> {
                List<IndexedNotice> standing = new ArrayList<>();
                for (LoggedEnvelope logged : batch) {
                    counts[0]++;
                    if (!logged.appendTime()) {
                        continue;   // refused by the indexer too: the publish rule is judged as of the broker's time
                    }
                    try {
                        OpenedNotice opened = opener.openLogged(logged.envelope());
                        gate.admitLogged(opened, logged.appendedAt());
                        // The indexer's judgement, in the same log order: what the previous version was decides too.
                        boolean held = release.judge(opened.notice(), logged.appendedAt(), logged.publisher(),
                                heldById.get(opened.notice().noticeId())).isPresent();
                        heldById.put(opened.notice().noticeId(), held);
                        if (held) {
                            continue;
                        }
                        standing.add(new IndexedNotice(opened, logged.topic(), logged.partition(), logged.offset()));
                    } catch (EnvelopeRejectedException refused) {
                        // Dead-lettered when it was first read; never sent.
                    }
                }
                counts[1] += outbox.backfill(peerName, standing);
            });
        }
        return new Outcome(peerName, counts[0], counts[1]);
    }
}
