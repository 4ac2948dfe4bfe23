package eu.synergie.crypto.envelope;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.TestCredentials;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who an envelope is for, read without opening it. */
class EnvelopeRecipientsTest {

    private static final byte[] ANSWER = "{\"identity\":{}}".getBytes(StandardCharsets.UTF_8);

    private final CertificateAuthority ca = TestCredentials.ca("Synergie Test Root");
    private final KeyCredential owner = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();
    private final KeyCredential requester = TestCredentials.agency("BE-PJF").issuedBy(ca).build();
    private final KeyCredential rollover = TestCredentials.agency("BE-PJF").issuedBy(ca).build();
    private final KeyCredential third = TestCredentials.agency("DE-BKA").issuedBy(ca).build();

    @Test
    void requireOnlyWhenEveryRecipientAllowedThenAccepted() {
        byte[] envelope = EnvelopeSealer.seal(ANSWER, owner, List.of(requester.certificate(), rollover.certificate()));

        assertThatCode(() -> EnvelopeRecipients.requireOnly(envelope, List.of(requester.certificate(), rollover.certificate())))
                .doesNotThrowAnyException();
    }

    @Test
    void requireOnlyWhenAThirdPartyOrTheSenderCanOpenItThenRefused() {
        byte[] withThird = EnvelopeSealer.seal(ANSWER, owner, List.of(requester.certificate(), third.certificate()));
        byte[] withSender = EnvelopeSealer.seal(ANSWER, owner, List.of(requester.certificate(), owner.certificate()));

        for (byte[] envelope : List.of(withThird, withSender)) {
            assertThatThrownBy(() -> EnvelopeRecipients.requireOnly(envelope, List.of(requester.certificate())))
                    .isInstanceOfSatisfying(EnvelopeException.class, e ->
                            org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.NOT_A_RECIPIENT))
                    .hasMessageContaining("1 of the envelope's 2 recipients");
        }
    }

    @Test
    void requireOnlyWhenNotAnEnvelopeThenMalformed() {
        assertThatThrownBy(() -> EnvelopeRecipients.requireOnly(ANSWER, List.of(requester.certificate())))
                .isInstanceOfSatisfying(EnvelopeException.class, e ->
                        org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.MALFORMED));
        assertThatThrownBy(() -> EnvelopeRecipients.requireOnly(EnvelopeSealer.sign(ANSWER, owner), List.of(requester.certificate())))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("not authEnvelopedData");
    }
}
