package eu.synergie.crypto.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenedEnvelopeTest {

    private static final byte[] NOTICE = "secret plaintext marker".getBytes(StandardCharsets.UTF_8);

    private final CertificateAuthority ca = TestCredentials.ca("Synergie Test Root");
    private final KeyCredential agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();
    private final KeyCredential region = TestCredentials.region("EU-WEST").issuedBy(ca).build();

    private static final byte[] SIGNED = "signed data marker".getBytes(StandardCharsets.UTF_8);

    @Test
    void equalsWhenSignedDataDiffersThenNotEqual() {
        Instant now = Instant.now();

        assertThat(new OpenedEnvelope(NOTICE, agency.certificate(), now, region.certificate(), Optional.empty(), SIGNED))
                .isEqualTo(new OpenedEnvelope(NOTICE, agency.certificate(), now, region.certificate(), Optional.empty(),
                        SIGNED.clone()))
                .isNotEqualTo(new OpenedEnvelope(NOTICE, agency.certificate(), now, region.certificate(), Optional.empty(),
                        NOTICE));
    }

    @Test
    void equalsWhenLabelsDifferThenNotEqual() {
        Instant now = Instant.now();

        assertThat(new OpenedEnvelope(NOTICE, agency.certificate(), now, region.certificate(),
                Optional.of(TestSecurityLabels.restricted()), SIGNED))
                .isNotEqualTo(new OpenedEnvelope(NOTICE, agency.certificate(), now, region.certificate(), Optional.empty(),
                        SIGNED));
    }

    @Test
    void toStringWhenLabelledThenMarkingsWithoutContent() {
        OpenedEnvelope opened = new OpenedEnvelope(NOTICE, agency.certificate(), Instant.now(), region.certificate(),
                Optional.of(TestSecurityLabels.restricted()), SIGNED);

        assertThat(opened.toString()).contains("classification=2", "TLP:AMBER").doesNotContain("secret plaintext marker")
                .doesNotContain("signed data marker");
    }
}
