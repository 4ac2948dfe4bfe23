package eu.synergie.core.envelope;

import eu.synergie.crypto.pki.KeyCredential;
import org.junit.jupiter.api.Test;

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
    void openWhenSignerIsNotTheOriginatorThenRefused() {
        assertReason(exchange.seal(TestExchange.notice(UUID.randomUUID(), "BE-PJF", "EU-WEST"), dgpn, "EU-WEST"),
                RejectionReason.SIGNER_NOT_ORIGINATOR);
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

    private void assertReason(byte[] envelope, RejectionReason reason) {
        assertThatThrownBy(() -> exchange.opener().open(envelope))
                .isInstanceOfSatisfying(EnvelopeRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
