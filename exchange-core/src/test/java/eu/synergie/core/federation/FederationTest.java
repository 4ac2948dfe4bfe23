package eu.synergie.core.federation;

import eu.synergie.core.federation.hits.Epochs;
import eu.synergie.core.ingestion.DeadLetter;
import eu.synergie.core.ingestion.NoticeIngestion;
import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditOutcome;
import eu.synergie.core.envelope.EnvelopeRejectedException;
import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.envelope.RejectionReason;
import eu.synergie.core.envelope.TestExchange;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.intake.LoggedEnvelope;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.trust.PeerTerms;
import eu.synergie.core.trust.RevocationReason;
import eu.synergie.core.trust.TrustEventJson;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.core.trust.TrustService;
import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.crypto.envelope.EnvelopeSealer;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.crypto.stamp.ExchangeSigner;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two exchanges without servers: what A's outbox sends is handed to B's inbox as MirrorMaker 2 would, record by record
 * on the one topic {@code EXCH-EU.synergie.federation.out.EXCH-MED}.
 */
class FederationTest {

    private static final String EU = "EXCH-EU";
    private static final String MED = "EXCH-MED";
    private static final String TOPIC_AT_MED = FederationInbox.topicFrom(EU, MED);

    private final TestExchange a = new TestExchange();
    private final TestExchange b = new TestExchange();
    private final KeyCredential aFederation = federationKey(a, EU);
    private final KeyCredential bFederation = federationKey(b, MED);
    private final ExchangeSigner aSigner = logSigner(a, EU);
    private final List<FederationOutbox.Outgoing> sent = new ArrayList<>();
    private final List<AuditEvent> auditA = new ArrayList<>();
    private final List<AuditEvent> auditB = new ArrayList<>();
    private final FederationOutbox outbox = new FederationOutbox(a.registry, e -> aSigner.sign(TrustEventJson.write(e)),
            sent::addAll, auditA::add, Clock.systemUTC());
    /** What MirrorMaker copied to the peer so far: the inbox reads its trust records back when it makes a peer's registry. */
    private final List<Map.Entry<String, byte[]>> topicAtMed = new ArrayList<>();
    private final FederationInbox inbox = new FederationInbox(MED, b.registry, bFederation, new AccessPolicy(), auditB::add,
            Clock.systemUTC(), 1 << 20, topic -> topic.equals(TOPIC_AT_MED) ? List.copyOf(topicAtMed) : List.of());
    private final KeyCredential dgpn = a.agency("FR-DGPN");
    private long offset;

    FederationTest() {
        // A sends its EU-WEST to MED; MED keeps A's EU-WEST in its own EU-CENTRAL.
        a.trust.registerPeer(terms(MED, b, bFederation, Set.of("EU-WEST"), Map.of()), "amelie.roux");
        b.trust.registerPeer(terms(EU, a, aFederation, Set.of(), Map.of("EU-WEST", "EU-CENTRAL")), "karim.haddad");
    }

