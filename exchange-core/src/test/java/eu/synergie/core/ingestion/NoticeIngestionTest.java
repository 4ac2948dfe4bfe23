package eu.synergie.core.ingestion;

import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditEventJson;
import eu.synergie.core.audit.AuditUnavailableException;
import eu.synergie.core.envelope.RejectionReason;
import eu.synergie.core.envelope.TestExchange;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.index.SearchResult;
import eu.synergie.core.index.StoredVersion;
import eu.synergie.core.policy.ReadScope;
import eu.synergie.crypto.pki.KeyCredential;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoticeIngestionTest {

    private final TestExchange exchange = new TestExchange();
    private final KeyCredential dgpn = exchange.agency("FR-DGPN");
    private final RecordingIndex index = new RecordingIndex();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final NoticeIngestion ingestion = new NoticeIngestion(exchange.opener(), index, deadLetters::addAll, Clock.systemUTC());

    @Test
    void ingestWhenBatchMixesGoodAndForgedThenGoodIndexedAndForgedDeadLettered() {
        UUID good = UUID.randomUUID();
        UUID forged = UUID.randomUUID();
        KeyCredential stranger = new TestExchange().agency("FR-DGPN");
        var outcome = ingestion.ingest(List.of(
                logged(0, good, exchange.seal(TestExchange.notice(good, "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST")),
                logged(1, forged, exchange.seal(TestExchange.notice(forged, "FR-DGPN", "EU-WEST"), stranger, "EU-WEST"))));

        assertThat(outcome).isEqualTo(new NoticeIngestion.BatchOutcome(1, 1));
        assertThat(index.indexed).extracting(n -> n.opened().notice().noticeId()).containsExactly(good);
        assertThat(index.indexed.getFirst().offset()).isEqualTo(0);
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).isEqualTo(RejectionReason.UNKNOWN_SIGNER);
            assertThat(letter.source().offset()).isEqualTo(1);
            assertThat(letter.source().key()).isEqualTo(forged.toString());
        });
    }

    @Test
    void ingestWhenWrittenToAnotherRegionsTopicThenDeadLettered() {
        UUID id = UUID.randomUUID();
        byte[] envelope = exchange.seal(TestExchange.notice(id, "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST");
        ingestion.ingest(List.of(new LoggedEnvelope("synergie.notices.EU-CENTRAL", 0, 7, id.toString(), envelope, Instant.now())));
        assertThat(index.indexed).isEmpty();
        assertThat(deadLetters).singleElement().extracting(DeadLetter::reason).isEqualTo(RejectionReason.REGION_MISMATCH);
    }

    @Test
    void ingestWhenOriginatorNotAmongRecipientsThenDeadLetteredWithItsReason() {
        UUID id = UUID.randomUUID();
        byte[] json = TestExchange.notice(id, "FR-DGPN", "EU-WEST").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // Signed and labelled as a feed would, but encrypted to the region alone: the originator could not read it back.
        byte[] envelope = eu.synergie.crypto.envelope.EnvelopeSealer.seal(json, dgpn,
                List.of(exchange.regions.recipientCertificate("EU-WEST").orElseThrow()),
                eu.synergie.core.envelope.MarkingsLabel.of(eu.synergie.core.notice.NoticeJson.read(json).markings()));

        ingestion.ingest(List.of(logged(0, id, envelope)));

        assertThat(index.indexed).isEmpty();
        assertThat(deadLetters).singleElement().extracting(DeadLetter::reason)
                .isEqualTo(RejectionReason.ORIGINATOR_NOT_A_RECIPIENT);
    }

    @Test
    void ingestWhenIndexFailsThenExceptionAndNothingDeadLettered() {
        UUID id = UUID.randomUUID();
        index.failing = true;
        assertThatThrownBy(() -> ingestion.ingest(List.of(
                logged(0, id, exchange.seal(TestExchange.notice(id, "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST")))))
                .hasMessageContaining("index down");
        assertThat(deadLetters).isEmpty();
    }

    private static LoggedEnvelope logged(long offset, UUID id, byte[] envelope) {
        return new LoggedEnvelope("synergie.notices.EU-WEST", 0, offset, id.toString(), envelope, Instant.now());
    }

    @Test
    void ingestWhenSameEnvelopeTwiceThenIndexedTwiceAsTheSameVersionAndNothingRejected() {
        UUID id = UUID.randomUUID();
        byte[] envelope = exchange.seal(TestExchange.notice(id, "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST");
        ingestion.ingest(List.of(logged(0, id, envelope)));
        ingestion.ingest(List.of(logged(1, id, envelope)));
        assertThat(index.current).containsOnlyKeys(id);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void ingestWhenNewerVersionThenReplacesAndOlderOneLaterIsRefused() {
        UUID id = UUID.randomUUID();
        byte[] v1 = exchange.seal(TestExchange.notice(id, "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST");
        byte[] v2 = exchange.seal(TestExchange.notice(id, "FR-DGPN", "EU-WEST").replace("\"entities\":[]",
                "\"entities\":[],\"version\":2"), dgpn, "EU-WEST");
        ingestion.ingest(List.of(logged(0, id, v1), logged(1, id, v2)));
        assertThat(index.current.get(id).opened().notice().version()).isEqualTo(2);
        ingestion.ingest(List.of(logged(2, id, v1)));
        assertThat(index.current.get(id).opened().notice().version()).isEqualTo(2);
        assertThat(deadLetters).singleElement().extracting(DeadLetter::reason).isEqualTo(RejectionReason.SUPERSEDED_VERSION);
    }

    @Test
    void ingestWhenAnotherAgencyReusesTheIdThenRefused() {
        UUID id = UUID.randomUUID();
        ingestion.ingest(List.of(logged(0, id, exchange.seal(TestExchange.notice(id, "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST"))));
        KeyCredential pjf = exchange.agency("BE-PJF");
        ingestion.ingest(List.of(logged(1, id, exchange.seal(TestExchange.notice(id, "BE-PJF", "EU-WEST")
                .replace("\"entities\":[]", "\"entities\":[],\"version\":9"), pjf, "EU-WEST"))));
        assertThat(index.current.get(id).opened().notice().originAgency()).isEqualTo("FR-DGPN");
        assertThat(deadLetters).singleElement().extracting(DeadLetter::reason).isEqualTo(RejectionReason.NOTICE_ID_TAKEN);
    }

    @Test
    void ingestWhenNewerVersionOrWithdrawalThenAlterationAuditedOnceWithIdsOnly() {
        List<AuditEvent> audited = new ArrayList<>();
        NoticeIngestion auditedIngestion = new NoticeIngestion(exchange.opener(), index, deadLetters::addAll, Clock.systemUTC(),
                audited::add, notices -> { });
        UUID id = UUID.randomUUID();
        String v1 = TestExchange.notice(id, "FR-DGPN", "EU-WEST");
        byte[] v2 = exchange.seal(v1.replace("\"entities\":[]", "\"entities\":[],\"version\":2"), dgpn, "EU-WEST");
        byte[] v3 = exchange.seal(v1.replace("\"entities\":[]", "\"entities\":[],\"version\":3,\"status\":\"WITHDRAWN\""),
                dgpn, "EU-WEST");

        auditedIngestion.ingest(List.of(logged(0, id, exchange.seal(v1, dgpn, "EU-WEST"))));
        assertThat(audited).as("a first version is a collection, audited at publication").isEmpty();
        auditedIngestion.ingest(List.of(logged(1, id, v2)));
        auditedIngestion.ingest(List.of(logged(2, id, v2)));
        auditedIngestion.ingest(List.of(logged(3, id, v3)));

        assertThat(audited).extracting(AuditEvent::action).containsExactly(AuditAction.NEW_VERSION, AuditAction.WITHDRAWAL);
        assertThat(audited.getFirst()).satisfies(e -> {
            assertThat(e.noticeIds()).containsExactly(id.toString());
            assertThat(e.agency()).isEqualTo("FR-DGPN");
            assertThat(e.change()).isEqualTo("version 2 replaces version 1");
        });
        assertThat(AuditEventJson.toJson(audited.getFirst()).toString()).as("no notice content")
                .doesNotContain("Hameçonnage").doesNotContain("SMS");
    }

    @Test
    void ingestWhenAuditUnavailableThenNothingIndexedAndTheBatchFails() {
        NoticeIngestion ingestionWithoutAudit = new NoticeIngestion(exchange.opener(), index, deadLetters::addAll,
                Clock.systemUTC(), event -> {
                    throw new AuditUnavailableException("audit down", null);
                }, notices -> { });
        UUID id = UUID.randomUUID();
        String v1 = TestExchange.notice(id, "FR-DGPN", "EU-WEST");
        ingestionWithoutAudit.ingest(List.of(logged(0, id, exchange.seal(v1, dgpn, "EU-WEST"))));
        byte[] v2 = exchange.seal(v1.replace("\"entities\":[]", "\"entities\":[],\"version\":2"), dgpn, "EU-WEST");

        assertThatThrownBy(() -> ingestionWithoutAudit.ingest(List.of(logged(1, id, v2)))).isInstanceOf(AuditUnavailableException.class);
        assertThat(index.current.get(id).opened().notice().version()).as("still the audited state").isEqualTo(1);
    }

    private static final class RecordingIndex implements NoticeIndex {
        final List<IndexedNotice> indexed = new ArrayList<>();
        final Map<UUID, IndexedNotice> current = new HashMap<>();
        boolean failing;

        @Override
        public void index(List<IndexedNotice> notices) {
            if (failing) {
                throw new IllegalStateException("index down");
            }
            indexed.addAll(notices);
            notices.forEach(n -> current.put(n.opened().notice().noticeId(), n));
        }

        @Override
        public Map<UUID, StoredVersion> storedVersions(String region, Collection<UUID> ids) {
            Map<UUID, StoredVersion> stored = new HashMap<>();
            for (UUID id : ids) {
                IndexedNotice n = current.get(id);
                if (n != null) {
                    stored.put(id, new StoredVersion(n.opened().notice().originAgency(), n.opened().notice().version(),
                            n.opened().notice().issuedAt()));
                }
            }
            return stored;
        }

        @Override
        public List<eu.synergie.core.index.ExpiredNotice> removeExpired(java.time.Instant now) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public java.util.Optional<eu.synergie.core.index.FetchedNotice> fetch(UUID noticeId, ReadScope scope) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public eu.synergie.core.index.EntityHoldings holdersOf(java.util.Set<String> matchKeys, int limit) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public SearchResult search(NoticeQuery query, ReadScope scope) {
            throw new UnsupportedOperationException("not used here");
        }
    }
}
