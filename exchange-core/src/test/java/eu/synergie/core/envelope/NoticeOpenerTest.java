package eu.synergie.core.envelope;

import eu.synergie.crypto.pki.KeyCredential;
import org.junit.jupiter.api.Test;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.crypto.envelope.EnvelopeSealer;
import eu.synergie.crypto.envelope.HybridEnvelopeSealer;
import eu.synergie.crypto.envelope.HybridRecipient;
import eu.synergie.crypto.envelope.SecurityCategory;
import eu.synergie.crypto.envelope.SecurityLabel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoticeOpenerTest {

    private final TestExchange exchange = new TestExchange();
    private final KeyCredential dgpn = exchange.agency("FR-DGPN");

    @Test
    void openWhenSealedForItsRegionThenNoticeAndProvenance() {
        UUID id = UUID.randomUUID();
        OpenedNotice opened = exchange.opener().open(exchange.seal(TestExchange.notice(id, "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST"));
        assertThat(opened.notice().noticeId()).isEqualTo(id);
        assertThat(opened.signerAgency()).isEqualTo("FR-DGPN");
        assertThat(opened.certificateSerial()).isEqualTo(dgpn.certificate().getSerialNumber().toString(16));
        assertThat(opened.certificateSha256()).hasSize(64);
    }

    @Test
    void openWhenSealedForAnotherRegionThanItSaysThenRegionMismatch() {
        assertReason(exchange.seal(TestExchange.notice(UUID.randomUUID(), "FR-DGPN", "EU-WEST"), dgpn, "EU-CENTRAL"),
                RejectionReason.REGION_MISMATCH);
    }

    @Test
    void openWhenRegionNotServedThenUnknownRegion() {
        assertReason(exchange.seal(TestExchange.notice(UUID.randomUUID(), "FR-DGPN", "ATLANTIS"), dgpn, "EU-WEST"),
                RejectionReason.UNKNOWN_REGION);
    }

    @Test
    void openWhenSignerIsNotTheOriginatorThenOpenedWithBothNamedForThePublishRule() {
        OpenedNotice opened = exchange.opener().open(exchange.seal(TestExchange.notice(UUID.randomUUID(), "BE-PJF", "EU-WEST"),
                dgpn, "EU-WEST"));
        assertThat(opened.signerAgency()).isEqualTo("FR-DGPN");
        assertThat(opened.notice().originAgency()).isEqualTo("BE-PJF");
    }

    @Test
    void openWhenSignerFromAnotherCaThenUnknownSigner() {
        KeyCredential stranger = new TestExchange().agency("FR-DGPN");
        assertReason(exchange.seal(TestExchange.notice(UUID.randomUUID(), "FR-DGPN", "EU-WEST"), stranger, "EU-WEST"),
                RejectionReason.UNKNOWN_SIGNER);
    }

    @Test
    void openWhenContentIsNotANoticeThenInvalidNotice() {
        assertReason(exchange.seal("{\"hello\":\"world\"}", dgpn, "EU-WEST"), RejectionReason.INVALID_NOTICE);
    }

    @Test
    void openWhenGarbageThenMalformed() {
        assertReason(new byte[]{0x30, 0x03, 0x02, 0x01}, RejectionReason.MALFORMED_ENVELOPE);
        assertThat(RejectionReason.MALFORMED_ENVELOPE.category()).isEqualTo(RejectionReason.Category.MALFORMED);
    }

    @Test
    void openWhenMarkingsDifferFromSignedLabelThenLabelMismatch() {
        String json = TestExchange.notice(UUID.randomUUID(), "FR-DGPN", "EU-WEST");
        Markings lowered = new Markings("EU-WEST", "FR-DGPN", Classification.UNCLASSIFIED, HandlingCode.H0, null, Tlp.CLEAR,
                Set.of(), Dissemination.FULL);
        byte[] envelope = EnvelopeSealer.seal(json.getBytes(StandardCharsets.UTF_8), dgpn,
                List.of(exchange.regions.recipientCertificate("EU-WEST").orElseThrow(), dgpn.certificate()),
                MarkingsLabel.of(lowered));
        assertReason(envelope, RejectionReason.LABEL_MISMATCH);
    }

    @Test
    void openWhenNoLabelSignedThenLabelMismatch() {
        byte[] envelope = EnvelopeSealer.seal(TestExchange.notice(UUID.randomUUID(), "FR-DGPN", "EU-WEST")
                .getBytes(StandardCharsets.UTF_8), dgpn, List.of(exchange.regions.recipientCertificate("EU-WEST").orElseThrow(),
                dgpn.certificate()));
        assertReason(envelope, RejectionReason.LABEL_MISMATCH);
    }

    @Test
    void openWhenOriginatorNotAmongRecipientsThenOriginatorNotARecipient() {
        byte[] json = TestExchange.notice(UUID.randomUUID(), "FR-DGPN", "EU-WEST").getBytes(StandardCharsets.UTF_8);
        byte[] regionOnly = EnvelopeSealer.seal(json, dgpn, List.of(exchange.regions.recipientCertificate("EU-WEST")
                .orElseThrow()), MarkingsLabel.of(NoticeJson.read(json).markings()));

        assertReason(regionOnly, RejectionReason.ORIGINATOR_NOT_A_RECIPIENT);
        assertThat(RejectionReason.ORIGINATOR_NOT_A_RECIPIENT.category()).isEqualTo(RejectionReason.Category.UNPROCESSABLE);
    }

    @Test
    void labelWhenFederationMarkedThenItsOwnCategoryAndAnotherListDoesNotMatch() {
        Markings home = new Markings("EU-WEST", "FR-DGPN", Classification.RESTRICTED, HandlingCode.H1, null, Tlp.AMBER,
                Set.of(), Dissemination.FULL);
        Markings crossing = new Markings("EU-WEST", "FR-DGPN", Classification.RESTRICTED, HandlingCode.H1, null, Tlp.AMBER,
                Set.of(), Dissemination.FULL, Set.of("EXCH-MED"));
        assertThat(MarkingsLabel.of(home).categories()).extracting(SecurityCategory::type)
                .doesNotContain(MarkingsLabel.FEDERATION);
        assertThat(MarkingsLabel.of(crossing).categories()).contains(new SecurityCategory(MarkingsLabel.FEDERATION,
                List.of("EXCH-MED")));
        assertThat(MarkingsLabel.matches(MarkingsLabel.of(crossing), crossing)).isTrue();
        assertThat(MarkingsLabel.matches(MarkingsLabel.of(home), crossing)).as("added on the way").isFalse();
        assertThat(MarkingsLabel.matches(MarkingsLabel.of(crossing), home)).as("dropped on the way").isFalse();
        assertThat(MarkingsLabel.matches(MarkingsLabel.of(crossing), new Markings("EU-WEST", "FR-DGPN",
                Classification.RESTRICTED, HandlingCode.H1, null, Tlp.AMBER, Set.of(), Dissemination.FULL, Set.of("*"))))
                .as("widened on the way").isFalse();
    }

    @Test
    void labelWhenCategoriesInAnotherOrderThenStillMatches() {
        Markings markings = new Markings("EU-WEST", "FR-DGPN", Classification.SECRET, HandlingCode.H3, "note", Tlp.RED,
                Set.of("BE-PJF", "DE-BKA"), Dissemination.SILENT);
        SecurityLabel label = MarkingsLabel.of(markings);
        List<SecurityCategory> reversed = new java.util.ArrayList<>(label.categories());
        java.util.Collections.reverse(reversed);
        assertThat(MarkingsLabel.matches(new SecurityLabel(label.policyId(), label.classification(), null, reversed), markings))
                .isTrue();
        assertThat(MarkingsLabel.matches(label, new Markings("EU-WEST", "FR-DGPN", Classification.SECRET, HandlingCode.H3,
                "note", Tlp.RED, Set.of("BE-PJF"), Dissemination.SILENT))).as("one recipient fewer").isFalse();
    }

    @Test
    void openWhenOneByteDiffersFromAnEnvelopeOpenedBeforeThenOpenedAfreshAndRefused() {
        NoticeOpener opener = exchange.opener();
        byte[] envelope = exchange.seal(TestExchange.notice(UUID.randomUUID(), "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST");
        opener.open(envelope);
        byte[] tampered = envelope.clone();
        tampered[tampered.length - 20] ^= 1;
        assertThatThrownBy(() -> opener.open(tampered)).isInstanceOf(EnvelopeRejectedException.class);
    }

    @Test
    void openWhenHybridThenBothSignersNamedAndTheProfileSaid() {
        TestExchange.HybridAgency bka = exchange.hybridAgency("DE-BKA");
        UUID id = UUID.randomUUID();

        OpenedNotice opened = exchange.opener().open(exchange.sealHybrid(TestExchange.notice(id, "DE-BKA", "EU-CENTRAL"), bka, "EU-CENTRAL"));

        assertThat(opened.notice().noticeId()).isEqualTo(id);
        assertThat(opened.profile()).isEqualTo(EnvelopeProfile.HYBRID);
        assertThat(opened.certificateSerial()).isEqualTo(bka.classical().certificate().getSerialNumber().toString(16));
        assertThat(opened.postQuantumCertificateSerial()).isEqualTo(bka.mlDsa().certificate().getSerialNumber().toString(16));
    }

    @Test
    void openWhenClassicalThenClassicalWithoutAnMlDsaSigner() {
        OpenedNotice opened = exchange.opener().open(exchange.seal(TestExchange.notice(UUID.randomUUID(), "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST"));

        assertThat(opened.profile()).isEqualTo(EnvelopeProfile.CLASSICAL);
        assertThat(opened.postQuantumCertificateSerial()).isNull();
    }

    @Test
    void openWhenHybridSealedForAnotherRegionThanItSaysThenRegionMismatch() {
        TestExchange.HybridAgency bka = exchange.hybridAgency("DE-BKA");
        assertReason(exchange.sealHybrid(TestExchange.notice(UUID.randomUUID(), "DE-BKA", "EU-WEST"), bka, "EU-CENTRAL"),
                RejectionReason.REGION_MISMATCH);
    }

    @Test
    void openWhenTheMlKemLayerIsForAnotherRegionThanItsEcdhLayerThenRegionMismatch() {
        TestExchange.HybridAgency bka = exchange.hybridAgency("DE-BKA");
        byte[] json = TestExchange.notice(UUID.randomUUID(), "DE-BKA", "EU-WEST").getBytes(StandardCharsets.UTF_8);
        byte[] envelope = HybridEnvelopeSealer.seal(json, bka.classical(), bka.mlDsa(), List.of(
                        new HybridRecipient(exchange.regions.recipientCertificate("EU-WEST").orElseThrow(),
                                exchange.regions.kemCertificate("EU-CENTRAL").orElseThrow()),
                        new HybridRecipient(bka.classical().certificate(), bka.mlKem().certificate())),
                MarkingsLabel.of(NoticeJson.read(json).markings()));

        assertThatThrownBy(() -> exchange.opener().open(envelope)).isInstanceOfSatisfying(EnvelopeRejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(RejectionReason.REGION_MISMATCH);
            assertThat(e.getMessage()).contains("ML-KEM layer was sealed for region EU-CENTRAL");
        });
    }

    @Test
    void openWhenHybridAndTheExchangeHasNoMlDsaRootThenUnsupportedAlgorithm() {
        TestExchange.HybridAgency bka = exchange.hybridAgency("DE-BKA");
        byte[] envelope = exchange.sealHybrid(TestExchange.notice(UUID.randomUUID(), "DE-BKA", "EU-WEST"), bka, "EU-WEST");
        NoticeOpener classicalOnly = new NoticeOpener(exchange.ca.certificate(), exchange.regions, 1 << 20, java.time.Clock.systemUTC());

        assertThatThrownBy(() -> classicalOnly.open(envelope)).isInstanceOfSatisfying(EnvelopeRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(RejectionReason.UNSUPPORTED_ALGORITHM));
    }

    private void assertReason(byte[] envelope, RejectionReason reason) {
        assertThatThrownBy(() -> exchange.opener().open(envelope))
                .isInstanceOfSatisfying(EnvelopeRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
