package eu.synergie.cli.keys;

import eu.synergie.client.PostQuantumCredentials;
import eu.synergie.client.TestPki;
import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.crypto.pki.CertificateRequests;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Pkcs12;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A hybrid key store: three keys in one PKCS#12 file, two requests, two chains installed by the key they certify. */
class AgencyKeyStoreHybridTest {

    private static final char[] PASSWORD = "correct horse battery".toCharArray();
    private static final String AGENCY_DN = "CN=BE-PJF,OU=Agency,O=Synergie";

    @TempDir
    Path folder;

    private final TestPki pki = new TestPki();

    private static PublicKey requested(String csrPem) {
        return CertificateRequests.verifiedPublicKey(csrPem.getBytes(StandardCharsets.US_ASCII));
    }

    private List<X509Certificate> ecChain(AgencyKeyStore.Generated generated) {
        return pki.issuing.chainOf(pki.issuing.issueAgencyCertificate("BE-PJF", requested(generated.csrPem()), Duration.ofDays(30)));
    }

    private List<X509Certificate> mlDsaChain(AgencyKeyStore.Generated generated) {
        return pki.issueMlDsa("BE-PJF", requested(generated.mlDsaCsrPem().orElseThrow()));
    }

    @Test
    void generateWhenHybridThenThreeKeysInOneFileAndTwoRequestsThatVerify() throws Exception {
        Path file = folder.resolve("be-pjf.p12");

        AgencyKeyStore.Generated generated = AgencyKeyStore.generate(file, "BE-PJF", EnvelopeProfile.HYBRID, PASSWORD, false);

        Map<String, KeyCredential> entries = Pkcs12.readAll(file, PASSWORD);
        assertThat(entries.keySet()).containsExactly("agency", "agency-ml-dsa", "agency-ml-kem");
        assertThat(requested(generated.csrPem()).getEncoded())
                .isEqualTo(entries.get("agency").certificate().getPublicKey().getEncoded());
        PublicKey mlDsa = requested(generated.mlDsaCsrPem().orElseThrow());
        assertThat(Keys.isMlDsa65(mlDsa)).isTrue();
        assertThat(mlDsa.getEncoded()).isEqualTo(entries.get("agency-ml-dsa").certificate().getPublicKey().getEncoded());
        X509Certificate own = entries.get("agency-ml-kem").certificate();
        assertThat(Keys.isMlKem768(own.getPublicKey())).isTrue();
        assertThat(own.getSubjectX500Principal().getName()).isEqualTo(AGENCY_DN);
        assertThat(own.getIssuerX500Principal().getName()).as("self-issued").isEqualTo(AGENCY_DN);
        assertThat(own.getKeyUsage()).as("keyEncipherment only")
                .containsExactly(false, false, true, false, false, false, false, false, false);
        own.verify(mlDsa);
        AgencyKeyStore store = AgencyKeyStore.read(file, PASSWORD);
        assertThat(store.profile()).isEqualTo(EnvelopeProfile.HYBRID);
        assertThat(store.pending()).isTrue();
        assertThat(store.postQuantumPending()).isTrue();
        assertThat(Pkcs12.read(file, PASSWORD).certificate().getPublicKey().getEncoded())
                .as("a one-key reader still gets the EC key").isEqualTo(entries.get("agency").certificate().getPublicKey().getEncoded());
    }

    @Test
    void generateWhenClassicalThenOneKeyUnderTheAliasOfOld() {
        Path file = folder.resolve("be-pjf.p12");

        AgencyKeyStore.Generated generated = AgencyKeyStore.generate(file, "BE-PJF", PASSWORD, false);

        assertThat(Pkcs12.readAll(file, PASSWORD).keySet()).containsExactly("agency");
        assertThat(generated.mlDsaCsrPem()).isEmpty();
        AgencyKeyStore store = AgencyKeyStore.read(file, PASSWORD);
        assertThat(store.profile()).isEqualTo(EnvelopeProfile.CLASSICAL);
        assertThat(store.postQuantumPending()).isFalse();
    }

    @Test
    void installAllWhenBothChainsInEitherOrderThenEachGoesToItsKey() {
        Path file = folder.resolve("be-pjf.p12");
        AgencyKeyStore.Generated generated = AgencyKeyStore.generate(file, "BE-PJF", EnvelopeProfile.HYBRID, PASSWORD, false);
        List<X509Certificate> ec = ecChain(generated);
        List<X509Certificate> mlDsa = mlDsaChain(generated);

        List<AgencyKeyStore.Installed> installed = AgencyKeyStore.read(file, PASSWORD).installAll(List.of(mlDsa, ec), PASSWORD, false);

        assertThat(installed).extracting(AgencyKeyStore.Installed::key)
                .containsExactly(AgencyKeyStore.SigningKey.ML_DSA_65, AgencyKeyStore.SigningKey.EC_P256);
        AgencyKeyStore reread = AgencyKeyStore.read(file, PASSWORD);
        assertThat(reread.signingCredential().chain()).isEqualTo(ec);
        assertThat(reread.exchangeRoot()).isEqualTo(pki.root.certificate());
        PostQuantumCredentials postQuantum = reread.postQuantumCredentials().orElseThrow();
        assertThat(postQuantum.mlDsa().chain()).isEqualTo(mlDsa);
        assertThat(postQuantum.mlDsa().chain().getLast()).isEqualTo(pki.mlDsaRoot.certificate());
        assertThat(postQuantum.mlKem().chain()).as("its own certificate only").hasSize(1);
        assertThat(postQuantum.mlKem().certificate().getIssuerX500Principal().getName()).isEqualTo(AGENCY_DN);
    }

