package eu.synergie.core.federation.kafka;

import eu.synergie.core.federation.FederationInbox;
import eu.synergie.core.federation.FederationHits;
import eu.synergie.core.federation.FederationOutbox;
import eu.synergie.core.federation.PointerInbox;
import eu.synergie.core.ingestion.NoticeIngestion;
import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.core.integrity.Rejection;
import eu.synergie.core.intake.LoggedEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.springframework.kafka.annotation.KafkaListener;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads what peers send this exchange, {@code <peer>.synergie.federation.out.<us>}, as MirrorMaker 2 copies it here, in
 * batches whose offsets move only once the batch is done. In a batch, the peers' trust events are applied first: a
 * notice is judged as of its signing time, so a revocation later in the same batch refuses only what was signed after
 * it. Then the notices go through an ingestion of their own, with the federation rule as its admission.
 */
public final class FederationListener {

    private final FederationInbox inbox;
    private final NoticeIngestion ingestion;
    private final FederationHits hits;
    private final PointerInbox pointers;
    private final LogAlarm alarm;
    private final String topicPattern;

    public FederationListener(FederationInbox inbox, NoticeIngestion ingestion, FederationHits hits, PointerInbox pointers,
                              LogAlarm alarm, String self) {
        this.inbox = inbox;
        this.ingestion = ingestion;
        this.hits = hits;
        this.pointers = pointers;
        this.alarm = alarm;
        this.topicPattern = "[A-Z][A-Z0-9-]{1,31}\\." + Pattern.quote("synergie.federation.out." + self);
    }

    /** Read by the annotation below ({@code __listener} is this bean). */
    public String topicPattern() {
        return topicPattern;
    }

    // read_committed: MirrorMaker 2 copies exactly once in transactions on this cluster; an aborted copy is never read.
    @KafkaListener(id = "synergie-federation-in", topicPattern = "#{__listener.topicPattern()}", batch = "true",
            groupId = "synergie-federation-in", properties = "isolation.level=read_committed")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<LoggedEnvelope> notices = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (FederationOutbox.Kind.ofKey(record.key()) == FederationOutbox.Kind.TRUST) {
                // A record from a peer not (yet) registered here is read again from the topic when it is.
                if (inbox.trustRecord(record.topic(), record.key(), record.value()) == FederationInbox.TrustOutcome.REFUSED) {
                    alarm.rejected(record.topic(), record.key(), record.offset(), Rejection.FORGED,
                            "not a trust event of an active peer, signed by it under this key");
                }
            } else if (FederationOutbox.Kind.ofKey(record.key()) == FederationOutbox.Kind.NOTICE) {
                notices.add(new LoggedEnvelope(record.topic(), record.partition(), record.offset(), record.key(),
                        record.value(), Instant.ofEpochMilli(record.timestamp()),
                        record.timestampType() == TimestampType.LOG_APPEND_TIME));
            }
        }
        if (!notices.isEmpty()) {
            ingestion.ingest(notices);
        }
        // Hashes and pointers after the batch's notices: a pointer may name a notice of this very batch.
        for (ConsumerRecord<String, byte[]> record : records) {
            String peer = inbox.peerOf(record.topic()).orElse(null);
            if (peer == null) {
                continue;
            }
            switch (FederationOutbox.Kind.ofKey(record.key())) {
                case HITS -> hits.peerRecord(peer, record.value()).ifPresent(why ->
                        alarm.rejected(record.topic(), record.key(), record.offset(), Rejection.UNREADABLE, why));
                case POINTER -> pointers.received(peer, record.value());
                case NOTICE, TRUST -> { }
            }
        }
    }
}
