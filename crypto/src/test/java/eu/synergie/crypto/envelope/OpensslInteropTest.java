package eu.synergie.crypto.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Openssl;
import eu.synergie.crypto.pki.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What DESIGN promises: anyone with OpenSSL 3 can decrypt and verify a notice envelope. */
class OpensslInteropTest {

    private static final byte[] NOTICE = "{\"id\":\"N-1\",\"tlp\":\"AMBER\"}\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    private final CertificateAuthority ca = TestCredentials.ca("Synergie Test Root");
    private final KeyCredential agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();
    private final KeyCredential region = TestCredentials.region("EU-WEST").issuedBy(ca).build();

    @Test
    void opensslWhenDecryptingAndVerifyingSealedEnvelopeThenOriginalContent() throws Exception {
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate(), agency.certificate()));
        Files.write(directory.resolve("envelope.der"), envelope);
        Files.writeString(directory.resolve("ca.pem"), Openssl.pem("CERTIFICATE", ca.certificate().getEncoded()));
        Files.writeString(directory.resolve("region.pem"), Openssl.pem("CERTIFICATE", region.certificate().getEncoded()));
        Files.writeString(directory.resolve("region-key.pem"), Openssl.pem("PRIVATE KEY", region.privateKey().getEncoded()));

        Openssl.Result decrypt = Openssl.run(directory, "cms", "-decrypt", "-inform", "DER", "-in", "envelope.der",
                "-inkey", "region-key.pem", "-recip", "region.pem", "-out", "signed.der");
        assertThat(decrypt.exitCode()).as("openssl cms -decrypt: %s", decrypt.output()).isZero();

        Openssl.Result verify = Openssl.run(directory, "cms", "-verify", "-inform", "DER", "-in", "signed.der",
                "-CAfile", "ca.pem", "-out", "content.bin");
        assertThat(verify.exitCode()).as("openssl cms -verify: %s", verify.output()).isZero();
        assertThat(verify.output()).contains("Verification successful");
        assertThat(Files.readAllBytes(directory.resolve("content.bin"))).isEqualTo(NOTICE);
    }

    @Test
    void opensslWhenPrintingEnvelopeThenAuthEnvelopedDataWithAesGcmAndEcdhSha256Kdf() throws Exception {
        Files.write(directory.resolve("envelope.der"), EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate())));

        Openssl.Result print = Openssl.run(directory, "cms", "-cmsout", "-print", "-inform", "DER", "-in", "envelope.der");

        assertThat(print.exitCode()).as(print.output()).isZero();
        assertThat(print.output()).contains("id-smime-ct-authEnvelopedData", "aes-256-gcm",
                "dhSinglePass-stdDH-sha256kdf-scheme", "id-aes256-wrap", "d.kari");
    }
}