    @Test
    void installWhenOneChainAtATimeThenTheOtherStaysPendingUntilItsTurn() {
        Path file = folder.resolve("be-pjf.p12");
        AgencyKeyStore.Generated generated = AgencyKeyStore.generate(file, "BE-PJF", EnvelopeProfile.HYBRID, PASSWORD, false);

        AgencyKeyStore.read(file, PASSWORD).install(ecChain(generated), PASSWORD, false);
        AgencyKeyStore halfway = AgencyKeyStore.read(file, PASSWORD);
        assertThat(halfway.pending()).isFalse();
        assertThat(halfway.postQuantumPending()).isTrue();
        assertThatThrownBy(halfway::postQuantumCredentials).isInstanceOf(KeyStoreException.class)
                .hasMessageContaining("no ML-DSA-65 certificate is installed")
                .satisfies(e -> assertThat(((KeyStoreException) e).kind()).isEqualTo(KeyStoreException.Kind.TRUST));

        halfway.install(mlDsaChain(generated), PASSWORD, false);
        assertThat(AgencyKeyStore.read(file, PASSWORD).postQuantumPending()).isFalse();
    }

    @Test
    void installWhenMlDsaChainRenewedUnderAnotherMlDsaRootThenRefusedUnlessAccepted() {
        Path file = folder.resolve("be-pjf.p12");
        AgencyKeyStore.Generated generated = AgencyKeyStore.generate(file, "BE-PJF", EnvelopeProfile.HYBRID, PASSWORD, false);
        AgencyKeyStore.read(file, PASSWORD).installAll(List.of(ecChain(generated), mlDsaChain(generated)), PASSWORD, false);
        List<X509Certificate> foreign = new TestPki().issueMlDsa("BE-PJF", requested(generated.mlDsaCsrPem().orElseThrow()));

        assertThatThrownBy(() -> AgencyKeyStore.read(file, PASSWORD).install(foreign, PASSWORD, false))
                .hasMessageContaining("ML-DSA-65 chain ends at another root CA").hasMessageContaining("--accept-new-root");
        assertThat(AgencyKeyStore.read(file, PASSWORD).install(foreign, PASSWORD, true).rootChanged()).isTrue();
    }

    @Test
    void installWhenMlDsaKeyCertifiedByTheEcHierarchyThenRefusedAndNothingInstalled() throws Exception {
        Path file = folder.resolve("be-pjf.p12");
        AgencyKeyStore.Generated generated = AgencyKeyStore.generate(file, "BE-PJF", EnvelopeProfile.HYBRID, PASSWORD, false);
        byte[] before = Files.readAllBytes(file);
        List<X509Certificate> crossed = pki.issuing.chainOf(pki.issuing.issueAgencyCertificate("BE-PJF",
                requested(generated.mlDsaCsrPem().orElseThrow()), Duration.ofDays(30)));

        assertThatThrownBy(() -> AgencyKeyStore.read(file, PASSWORD).installAll(List.of(ecChain(generated), crossed), PASSWORD, false))
                .isInstanceOf(KeyStoreException.class)
                .hasMessageContaining("ML-DSA-65 chain does not run through ML-DSA-65 CAs");
        assertThat(Files.readAllBytes(file)).as("neither chain installed").isEqualTo(before);
    }

    @Test
    void installAllWhenTwoChainsForTheSameKeyThenRefused() {
        Path file = folder.resolve("be-pjf.p12");
        AgencyKeyStore.Generated generated = AgencyKeyStore.generate(file, "BE-PJF", EnvelopeProfile.HYBRID, PASSWORD, false);

        assertThatThrownBy(() -> AgencyKeyStore.read(file, PASSWORD)
                .installAll(List.of(ecChain(generated), ecChain(generated)), PASSWORD, false))
                .hasMessageContaining("two chains for the EC P-256 key");
    }

    @Test
    void installWhenMlDsaChainInAClassicalKeyStoreThenItMatchesNoKey() {
        Path file = folder.resolve("be-pjf.p12");
        AgencyKeyStore.generate(file, "BE-PJF", PASSWORD, false);
        List<X509Certificate> mlDsa = pki.issueMlDsa("BE-PJF", Keys.generateMlDsa65().getPublic());

        assertThatThrownBy(() -> AgencyKeyStore.read(file, PASSWORD).install(mlDsa, PASSWORD, false))
                .hasMessageContaining("does not match the key");
    }
}
