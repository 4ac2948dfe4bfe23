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
    void readPrivateKeyWhenWrittenThenSameKeyAsPkcs8Block() {
        var keys = Keys.generateEcP256();

        String pem = Pem.privateKey(keys.getPrivate());

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(Pem.readPrivateKey("key of the node\n" + pem).getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
    }

    @Test
    void readPrivateKeyWhenNoKeyBlockOrCorruptThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> Pem.readPrivateKey(Pem.certificates(agency.chain())))
                .withMessage("PEM holds no private key");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Pem.readPrivateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
                .withMessage("PEM private key cannot be decoded");
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
