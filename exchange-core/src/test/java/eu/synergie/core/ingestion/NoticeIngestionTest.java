package eu.synergie.core.ingestion;

import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.ExchangeException;
import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditEventJson;
import eu.synergie.core.audit.AuditUnavailableException;
import eu.synergie.core.envelope.NoticeOpener;
import eu.synergie.core.envelope.RejectionReason;
import eu.synergie.core.envelope.TestExchange;
import eu.synergie.core.intake.LoggedEnvelope;
import eu.synergie.core.policy.ReleaseRule;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.PublishGate;
import eu.synergie.core.trust.ListTrustLog;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.crypto.pki.KeyCredential;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoticeIngestionTest {

    private final TestExchange exchange = new TestExchange();
    private final KeyCredential dgpn = exchange.agency("FR-DGPN");
    private final RecordingIndex index = new RecordingIndex();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final NoticeIngestion ingestion = new NoticeIngestion(exchange.opener(), exchange.gate(), ReleaseRule.none(), index, deadLetters::addAll, Clock.systemUTC());

    /**
     * An agency code names an agency of one exchange: FR-DGPN of a peer exchange is not ours. Its notice with the id of
     * one of ours (ids cross in hit/no-hit records) is refused, whatever its version; and ours is not taken by it.
     */
    @Test
    void ingestWhenAPeersNoticeHasTheIdOfOneOfOursThenNoticeIdTakenBothWays() {
        UUID ours = UUID.randomUUID();
        String v1 = TestExchange.notice(ours, "FR-DGPN", "EU-WEST");
        ingestion.ingest(List.of(logged(0, ours, exchange.seal(v1, dgpn, "EU-WEST"))));
        List<DeadLetter> settledRefused = new ArrayList<>();
        List<IndexedNotice> settledIndexed = new ArrayList<>();
        NoticeIngestion fromPeer = new NoticeIngestion(new NoticeIngestion.Admission() {
            @Override
            public IndexedNotice admit(LoggedEnvelope logged) {
                var opened = exchange.opener().openLogged(logged.envelope());
                return new IndexedNotice(opened, logged.topic(), logged.partition(), logged.offset(),
                        new IndexedNotice.FromPeer("EXCH-MED", "EU-WEST"));
            }

            @Override
            public void settled(List<IndexedNotice> indexed, List<DeadLetter> refused) {
                settledIndexed.addAll(indexed);
                settledRefused.addAll(refused);
            }
        }, index, deadLetters::addAll, Clock.systemUTC(), event -> { }, notices -> { });

        fromPeer.ingest(List.of(logged(1, ours, exchange.seal(v1.replace("\"entities\":[]", "\"version\":2,\"entities\":[]"),
                dgpn, "EU-WEST"))));

        assertThat(deadLetters).singleElement().extracting(DeadLetter::reason).isEqualTo(RejectionReason.NOTICE_ID_TAKEN);
        assertThat(index.indexed).singleElement().satisfies(n -> assertThat(n.fromPeer()).isNull());
        assertThat(settledIndexed).as("admitted, then refused by the id check: not a receipt").isEmpty();
        assertThat(settledRefused).singleElement().extracting(DeadLetter::reason).isEqualTo(RejectionReason.NOTICE_ID_TAKEN);
    }

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
    void ingestWhenARecordCarriesItsProducersTimeThenDeadLetteredUntrustedTimestampWithoutBeingOpened() {
        UUID id = UUID.randomUUID();
        byte[] envelope = exchange.seal(TestExchange.notice(id, "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST");

        ingestion.ingest(List.of(new LoggedEnvelope("synergie.notices.EU-WEST", 0, 3, id.toString(), envelope,
                Instant.now(), false)));

        assertThat(index.indexed).isEmpty();
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).isEqualTo(RejectionReason.UNTRUSTED_TIMESTAMP);
            assertThat(letter.message()).contains("append time");
        });
    }

    /**
     * A suspension made on another instance a moment before the envelopes were appended, not read yet by this one:
     * the batch is recent, so the registry catches up first, once for the whole batch, and the envelopes are refused.
     */
    @Test
    void ingestWhenTheBatchIsNewerThanTheRegistryThenItCatchesUpOnceBeforeJudging() {
        TrustRegistry lagging = new TrustRegistry();
        ListTrustLog follower = new ListTrustLog(lagging, exchange.log.events);
        follower.catchUp();
        int[] catchUps = {0};
        PublishGate gate = new PublishGate(new AccessPolicy(), lagging, () -> {
            catchUps[0]++;
            follower.catchUp();
        }, Clock.systemUTC(), Duration.ofSeconds(2));
        NoticeIngestion indexer = new NoticeIngestion(exchange.opener(), gate, ReleaseRule.none(), index, deadLetters::addAll, Clock.systemUTC());
        Instant suspendedAt = exchange.trust.suspend("FR-DGPN", "on another instance").suspendedAt();
        List<LoggedEnvelope> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID id = UUID.randomUUID();
            batch.add(new LoggedEnvelope("synergie.notices.EU-WEST", 0, i, id.toString(),
                    exchange.seal(TestExchange.notice(id, "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST"), suspendedAt.plusMillis(200)));
        }

        indexer.ingest(batch);

        assertThat(catchUps[0]).as("once per batch").isEqualTo(1);
        assertThat(deadLetters).hasSize(3).allSatisfy(letter -> assertThat(letter.reason()).isEqualTo(RejectionReason.AGENCY_SUSPENDED));
        lagging.readToEnd(suspendedAt.plusSeconds(60));
        UUID old = UUID.randomUUID();
        indexer.ingest(List.of(new LoggedEnvelope("synergie.notices.EU-WEST", 0, 3, old.toString(),
                exchange.seal(TestExchange.notice(old, "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST"), suspendedAt.minusNanos(1))));
        assertThat(catchUps[0]).as("appended well before the registry was last current: no catch-up").isEqualTo(1);
        assertThat(index.indexed).extracting(n -> n.opened().notice().noticeId()).containsExactly(old);
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
    void ingestWhenProducedStraightToTheTopicByANonMemberThenDeadLetteredNotAMember() {
        exchange.trust.register("MA-DGSN", "Sûreté nationale", java.util.Set.of("EU-CENTRAL"), "test");
        KeyCredential dgsn = exchange.agency("MA-DGSN");
        UUID id = UUID.randomUUID();
        ingestion.ingest(List.of(logged(0, id, exchange.seal(TestExchange.notice(id, "MA-DGSN", "EU-WEST"), dgsn, "EU-WEST"))));
        assertThat(index.indexed).isEmpty();
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).isEqualTo(RejectionReason.NOT_A_MEMBER);
            assertThat(letter.message()).contains("MA-DGSN").contains("EU-WEST");
        });
    }

    @Test
    void ingestWhenAppendedWhileSuspendedThenRefusedEvenAfterReinstatementAndBeforeItAccepted() {
        UUID before = UUID.randomUUID();
        UUID during = UUID.randomUUID();
        byte[] first = exchange.seal(TestExchange.notice(before, "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST");
        byte[] second = exchange.seal(TestExchange.notice(during, "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST");
        Instant whileSuspended = exchange.trust.suspend("FR-DGPN", "test").suspendedAt();
        Instant beforeSuspension = whileSuspended.minusNanos(1);
        exchange.trust.reinstate("FR-DGPN", "test");

        ingestion.ingest(List.of(
                new LoggedEnvelope("synergie.notices.EU-WEST", 0, 0, before.toString(), first, beforeSuspension),
                new LoggedEnvelope("synergie.notices.EU-WEST", 0, 1, during.toString(), second, whileSuspended)));
        assertThat(index.indexed).extracting(n -> n.opened().notice().noticeId()).containsExactly(before);
        assertThat(deadLetters).singleElement().extracting(DeadLetter::reason).isEqualTo(RejectionReason.AGENCY_SUSPENDED);
    }

    @Test
    void ingestWhenSignerRevokedThenAppendedAfterRefusedAndBeforeKept() {
        UUID id = UUID.randomUUID();
        byte[] envelope = exchange.seal(TestExchange.notice(id, "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST");
        exchange.trust.revoke(eu.synergie.core.trust.TrustRegistry.serialOf(dgpn.certificate()),
                eu.synergie.core.trust.RevocationReason.SUPERSEDED, null, "test");
        ingestion.ingest(List.of(new LoggedEnvelope("synergie.notices.EU-WEST", 0, 0, id.toString(), envelope,
                Instant.now().plusSeconds(1))));
        assertThat(deadLetters).singleElement().extracting(DeadLetter::reason).isEqualTo(RejectionReason.CERTIFICATE_REVOKED);
        Instant registered = exchange.registry.agency("FR-DGPN").orElseThrow().history().getFirst().from();
        ingestion.ingest(List.of(new LoggedEnvelope("synergie.notices.EU-WEST", 0, 0, id.toString(), envelope, registered)));
        assertThat(index.indexed).as("appended before the revocation: a rebuild keeps it").hasSize(1);
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

    @Test
    void ingestWhenOpeningOneEnvelopeOverflowsTheStackThenItIsDeadLetteredMalformedAndTheOthersIndexed() {
        // The opener's last step reads its clock: on the second envelope that recursion never ends, as a parser's
        // might on input nobody checked.
        AtomicInteger opened = new AtomicInteger();
        Clock overflowingOnTheSecond = new Clock() {
            @Override
            public Instant instant() {
                if (opened.incrementAndGet() == 2) {
                    overflow(0);
                }
                return Instant.now();
            }

            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        NoticeIngestion overflowing = new NoticeIngestion(new NoticeOpener(exchange.ca.certificate(), exchange.regions, 1 << 20,
                overflowingOnTheSecond), exchange.gate(), ReleaseRule.none(), index, deadLetters::addAll, Clock.systemUTC());
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<LoggedEnvelope> batch = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            batch.add(logged(i, ids.get(i), exchange.seal(TestExchange.notice(ids.get(i), "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST")));
        }

        var outcome = overflowing.ingest(batch);

        assertThat(outcome).isEqualTo(new NoticeIngestion.BatchOutcome(2, 1));
        assertThat(index.indexed).extracting(n -> n.opened().notice().noticeId()).containsExactly(ids.get(0), ids.get(2));
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).isEqualTo(RejectionReason.MALFORMED_ENVELOPE);
            assertThat(letter.message()).isEqualTo("the envelope could not be opened (StackOverflowError)");
            assertThat(letter.source().offset()).isEqualTo(1);
        });
    }

    @Test
    void ingestWhenAnErrorOfTheJvmInterruptsTheBatchThenARetriableExceptionAndNothingDeadLettered() {
        NoticeIngestion outOfMemory = new NoticeIngestion(exchange.opener(), exchange.gate(), index, deadLetters::addAll,
                Clock.systemUTC(), event -> { }, notices -> {
                    throw new OutOfMemoryError();
                });
        UUID id = UUID.randomUUID();

        assertThatThrownBy(() -> outOfMemory.ingest(List.of(
                logged(0, id, exchange.seal(TestExchange.notice(id, "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST")))))
                .isInstanceOf(IngestionFailedException.class).isInstanceOf(ExchangeException.Unavailable.class)
                .hasCauseInstanceOf(OutOfMemoryError.class);
        assertThat(deadLetters).isEmpty();
    }

    private static int overflow(int depth) {
        return overflow(depth + 1) + 1;
    }

    /**
     * Four-eyes release: a notice the agency's policy names, appended once the policy is in force, is indexed held, with
     * its publisher as author, and the step after indexing is told so; appended before, it is not; released, the same
     * envelope read again (a rebuild) is not held either.
     */
    @Test
    void ingestWhenTheAgencyPolicyHoldsTheNoticeThenIndexedHeldUntilReleased() {
        exchange.trust.chooseReleasePolicy("FR-DGPN", new eu.synergie.core.trust.ReleasePolicy.Criteria(false, null,
                java.util.Set.of(), java.util.Set.of(eu.synergie.core.notice.NoticeType.CYBERCRIME),
                java.time.Duration.ofDays(1)), "test");
        java.util.Set<String> released = new java.util.HashSet<>();
        List<IndexedNotice> afterIndexing = new ArrayList<>();
        NoticeIngestion holding = new NoticeIngestion(NoticeIngestion.home(exchange.opener(), exchange.gate(),
                new ReleaseRule(exchange.registry, released::contains)), index, deadLetters::addAll, Clock.systemUTC(),
                event -> { }, afterIndexing::addAll);
        UUID id = UUID.randomUUID();
        UUID early = UUID.randomUUID();
        byte[] envelope = exchange.seal(TestExchange.notice(id, "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST");
        Instant inForce = Instant.now().plus(java.time.Duration.ofMinutes(5));
        holding.ingest(List.of(
                new LoggedEnvelope("synergie.notices.EU-WEST", 0, 0, early.toString(),
                        exchange.seal(TestExchange.notice(early, "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST"), Instant.now(), true, "feed"),
                new LoggedEnvelope("synergie.notices.EU-WEST", 0, 1, id.toString(), envelope, inForce, true,
                        "service-account-feed-fr-dgpn")));

        assertThat(index.current.get(early).held()).as("appended before the policy's rule").isFalse();
        assertThat(index.current.get(id).hold()).isEqualTo(new IndexedNotice.Hold("service-account-feed-fr-dgpn",
                java.time.Duration.ofDays(1)));
        assertThat(afterIndexing).filteredOn(IndexedNotice::held).extracting(n -> n.opened().notice().noticeId()).containsExactly(id);

        released.add(ReleaseRule.requestId(id, 1, Instant.parse("2026-11-28T10:00:00Z")));
        holding.ingest(List.of(new LoggedEnvelope("synergie.notices.EU-WEST", 0, 1, id.toString(), envelope, inForce, true, null)));
        assertThat(index.current.get(id).held()).as("released: read again, not held").isFalse();
        assertThat(deadLetters).isEmpty();

        // Released once, or seen by the region before the policy: a later version follows without a new approval.
        byte[] v2 = exchange.seal(TestEnvelopesV2.of(TestExchange.notice(id, "FR-DGPN", "EU-WEST")), dgpn, "EU-WEST");
        byte[] earlyV2 = exchange.seal(TestEnvelopesV2.of(TestExchange.notice(early, "FR-DGPN", "EU-WEST")), dgpn, "EU-WEST");
        holding.ingest(List.of(new LoggedEnvelope("synergie.notices.EU-WEST", 0, 2, id.toString(), v2, inForce, true, "x"),
                new LoggedEnvelope("synergie.notices.EU-WEST", 0, 3, early.toString(), earlyV2, inForce, true, "x")));
        assertThat(index.current.get(id).opened().notice().version()).isEqualTo(2);
        assertThat(index.current.get(id).held()).isFalse();
        assertThat(index.current.get(early).held()).isFalse();
    }

    /** A new version of a notice still held is held too, for a request of its own: the approvers read what they release. */
    @Test
    void ingestWhenANewVersionOfAHeldNoticeThenHeldForItsOwnRequest() {
        exchange.trust.chooseReleasePolicy("FR-DGPN", new eu.synergie.core.trust.ReleasePolicy.Criteria(true, null, null, null,
                null), "test");
        java.util.Set<String> released = new java.util.HashSet<>();
        NoticeIngestion holding = new NoticeIngestion(NoticeIngestion.home(exchange.opener(), exchange.gate(),
                new ReleaseRule(exchange.registry, released::contains)), index, deadLetters::addAll, Clock.systemUTC(),
                event -> { }, notices -> { });
        UUID id = UUID.randomUUID();
        Instant inForce = Instant.now().plus(java.time.Duration.ofMinutes(5));
        String v1 = TestExchange.notice(id, "FR-DGPN", "EU-WEST");
        released.add(ReleaseRule.requestId(id, 2, Instant.parse("2026-11-28T10:00:00Z")));   // an approval of v2, not v1
        holding.ingest(List.of(new LoggedEnvelope("synergie.notices.EU-WEST", 0, 0, id.toString(),
                exchange.seal(v1, dgpn, "EU-WEST"), inForce, true, "a\u0000b")));
        assertThat(index.current.get(id).hold().author()).as("an odd header is not taken").isEqualTo("feed:FR-DGPN");
        released.clear();
        released.add(ReleaseRule.requestId(id, 1, Instant.parse("2026-11-28T10:00:00Z")));   // v1 approved, v2 not
        holding.ingest(List.of(new LoggedEnvelope("synergie.notices.EU-WEST", 0, 1, id.toString(),
                exchange.seal(TestEnvelopesV2.of(v1), dgpn, "EU-WEST"), inForce, true, "feed")));
        assertThat(index.current.get(id).opened().notice().version()).isEqualTo(2);
        assertThat(index.current.get(id).held()).isTrue();
    }

    /**
     * A notice still held keeps its later versions held whatever their markings: v2 downgraded below the policy waits
     * for its own approval (no way around the approvers), and is seen once that approval is given.
     */
    @Test
    void ingestWhenAHeldNoticeIsDowngradedBelowThePolicyThenStillHeldUntilApproved() {
        exchange.trust.chooseReleasePolicy("FR-DGPN", new eu.synergie.core.trust.ReleasePolicy.Criteria(false,
                eu.synergie.core.notice.Classification.CONFIDENTIAL, null, null, null), "test");
        java.util.Set<String> released = new java.util.HashSet<>();
        NoticeIngestion holding = new NoticeIngestion(NoticeIngestion.home(exchange.opener(), exchange.gate(),
                new ReleaseRule(exchange.registry, released::contains)), index, deadLetters::addAll, Clock.systemUTC(),
                event -> { }, notices -> { });
        UUID id = UUID.randomUUID();
        Instant inForce = Instant.now().plus(java.time.Duration.ofMinutes(5));
        String restricted = TestExchange.notice(id, "FR-DGPN", "EU-WEST");
        String confidential = restricted.replace("\"RESTRICTED\"", "\"CONFIDENTIAL\"");
        holding.ingest(List.of(new LoggedEnvelope("synergie.notices.EU-WEST", 0, 0, id.toString(),
                exchange.seal(confidential, dgpn, "EU-WEST"), inForce, true, "feed")));
        assertThat(index.current.get(id).held()).isTrue();
        byte[] downgraded = exchange.seal(TestEnvelopesV2.of(restricted), dgpn, "EU-WEST");
        holding.ingest(List.of(new LoggedEnvelope("synergie.notices.EU-WEST", 0, 1, id.toString(), downgraded, inForce,
                true, "feed")));
        assertThat(index.current.get(id).opened().notice().markings().classification().name()).isEqualTo("RESTRICTED");
        assertThat(index.current.get(id).held()).as("downgraded, still held").isTrue();
        released.add(ReleaseRule.requestId(id, 2, Instant.parse("2026-11-28T10:00:00Z")));
        holding.ingest(List.of(new LoggedEnvelope("synergie.notices.EU-WEST", 0, 1, id.toString(), downgraded, inForce,
                true, "feed")));
        assertThat(index.current.get(id).held()).as("its own approval given").isFalse();
    }

    /** The same notice JSON as version 2. */
    private static final class TestEnvelopesV2 {
        static String of(String json) {
            return json.replace("\"entities\":[]", "\"version\":2,\"entities\":[]");
        }
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
        NoticeIngestion auditedIngestion = new NoticeIngestion(exchange.opener(), exchange.gate(), index, deadLetters::addAll, Clock.systemUTC(),
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
        NoticeIngestion ingestionWithoutAudit = new NoticeIngestion(exchange.opener(), exchange.gate(), index, deadLetters::addAll,
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
}
