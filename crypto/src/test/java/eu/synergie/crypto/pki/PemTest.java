package eu.synergie.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class PemTest {

    private final CertificateAuthority ca = TestCredentials.ca("Synergie Test Root");
    private final KeyCredential agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();

    @Test
    void readCertificatesWhenChainWrittenThenSameCertificatesInOrder() {
        String pem = Pem.certificates(agency.chain());

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(pem.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
        assertThat(Pem.readCertificates(pem)).containsExactlyElementsOf(agency.chain());
    }

    @Test
    void readCertificatesWhenTextAroundBlocksThenIgnored() {
        String pem = "subject=FR-DGPN\n" + Pem.certificates(List.of(agency.certificate())) + "\ntrailer\n";

        assertThat(Pem.readCertificates(pem)).containsExactly(agency.certificate());
    }

    @Test
    void readCertificatesWhenNoBlockThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Pem.readCertificates("nothing here"))
                .withMessage("PEM holds no certificate");
    }

    @Test
    void readCertificatesWhenRequestBlockThenIllegalArgument() {
        String pem = Pem.certificateRequest(CertificateRequests.create(Keys.generateEcP256(), "FR-DGPN"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Pem.readCertificates(pem))
                .withMessage("PEM block is not a certificate");
    }

    @Test
    void readCertificatesWhenBase64CorruptThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Pem.readCertificates("-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n"));
    }
}
