package eu.synergie.cli.keys;

import eu.synergie.client.TestPki;
import eu.synergie.crypto.pki.CertificateRequests;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Pkcs12;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgencyKeyStoreTest {

    private static final char[] PASSWORD = "correct horse battery".toCharArray();

    @TempDir
    Path folder;

    private final TestPki pki = new TestPki();

    /** What the exchange's CA would issue from the request. */
    private List<X509Certificate> issueFor(String csrPem, String agency) {
        PublicKey key = CertificateRequests.verifiedPublicKey(csrPem.getBytes(StandardCharsets.US_ASCII));
        return pki.issuing.chainOf(pki.issuing.issueAgencyCertificate(agency, key, java.time.Duration.ofDays(30)));
    }

    @Test
    void generateWhenNewThenOwnerOnlyPendingKeyStoreAndAValidRequestForTheAgency() throws IOException {
        Path file = folder.resolve("be-pjf.p12");

        AgencyKeyStore.Generated generated = AgencyKeyStore.generate(file, "BE-PJF", PASSWORD, false);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        AgencyKeyStore store = AgencyKeyStore.read(file, PASSWORD);
        assertThat(store.pending()).isTrue();
        assertThat(store.agency()).isEqualTo("BE-PJF");
        assertThat(generated.csrPem()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(CertificateRequests.verifiedPublicKey(generated.csrPem().getBytes(StandardCharsets.US_ASCII)).getEncoded())
                .isEqualTo(Pkcs12.read(file, PASSWORD).certificate().getPublicKey().getEncoded());
        assertThatThrownBy(store::signingCredential).isInstanceOf(KeyStoreException.class)
                .hasMessageContaining("cert install")
                .satisfies(e -> assertThat(((KeyStoreException) e).kind()).isEqualTo(KeyStoreException.Kind.TRUST));
    }

    @Test
    void generateWhenFileExistsThenRefusedUnlessForced() {
        Path file = folder.resolve("be-pjf.p12");
        AgencyKeyStore.generate(file, "BE-PJF", PASSWORD, false);

        assertThatThrownBy(() -> AgencyKeyStore.generate(file, "BE-PJF", PASSWORD, false)).hasMessageContaining("--force");
        AgencyKeyStore.generate(file, "BE-PJF", PASSWORD, true);
    }

    @Test
    void installWhenChainIssuedForTheRequestThenSigningCredentialWithTheExchangeRoot() {
        Path file = folder.resolve("be-pjf.p12");
        AgencyKeyStore.Generated generated = AgencyKeyStore.generate(file, "BE-PJF", PASSWORD, false);
        List<X509Certificate> chain = issueFor(generated.csrPem(), "BE-PJF");

        AgencyKeyStore.Installed installed = AgencyKeyStore.read(file, PASSWORD).install(chain, PASSWORD, false);

        assertThat(installed.certificate()).isEqualTo(chain.getFirst());
        AgencyKeyStore reread = AgencyKeyStore.read(file, PASSWORD);
        assertThat(reread.pending()).isFalse();
        KeyCredential credential = reread.signingCredential();
        assertThat(credential.chain()).isEqualTo(chain);
        assertThat(reread.exchangeRoot()).isEqualTo(pki.root.certificate());
    }

    @Test
    void installWhenChainForAnotherKeyThenRefusedAsTrustAndKeyStoreUnchanged() throws IOException {
        Path file = folder.resolve("be-pjf.p12");
        AgencyKeyStore.generate(file, "BE-PJF", PASSWORD, false);
        byte[] before = Files.readAllBytes(file);
        KeyPair other = Keys.generateEcP256();

        assertThatThrownBy(() -> AgencyKeyStore.read(file, PASSWORD).install(pki.issue("BE-PJF", other), PASSWORD, false))
                .isInstanceOf(KeyStoreException.class).hasMessageContaining("does not match the key")
                .satisfies(e -> assertThat(((KeyStoreException) e).kind()).isEqualTo(KeyStoreException.Kind.TRUST));
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void installWhenCertificateNamesAnotherAgencyThenRefused() {
        Path file = folder.resolve("be-pjf.p12");
        AgencyKeyStore.Generated generated = AgencyKeyStore.generate(file, "BE-PJF", PASSWORD, false);

        assertThatThrownBy(() -> AgencyKeyStore.read(file, PASSWORD).install(issueFor(generated.csrPem(), "FR-DGPN"), PASSWORD, false))
                .hasMessageContaining("for FR-DGPN but the key was made for BE-PJF");
    }

    @Test
    void installWhenChainIsIncompleteThenRefused() {
        Path file = folder.resolve("be-pjf.p12");
        AgencyKeyStore.Generated generated = AgencyKeyStore.generate(file, "BE-PJF", PASSWORD, false);
        List<X509Certificate> chain = issueFor(generated.csrPem(), "BE-PJF");

        assertThatThrownBy(() -> AgencyKeyStore.read(file, PASSWORD).install(List.of(chain.get(0), chain.get(2)), PASSWORD, false))
                .hasMessageContaining("does not validate");
    }

    @Test
    void installWhenRenewedUnderAnotherRootThenRefusedUnlessAccepted() {
        Path file = folder.resolve("be-pjf.p12");
        AgencyKeyStore.Generated generated = AgencyKeyStore.generate(file, "BE-PJF", PASSWORD, false);
        AgencyKeyStore.read(file, PASSWORD).install(issueFor(generated.csrPem(), "BE-PJF"), PASSWORD, false);
        TestPki otherExchange = new TestPki();
        PublicKey key = CertificateRequests.verifiedPublicKey(generated.csrPem().getBytes(StandardCharsets.US_ASCII));
        List<X509Certificate> foreign = otherExchange.issuing.chainOf(
                otherExchange.issuing.issueAgencyCertificate("BE-PJF", key, java.time.Duration.ofDays(30)));

        assertThatThrownBy(() -> AgencyKeyStore.read(file, PASSWORD).install(foreign, PASSWORD, false))
                .hasMessageContaining("another root CA").hasMessageContaining("--accept-new-root");
        assertThat(AgencyKeyStore.read(file, PASSWORD).install(foreign, PASSWORD, true).rootChanged()).isTrue();
    }

    @Test
    void readWhenWrongPasswordThenLocalErrorWithoutThePassword() {
        Path file = folder.resolve("be-pjf.p12");
        AgencyKeyStore.generate(file, "BE-PJF", PASSWORD, false);

        assertThatThrownBy(() -> AgencyKeyStore.read(file, "wrong password".toCharArray()))
                .isInstanceOf(KeyStoreException.class).hasMessageContaining("wrong password or not a PKCS#12 file")
                .satisfies(e -> assertThat(((KeyStoreException) e).kind()).isEqualTo(KeyStoreException.Kind.LOCAL));
    }
}
