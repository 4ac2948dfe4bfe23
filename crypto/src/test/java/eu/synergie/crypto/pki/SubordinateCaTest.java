package eu.synergie.crypto.pki;

import eu.synergie.crypto.envelope.EnvelopeOpener;
import eu.synergie.crypto.envelope.EnvelopeSealer;
import eu.synergie.crypto.envelope.OpenedEnvelope;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubordinateCaTest {

    private final CertificateAuthority root = CertificateAuthority.createRoot("Synergie Root CA", Duration.ofDays(3650));
    private final CertificateAuthority issuing = root.issueSubordinate("Synergie Issuing CA 1", Duration.ofDays(1825));

    @Test
    void issueSubordinateThenCaWithPathLengthZeroSignedByRoot() throws Exception {
        X509Certificate certificate = issuing.certificate();
        assertThat(certificate.getBasicConstraints()).isZero();
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(root.certificate().getSubjectX500Principal());
        certificate.verify(root.certificate().getPublicKey());
        assertThat(issuing.credential().chain()).containsExactly(certificate, root.certificate());
    }

    @Test
    void chainOfWhenLeafThenLeafIssuingAndRoot() {
        X509Certificate leaf = issuing.issueAgencyCertificate("FR-DGPN", Keys.generateEcP256().getPublic(), Duration.ofDays(1));
        assertThat(issuing.chainOf(leaf)).containsExactly(leaf, issuing.certificate(), root.certificate());
    }

    @Test
    void openWhenSignerIssuedByIssuingCaThenVerifiedAgainstRootOnly() {
        KeyPair agencyKeys = Keys.generateEcP256();
        KeyCredential agency = new KeyCredential(agencyKeys.getPrivate(),
                issuing.chainOf(issuing.issueAgencyCertificate("FR-DGPN", agencyKeys.getPublic(), Duration.ofDays(1))));
        KeyPair regionKeys = Keys.generateEcP256();
        KeyCredential region = new KeyCredential(regionKeys.getPrivate(),
                issuing.chainOf(issuing.issueRegionRecipientCertificate("EU-WEST", regionKeys.getPublic(), Duration.ofDays(1))));
        byte[] envelope = EnvelopeSealer.seal("bonjour".getBytes(StandardCharsets.UTF_8), agency, List.of(region.certificate()));

        OpenedEnvelope opened = new EnvelopeOpener(root.certificate()).open(envelope, List.of(region));
        assertThat(new String(opened.content(), StandardCharsets.UTF_8)).isEqualTo("bonjour");
        assertThat(opened.signer()).isEqualTo(agency.certificate());
    }

    @Test
    void subordinateWhenAskedForAnotherSubordinateThenItsCertificateBreaksThePathLength() {
        CertificateAuthority tooDeep = issuing.issueSubordinate("Too deep", Duration.ofDays(1));
        KeyPair agencyKeys = Keys.generateEcP256();
        KeyCredential agency = new KeyCredential(agencyKeys.getPrivate(),
                tooDeep.chainOf(tooDeep.issueAgencyCertificate("FR-DGPN", agencyKeys.getPublic(), Duration.ofDays(1))));
        KeyPair regionKeys = Keys.generateEcP256();
        KeyCredential region = new KeyCredential(regionKeys.getPrivate(),
                issuing.chainOf(issuing.issueRegionRecipientCertificate("EU-WEST", regionKeys.getPublic(), Duration.ofDays(1))));
        byte[] envelope = EnvelopeSealer.seal("x".getBytes(StandardCharsets.UTF_8), agency, List.of(region.certificate()));
        assertThatThrownBy(() -> new EnvelopeOpener(root.certificate()).open(envelope, List.of(region)))
                .hasMessageContaining("chain");
    }
}
