package eu.synergie.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs12Test {

    private static final char[] PASSWORD = "correct horse battery".toCharArray();

    @TempDir
    Path directory;

    private final CertificateAuthority ca = TestCredentials.ca("Synergie Test Root");
    private final KeyCredential agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();

    @Test
    void readWhenWrittenThenSameKeyAndChain() {
        Path file = directory.resolve("agency.p12");

        Pkcs12.write(file, "fr-dgpn", agency, PASSWORD);
        KeyCredential read = Pkcs12.read(file, PASSWORD);

        assertThat(read.privateKey().getEncoded()).isEqualTo(agency.privateKey().getEncoded());
        assertThat(read.chain()).containsExactlyElementsOf(agency.chain());
    }

    @Test
    void createWhenFileTakenThenKeepsTheFirstAndSaysSo() {
        Path file = directory.resolve("region.p12");
        KeyCredential other = TestCredentials.agency("BE-POL").issuedBy(ca).build();

        assertThat(Pkcs12.create(file, "first", agency, PASSWORD)).isTrue();
        assertThat(Pkcs12.create(file, "second", other, PASSWORD)).isFalse();

        assertThat(Pkcs12.read(file, PASSWORD).chain()).containsExactlyElementsOf(agency.chain());
        assertThat(directory.toFile().list()).containsExactly("region.p12");
    }

    @Test
    void writeWhenFileExistsThenReplacedWholeWithNoTemporaryLeft() {
        Path file = directory.resolve("signer.p12");
        KeyCredential other = TestCredentials.agency("BE-POL").issuedBy(ca).build();

        Pkcs12.write(file, "first", agency, PASSWORD);
        Pkcs12.write(file, "second", other, PASSWORD);

        assertThat(Pkcs12.read(file, PASSWORD).chain()).containsExactlyElementsOf(other.chain());
        assertThat(directory.toFile().list()).containsExactly("signer.p12");
    }

    @Test
    void readWhenCaCredentialWrittenThenUsableAsCa() {
        Path file = directory.resolve("ca.p12");

        Pkcs12.write(file, "ca", ca.credential(), PASSWORD);
        CertificateAuthority reloaded = CertificateAuthority.of(Pkcs12.read(file, PASSWORD));

        assertThat(reloaded.issueAgencyCertificate("FR-DGPN", Keys.generateEcP256().getPublic(),
                java.time.Duration.ofDays(1)).getIssuerX500Principal())
                .isEqualTo(ca.certificate().getSubjectX500Principal());
    }

    @Test
    void readWhenEd25519CredentialWrittenThenSameKeyAndChain() {
        KeyCredential ed25519Agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).keyPair(Keys.generateEd25519()).build();
        Path file = directory.resolve("agency-ed25519.p12");

        Pkcs12.write(file, "fr-dgpn", ed25519Agency, PASSWORD);
        KeyCredential read = Pkcs12.read(file, PASSWORD);

        assertThat(read.chain()).containsExactlyElementsOf(ed25519Agency.chain());
        assertThat(PrivateKeyInfo.getInstance(read.privateKey().getEncoded()).getPrivateKey())
                .isEqualTo(PrivateKeyInfo.getInstance(ed25519Agency.privateKey().getEncoded())
                        .getPrivateKey());
    }

    @Test
    void readSecretKeyWhenWrittenThenSameAesKeyAndNoKeyPairIsMistakenForIt() throws Exception {
        javax.crypto.KeyGenerator generator = javax.crypto.KeyGenerator.getInstance("AES");
        generator.init(256);
        javax.crypto.SecretKey key = generator.generateKey();
        Path file = directory.resolve("mac.p12");

        Pkcs12.writeSecretKey(file, "log-mac", key, PASSWORD);
        javax.crypto.SecretKey read = Pkcs12.readSecretKey(file, PASSWORD);

        assertThat(read.getAlgorithm()).isEqualToIgnoringCase("AES");
        assertThat(read.getEncoded()).isEqualTo(key.getEncoded());
        Path credential = directory.resolve("agency.p12");
        Pkcs12.write(credential, "fr-dgpn", agency, PASSWORD);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> Pkcs12.readSecretKey(credential, PASSWORD));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> Pkcs12.read(file, PASSWORD));
    }

    @Test
    void readWhenWrongPasswordThenFails() {
        Path file = directory.resolve("agency.p12");
        Pkcs12.write(file, "fr-dgpn", agency, PASSWORD);

        assertThatExceptionOfType(UncheckedIOException.class)
                .isThrownBy(() -> Pkcs12.read(file, "wrong".toCharArray()));
    }

    @Test
    void writeWhenInspectedByOpensslThenPbes2Aes256AndSha256Mac() {
        Path file = directory.resolve("agency.p12");
        Pkcs12.write(file, "fr-dgpn", agency, PASSWORD);

        Openssl.Result result = Openssl.run(directory, "pkcs12", "-info", "-noout",
                "-in", file.toString(), "-passin", "pass:" + new String(PASSWORD));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("MAC: sha256")
                .contains("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC")
                .contains("PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC")
                .doesNotContain("RC2", "3DES", "pbeWithSHA1");
    }
}
