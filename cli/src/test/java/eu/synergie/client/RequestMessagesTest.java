package eu.synergie.client;

import eu.synergie.crypto.envelope.EnvelopeException;
import eu.synergie.crypto.pki.KeyCredential;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A request's messages as the agencies' tools seal and open them: for the two agencies only, and only as what they are. */
class RequestMessagesTest {

    private final TestPki pki = new TestPki();
    private final KeyCredential belgiumKey = pki.agency("BE-PJF");
    private final KeyCredential franceKey = pki.agency("FR-DGPN");
    private final KeyCredential spainKey = pki.agency("ES-CNP");
    private final RequestMessages belgium = new RequestMessages(belgiumKey);
    private final RequestMessages france = new RequestMessages(franceKey);

    @Test
    void openWhenSealedByTheOtherAgencyThenEitherAgencyReadsItAndNoThirdOne() {
        byte[] sealed = france.seal("r-1", "REPLY", "BE-PJF", "Oui, connu à Lyon.", List.of(belgiumKey.certificate()));

        assertThat(belgium.open(sealed, "r-1", "REPLY", "FR-DGPN").text()).isEqualTo("Oui, connu à Lyon.");
        assertThat(france.open(sealed, "r-1", "REPLY", "FR-DGPN").text()).as("its sender reads it back")
                .isEqualTo("Oui, connu à Lyon.");
        assertThatThrownBy(() -> new RequestMessages(spainKey).open(sealed, "r-1", "REPLY", "FR-DGPN"))
                .isInstanceOf(EnvelopeException.class);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("connu");
    }

    @Test
    void openWhenPassedOffAsAnotherRequestStepOrSenderThenRefused() {
        byte[] sealed = france.seal("r-1", "REPLY", "BE-PJF", "Oui.", List.of(belgiumKey.certificate()));

        assertThatThrownBy(() -> belgium.open(sealed, "r-2", "REPLY", "FR-DGPN")).hasMessageContaining("not REPLY of r-2");
        assertThatThrownBy(() -> belgium.open(sealed, "r-1", "RELEASE", "FR-DGPN")).hasMessageContaining("not RELEASE");
        assertThatThrownBy(() -> belgium.open(sealed, "r-1", "REPLY", "ES-CNP")).hasMessageContaining("signed by FR-DGPN");
    }

    @Test
    void sealWhenARecipientIsNeitherPartyOrTheOtherIsMissingThenRefused() {
        assertThatThrownBy(() -> france.seal("r-1", "REPLY", "BE-PJF", "Oui.", List.of(belgiumKey.certificate(),
                spainKey.certificate()))).isInstanceOf(UntrustedCertificateException.class).hasMessageContaining("ES-CNP");
        assertThatThrownBy(() -> france.seal("r-1", "REPLY", "BE-PJF", "Oui.", List.of(franceKey.certificate())))
                .isInstanceOf(UntrustedCertificateException.class).hasMessageContaining("no certificate of BE-PJF");
    }
}
