package eu.synergie.gateway.keys;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.RevokedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Revocations kept in the key folder: a CRL file that only grows, shared by the instances of one exchange. */
class RevocationFileTest {

    private static final CertificateAuthority CA = CertificateAuthority.createRoot("Test CA", Duration.ofDays(30));
    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path folder;

    @Test
    void keepWhenTwoInstancesKeepRevocationsThenEachSeesBothAndTheFileIsACrlOfTheCa() throws Exception {
        RevocationFile one = new RevocationFile(folder, CA);
        RevocationFile other = new RevocationFile(folder, CA);

        one.keep(List.of(new RevokedCertificate(BigInteger.valueOf(0x1f), AT, 1)));
        other.keep(List.of(new RevokedCertificate(BigInteger.valueOf(0x2a), AT, 4)));

        assertThat(one.revoked()).containsExactlyInAnyOrder(new RevokedCertificate(BigInteger.valueOf(0x1f), AT, 1),
                new RevokedCertificate(BigInteger.valueOf(0x2a), AT, 4));
        assertThat(other.revoked()).hasSize(2);
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(
                new ByteArrayInputStream(Files.readAllBytes(folder.resolve("exchange-revocations.crl"))));
        crl.verify(CA.certificate().getPublicKey());
        assertThat(crl.getRevokedCertificate(BigInteger.valueOf(0x1f))).isNotNull();
    }

    @Test
    void keepWhenASerialIsKeptAgainThenTheFirstStaysAndNothingIsLost() {
        RevocationFile archive = new RevocationFile(folder, CA);
        archive.keep(List.of(new RevokedCertificate(BigInteger.TEN, AT, 1)));

        archive.keep(List.of(new RevokedCertificate(BigInteger.TEN, AT.plusSeconds(60), 4)));
        archive.keep(List.of());

        assertThat(new RevocationFile(folder, CA).revoked()).containsExactly(new RevokedCertificate(BigInteger.TEN, AT, 1));
    }

    @Test
    void revokedWhenTheFileIsACrlOfAnotherCaThenRefusedAndNothingOfItRevoked() throws Exception {
        CertificateAuthority other = CertificateAuthority.createRoot("Someone else", Duration.ofDays(30));
        X509CRL forged = other.issueCrl(List.of(new RevokedCertificate(BigInteger.valueOf(0x77), AT, 1)), AT,
                AT.plus(Duration.ofDays(1)), BigInteger.ONE);
        Files.write(folder.resolve("exchange-revocations.crl"), forged.getEncoded());

        assertThatThrownBy(() -> new RevocationFile(folder, CA).revoked()).hasMessageContaining("not a CRL the exchange wrote");
    }
}
