package eu.synergie.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenSSL 3 reads our CRLs and refuses, with them, the certificates they list. */
class OpensslCrlIT {

    @TempDir
    Path directory;

    private final CertificateAuthority ca = TestCredentials.ca("Synergie Test Root");
    private final KeyCredential revoked = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();
    private final KeyCredential superseded = TestCredentials.agency("DE-BKA").issuedBy(ca).build();
    private final KeyCredential good = TestCredentials.agency("IT-DCSA").issuedBy(ca).build();

    @Test
    void opensslCrlWhenPrintedThenListsSerialsReasonsNumberAndAuthorityKeyId() throws Exception {
        Files.write(directory.resolve("crl.der"), crl().getEncoded());

        Openssl.Result print = Openssl.run(directory, "crl", "-inform", "DER", "-in", "crl.der", "-text", "-noout");

        assertThat(print.exitCode()).as(print.output()).isZero();
        assertThat(print.output())
                .contains("Version 2", "ecdsa-with-SHA256", "X509v3 CRL Number", "X509v3 Authority Key Identifier")
                .contains(hex(revoked.certificate().getSerialNumber()), hex(superseded.certificate().getSerialNumber()))
                .contains("Key Compromise", "Superseded")
                .doesNotContain(hex(good.certificate().getSerialNumber()));
    }

    @Test
    void opensslVerifyWhenCrlListsCertificateThenRevoked() throws Exception {
        writePem();

        Openssl.Result verify = Openssl.run(directory, "verify", "-crl_check", "-CRLfile", "crl.pem",
                "-CAfile", "ca.pem", "agency.pem");

        assertThat(verify.exitCode()).as(verify.output()).isNotZero();
        assertThat(verify.output()).contains("certificate revoked");
    }

    @Test
    void opensslVerifyWhenCrlDoesNotListCertificateThenOk() throws Exception {
        writePem();
        Files.writeString(directory.resolve("good.pem"), Pem.certificates(List.of(good.certificate())));

        Openssl.Result verify = Openssl.run(directory, "verify", "-crl_check", "-CRLfile", "crl.pem",
                "-CAfile", "ca.pem", "good.pem");

        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("good.pem: OK");
    }

    private void writePem() throws Exception {
        Files.writeString(directory.resolve("crl.pem"), Openssl.pem("X509 CRL", crl().getEncoded()));
        Files.writeString(directory.resolve("ca.pem"), Pem.certificates(List.of(ca.certificate())));
        Files.writeString(directory.resolve("agency.pem"), Pem.certificates(List.of(revoked.certificate())));
    }

    private X509CRL crl() {
        Instant now = Instant.now();
        return ca.issueCrl(List.of(
                        new RevokedCertificate(revoked.certificate().getSerialNumber(), now.minusSeconds(60), 1),
                        new RevokedCertificate(superseded.certificate().getSerialNumber(), now.minusSeconds(60), 4)),
                now.minusSeconds(60), now.plus(Duration.ofDays(1)), BigInteger.ONE);
    }

    // OpenSSL prints serials as uppercase hex of the magnitude's bytes.
    private static String hex(BigInteger serial) {
        String hex = serial.toString(16).toUpperCase(Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }
}