    @Test
    void noticeMarkedForPeerThenKeptThereInTheMappedRegionWithTheAgencySignatureUnchanged() {
        IndexedNotice published = publishedAtA(notice("\"federation\":[\"EXCH-MED\"]", "GREEN", "H0"));

        outbox.indexed(List.of(published));
        assertThat(sent).extracting(FederationOutbox.Outgoing::kind).as("the signer's agency and certificate first")
                .containsExactly(FederationOutbox.Kind.TRUST, FederationOutbox.Kind.TRUST, FederationOutbox.Kind.NOTICE);
        List<IndexedNotice> atMed = deliverToMed();

        assertThat(atMed).singleElement().satisfies(kept -> {
            assertThat(kept.opened().notice().region()).isEqualTo("EU-CENTRAL");
            assertThat(kept.opened().notice().noticeId()).isEqualTo(published.opened().notice().noticeId());
            assertThat(kept.opened().signedData()).isEqualTo(published.opened().signedData());
            assertThat(kept.fromPeer()).isEqualTo(new IndexedNotice.FromPeer(EU, "EU-WEST"));
            assertThat(kept.topic()).isEqualTo(TOPIC_AT_MED);
        });
        assertThat(auditA).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.FEDERATION_TRANSFER);
            assertThat(e.recipients()).containsExactly("exchange:" + MED);
        });
        assertThat(auditB).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.FEDERATION_RECEIPT);
            assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(e.recipients()).containsExactly("exchange:" + EU);
        });
    }

    @Test
    void hybridNoticeMarkedForPeerThenCrossesWithBothSignaturesInsideItsSignedDataUnchanged() {
        TestExchange.HybridAgency ocrtis = a.hybridAgency("FR-OCRTIS");
        String json = notice("\"federation\":[\"EXCH-MED\"]", "GREEN", "H0").replace("FR-DGPN", "FR-OCRTIS");
        OpenedNotice opened = a.opener().open(a.sealHybrid(json, ocrtis, "EU-WEST"));
        assertThat(opened.profile()).isEqualTo(EnvelopeProfile.HYBRID);

        outbox.indexed(List.of(new IndexedNotice(opened, "synergie.notices.EU-WEST", 0, offset++)));
        List<IndexedNotice> atMed = deliverToMed();

        // The hop to the peer is classical (its federation key is ECDH), and the peer verifies the ECDSA signature
        // against the root it pinned; the ML-DSA countersignature travels inside the same bytes, for later.
        assertThat(atMed).singleElement().satisfies(kept -> {
            assertThat(kept.opened().notice().noticeId()).isEqualTo(opened.notice().noticeId());
            assertThat(kept.opened().signedData()).isEqualTo(opened.signedData());
        });
    }

    @Test
    void regionHybridAtHomeThenItsNoticesDoNotCrossTheClassicalHop() {
        a.trust.chooseRegionProfile("EU-WEST", EnvelopeProfile.HYBRID, null, "amelie.roux");
        IndexedNotice published = publishedAtA(notice("\"federation\":[\"EXCH-MED\"]", "GREEN", "H0"));
        FederationOutbox later = new FederationOutbox(a.registry, e -> aSigner.sign(TrustEventJson.write(e)), sent::addAll,
                auditA::add, Clock.offset(Clock.systemUTC(), TrustService.DEFAULT_PROFILE_LEAD.plusSeconds(1)));

        later.indexed(List.of(published));

        assertThat(sent).as("nothing of a region that takes only hybrid envelopes goes through a classical hop").isEmpty();
    }

    @Test
    void regionHybridAtThePeerThenWhatWouldLandInItIsRefused() {
        IndexedNotice published = publishedAtA(notice("\"federation\":[\"EXCH-MED\"]", "GREEN", "H0"));
        outbox.indexed(List.of(published));
        Instant switchAt = b.trust.chooseRegionProfile("EU-CENTRAL", EnvelopeProfile.HYBRID, null, "karim.haddad")
                .switches().getFirst().from();

        List<RejectionReason> refused = new ArrayList<>();
        List<IndexedNotice> atMed = deliverToMed(refused, switchAt);

        assertThat(atMed).isEmpty();
        assertThat(refused).containsExactly(RejectionReason.HYBRID_REQUIRED);
    }

    @Test
    void noticeNotMarkedStrictRedOrOfARegionNotSentThenNothingLeaves() {
        outbox.indexed(List.of(
                publishedAtA(notice("\"federation\":[]", "GREEN", "H0")),
                publishedAtA(notice("\"federation\":[\"EXCH-WAF\"]", "GREEN", "H0")),
                publishedAtA(notice("\"federation\":[\"EXCH-MED\"]", "AMBER+STRICT", "H0")),
                publishedAtA(notice("\"federation\":[\"EXCH-MED\"],\"releasableTo\":[\"FR-DGPN\"]", "RED", "H0")),
                publishedAtA(notice("\"federation\":[\"*\"]", "GREEN", "H2")),
                publishedAtA(TestExchange.notice(UUID.randomUUID(), "FR-DGPN", "EU-CENTRAL")
                        .replace("\"dissemination\":\"FULL\"", "\"dissemination\":\"FULL\",\"federation\":[\"EXCH-MED\"]"))));

        assertThat(sent).isEmpty();
        assertThat(auditA).isEmpty();
    }

    @Test
    void revocationAtOriginThenPeerRefusesWhatWasSignedAfterItAndKeepsWhatWasSignedBefore() throws Exception {
        IndexedNotice before = publishedAtA(notice("\"federation\":[\"EXCH-MED\"]", "GREEN", "H0"));
        outbox.indexed(List.of(before));
        assertThat(deliverToMed()).hasSize(1);
        nextSecond();

        a.trust.revoke(before.opened().certificateSerial(), RevocationReason.KEY_COMPROMISE, null, "amelie.roux");
        List<FederationOutbox.Outgoing> changes = outbox.trustChanges();
        sent.addAll(changes);
        outbox.sent(changes);
        assertThat(changes).singleElement().satisfies(c -> assertThat(c.key()).isEqualTo("certificate:"
                + before.opened().certificateSerial()));
        assertThat(outbox.trustChanges()).as("sent once").isEmpty();
        nextSecond();
        // A forwarder racing the revocation: A itself would refuse it at home, the peer must too.
        byte[] signedAfter = a.seal(notice("\"federation\":[\"EXCH-MED\"]", "GREEN", "H0"), dgpn, "EU-WEST");
        byte[] signedData = a.opener().open(signedAfter).signedData();
        sent.add(new FederationOutbox.Outgoing(MED, FederationOutbox.Kind.NOTICE, "x",
                EnvelopeSealer.rewrap(signedData, List.of(bFederation.certificate())), null));
        outbox.indexed(List.of(before));

        List<RejectionReason> refused = new ArrayList<>();
        List<IndexedNotice> kept = deliverToMed(refused);

        assertThat(refused).containsExactly(RejectionReason.CERTIFICATE_REVOKED);
        assertThat(kept).as("the earlier one, sent again").singleElement()
                .satisfies(n -> assertThat(n.opened().notice().noticeId()).isEqualTo(before.opened().notice().noticeId()));
        assertThat(inbox.registryOf(EU).orElseThrow().certificate(before.opened().certificateSerial()))
                .hasValueSatisfying(c -> assertThat(c.revoked()).isTrue());
    }

    @Test
    void unpeeredThenNothingLeavesAndNothingIsTaken() {
        IndexedNotice published = publishedAtA(notice("\"federation\":[\"EXCH-MED\"]", "GREEN", "H0"));
        outbox.indexed(List.of(published));
        b.trust.removePeer(EU, "karim.haddad");

        List<RejectionReason> refused = new ArrayList<>();
        assertThat(deliverToMed(refused)).isEmpty();
        assertThat(refused).containsExactly(RejectionReason.PEER_NOT_ACTIVE);
        assertThat(auditB).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.REFUSED));

        sent.clear();
        a.trust.removePeer(MED, "amelie.roux");
        outbox.indexed(List.of(publishedAtA(notice("\"federation\":[\"EXCH-MED\"]", "GREEN", "H0"))));
        assertThat(outbox.trustChanges()).isEmpty();
        assertThat(sent).isEmpty();
    }

    @Test
    void trustRecordNotSignedByThePeerOrUnderAnotherKeyThenRefused() {
        outbox.indexed(List.of(publishedAtA(notice("\"federation\":[\"EXCH-MED\"]", "GREEN", "H0"))));
        FederationOutbox.Outgoing trust = sent.getFirst();
        ExchangeSigner stranger = logSigner(new TestExchange(), EU);

        assertThat(inbox.trustRecord(TOPIC_AT_MED, trust.key(), stranger.sign(TrustEventJson.write(trust.trust()))))
                .isEqualTo(FederationInbox.TrustOutcome.REFUSED);
        assertThat(inbox.trustRecord(TOPIC_AT_MED, "agency:BE-PJF", trust.value())).isEqualTo(FederationInbox.TrustOutcome.REFUSED);
        assertThat(inbox.trustRecord("EXCH-WAF.synergie.federation.out.EXCH-MED", trust.key(), trust.value()))
                .isEqualTo(FederationInbox.TrustOutcome.NOT_A_PEER);
        assertThat(inbox.trustRecord(TOPIC_AT_MED, trust.key(), trust.value())).isEqualTo(FederationInbox.TrustOutcome.APPLIED);
        assertThat(inbox.trustRecord(TOPIC_AT_MED, trust.key(), trust.value())).isEqualTo(FederationInbox.TrustOutcome.IGNORED);
    }

    /** Registered at home first: what home sent before the peer registered it is read again from the topic. */
    @Test
    void trustSentBeforeThePeerRegisteredHomeThenReadAgainOnceItDoes() {
        b.trust.removePeer(EU, "karim.haddad");
        IndexedNotice published = publishedAtA(notice("\"federation\":[\"EXCH-MED\"]", "GREEN", "H0"));
        outbox.indexed(List.of(published));
        List<FederationOutbox.Outgoing> beforePeering = List.copyOf(sent);
        sent.clear();
        for (FederationOutbox.Outgoing record : beforePeering) {
            topicAtMed.add(Map.entry(record.key(), record.value()));
            if (record.kind() == FederationOutbox.Kind.TRUST) {
                assertThat(inbox.trustRecord(TOPIC_AT_MED, record.key(), record.value()))
                        .isEqualTo(FederationInbox.TrustOutcome.NOT_A_PEER);
            }
        }

        b.trust.registerPeer(terms(EU, a, aFederation, Set.of(), Map.of("EU-WEST", "EU-CENTRAL")), "karim.haddad");
        outbox.indexed(List.of(publishedAtA(notice("\"federation\":[\"EXCH-MED\"]", "GREEN", "H0"))));

        assertThat(sent).extracting(FederationOutbox.Outgoing::kind).as("the signer was sent once, before")
                .containsExactly(FederationOutbox.Kind.NOTICE);
        assertThat(deliverToMed()).hasSize(1);
    }

    /** The peer receives EU-WEST: an agency of EU-CENTRAL only, and its certificates, are none of its business. */
    @Test
    void trustChangesThenOnlyAgenciesOfTheRegionsThePeerReceives() {
        a.trust.register("DE-BKA", "Bundeskriminalamt", Set.of("EU-CENTRAL"), "amelie.roux");
        a.trust.issueCertificate("DE-BKA", Keys.generateEcP256().getPublic(), "amelie.roux");

        List<FederationOutbox.Outgoing> changes = outbox.trustChanges();

        assertThat(changes).extracting(FederationOutbox.Outgoing::key).contains("agency:FR-DGPN")
                .noneMatch(key -> key.equals("agency:DE-BKA") || key.startsWith("peer:"));
        assertThat(changes).filteredOn(c -> c.key().startsWith("certificate:"))
                .allSatisfy(c -> assertThat(a.registry.certificate(c.key().substring("certificate:".length())))
                        .hasValueSatisfying(cert -> assertThat(cert.agency()).isEqualTo("FR-DGPN")));
    }

    @Test
    void peerOfWhenTopicsOfOthersThenNone() {
        assertThat(inbox.peerOf(TOPIC_AT_MED)).contains(EU);
        assertThat(inbox.peerOf("EXCH-EU.synergie.federation.out.EXCH-WAF")).isEmpty();
        assertThat(inbox.peerOf("synergie.federation.out.EXCH-MED")).isEmpty();
        assertThat(inbox.peerOf("X.EXCH-EU.synergie.federation.out.EXCH-MED")).isEmpty();
    }

    private List<IndexedNotice> deliverToMed() {
        List<RejectionReason> refused = new ArrayList<>();
        List<IndexedNotice> kept = deliverToMed(refused);
        assertThat(refused).isEmpty();
        return kept;
    }

    /**
     * A's keyed hashes reach B signed by A: B takes them; the same hashes signed by another exchange (B itself here: anyone
     * able to write to the topic), or not signed at all, are refused before any matching.
     */
    @Test
    void hitsSignedByThePeerThenTakenAndAnyOtherSignatureOrNoneRefused() {
        FederationHits hitsAtA = new FederationHits(EU, a.registry, aFederation, aSigner, Epochs.isoWeeks(), 1000, sent::addAll,
                match -> { }, Clock.systemUTC());
        FederationHits hitsAtB = new FederationHits(MED, b.registry, bFederation, logSigner(b, MED), Epochs.isoWeeks(), 1000,
                sent::addAll, match -> { }, Clock.systemUTC());
        hitsAtA.indexed(List.of(publishedAtA(notice("\"federation\":[]", "GREEN", "H0").replace("\"entities\":[]",
                "\"entities\":[{\"kind\":\"PHONE\",\"value\":\"+33612345678\"}]"))));
        FederationOutbox.Outgoing record = sent.stream().filter(o -> o.kind() == FederationOutbox.Kind.HITS).findFirst().orElseThrow();
        byte[] json = eu.synergie.crypto.stamp.ExchangeSignatures.ofPeer(a.ca.certificate()).open(record.value()).content();

        assertThat(hitsAtB.peerRecord(EU, logSigner(b, EU).sign(json))).hasValueSatisfying(why ->
                assertThat(why).contains("not signed by " + EU));
        assertThat(hitsAtB.peerRecord(EU, json)).hasValueSatisfying(why -> assertThat(why).contains("not signed by " + EU));
        assertThat(hitsAtB.peerRecord(EU, record.value())).isEmpty();
    }

    private List<IndexedNotice> deliverToMed(List<RejectionReason> refused) {
        return deliverToMed(refused, Instant.now());
    }

    /** As MirrorMaker 2 would, appended on the peer's side at {@code appendedAt}. */
    private List<IndexedNotice> deliverToMed(List<RejectionReason> refused, Instant appendedAt) {
        List<IndexedNotice> kept = new ArrayList<>();
        List<DeadLetter> letters = new ArrayList<>();
        NoticeIngestion.Admission admission = inbox.admission();
        for (FederationOutbox.Outgoing record : sent) {
            topicAtMed.add(Map.entry(record.key(), record.value()));
            if (record.kind() == FederationOutbox.Kind.TRUST) {
                inbox.trustRecord(TOPIC_AT_MED, record.key(), record.value());
            } else {
                LoggedEnvelope logged = new LoggedEnvelope(TOPIC_AT_MED, 0, offset++, record.key(), record.value(), appendedAt);
                try {
                    kept.add(admission.admit(logged));
                } catch (EnvelopeRejectedException e) {
                    refused.add(e.reason());
                    letters.add(new DeadLetter(logged, e.reason(), e.getMessage(), Instant.now()));
                }
            }
        }
        // As NoticeIngestion does once the batch is indexed: the receipts are audited then.
        admission.settled(kept, letters);
        sent.clear();
        return kept;
    }

    private IndexedNotice publishedAtA(String json) {
        OpenedNotice opened = a.opener().open(a.seal(json, dgpn, json.contains("EU-CENTRAL") ? "EU-CENTRAL" : "EU-WEST"));
        return new IndexedNotice(opened, "synergie.notices." + opened.notice().region(), 0, offset++);
    }

    private static String notice(String federation, String tlp, String handling) {
        return TestExchange.notice(UUID.randomUUID(), "FR-DGPN", "EU-WEST")
                .replace("\"tlp\":\"GREEN\"", "\"tlp\":\"" + tlp + "\"")
                .replace("\"handlingCode\":\"H0\"", "\"handlingCode\":\"" + handling + "\"")
                .replace("\"releasableTo\":[],", "")
                .replace("\"dissemination\":\"FULL\"", "\"dissemination\":\"FULL\"," + federation);
    }

    private static PeerTerms terms(String name, TestExchange peer, KeyCredential peerFederation, Set<String> sends,
                                   Map<String, String> receives) {
        try {
            return new PeerTerms(name, Pem.certificates(List.of(peer.ca.certificate())),
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(peer.ca.certificate().getEncoded())),
                    Pem.certificates(List.of(peerFederation.certificate())), sends, receives);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyCredential federationKey(TestExchange exchange, String name) {
        KeyPair pair = Keys.generateEcP256();
        return new KeyCredential(pair.getPrivate(), List.of(exchange.ca.issueFederationRecipientCertificate(name,
                pair.getPublic(), Duration.ofDays(30)), exchange.ca.certificate()));
    }

    private static ExchangeSigner logSigner(TestExchange exchange, String name) {
        KeyPair pair = Keys.generateEcP256();
        return ExchangeSigner.of(new KeyCredential(pair.getPrivate(), List.of(exchange.ca.issueExchangeSigningCertificate(
                name, pair.getPublic(), Duration.ofDays(30)), exchange.ca.certificate())), Clock.systemUTC());
    }

    /** CMS signing times are whole seconds: what must fall on either side of a revocation is a second apart. */
    private static void nextSecond() throws InterruptedException {
        Instant next = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), next).toMillis() + 20));
    }
}
