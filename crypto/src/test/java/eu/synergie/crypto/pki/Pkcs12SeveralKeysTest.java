package eu.synergie.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agency's hybrid key store: several keys in one PKCS#12 file, and the ML-KEM certificate its ML-DSA key self-issues. */
class Pkcs12SeveralKeysTest {

    private static final char[] PASSWORD = "correct horse battery".toCharArray();
    private static final String AGENCY_DN = "CN=BE-PJF,OU=Agency,O=Synergie";

    @TempDir
    Path directory;

    private final CertificateAuthority ecCa = TestCredentials.ca("Synergie Test Root");
    private final CertificateAuthority pqCa = TestCredentials.mlDsaCa("Synergie Test ML-DSA Root");

    @Test
    void readAllWhenSeveralKeysWrittenThenEveryOneByAliasInOrderAndReadGivesTheFirst() {
        KeyPair mlDsa = Keys.generateMlDsa65();
        KeyPair mlKem = Keys.generateMlKem768();
        SequencedMap<String, KeyCredential> keys = new LinkedHashMap<>();
        keys.put("agency", TestCredentials.agency("BE-PJF").issuedBy(ecCa).build());
        keys.put("agency-ml-dsa", new KeyCredential(mlDsa.getPrivate(),
                pqCa.chainOf(pqCa.issueAgencyCertificate("BE-PJF", mlDsa.getPublic(), Duration.ofDays(1)))));
        keys.put("agency-ml-kem", new KeyCredential(mlKem.getPrivate(), java.util.List.of(
                CertificateAuthority.selfIssueAgencyKemCertificate("BE-PJF", mlDsa, mlKem.getPublic(), Duration.ofDays(1)))));
        Path file = directory.resolve("be-pjf.p12");

        Pkcs12.writeAll(file, keys, PASSWORD);
        SequencedMap<String, KeyCredential> read = Pkcs12.readAll(file, PASSWORD);

        assertThat(read.keySet()).containsExactly("agency", "agency-ml-dsa", "agency-ml-kem");
        assertThat(read.get("agency").chain()).isEqualTo(keys.get("agency").chain());
        assertThat(read.get("agency-ml-dsa").chain()).isEqualTo(keys.get("agency-ml-dsa").chain());
        // The JDK's key store rebuilds each chain from the certificates in the file, following issuer names and key
        // identifiers: the self-issued certificate's issuer is the agency's ML-DSA certificate, so that comes next.
        assertThat(read.get("agency-ml-kem").chain()).startsWith(keys.get("agency-ml-kem").certificate(),
                keys.get("agency-ml-dsa").certificate());
        assertThat(Pkcs12.read(file, PASSWORD).chain()).isEqualTo(keys.get("agency").chain());
    }

    @Test
    void writeAllWhenAKeyReadBackGetsAFreshlyIssuedChainThenStoredAlike() {
        KeyPair mlDsa = Keys.generateMlDsa65();
        Path file = directory.resolve("be-pjf.p12");
        Pkcs12.write(file, "agency-ml-dsa", new KeyCredential(mlDsa.getPrivate(),
                pqCa.chainOf(pqCa.issueAgencyCertificate("BE-PJF", mlDsa.getPublic(), Duration.ofDays(1)))), PASSWORD);
        KeyCredential readBack = Pkcs12.read(file, PASSWORD);
        CertificateAuthority renewed = TestCredentials.mlDsaCa("Synergie Test ML-DSA Root 2");
        java.util.List<X509Certificate> chain = renewed.chainOf(renewed.issueAgencyCertificate("BE-PJF", mlDsa.getPublic(),
                Duration.ofDays(1)));
        SequencedMap<String, KeyCredential> keys = new LinkedHashMap<>();
        keys.put("agency-ml-dsa", new KeyCredential(readBack.privateKey(), chain));

        Pkcs12.writeAll(file, keys, PASSWORD);

        assertThat(Pkcs12.read(file, PASSWORD).chain()).isEqualTo(chain);
    }

    @Test
    void selfIssueAgencyKemCertificateWhenAgencyMlDsaKeyThenSelfIssuedForKeyEnciphermentOnly() throws Exception {
        KeyPair mlDsa = Keys.generateMlDsa65();
        KeyPair mlKem = Keys.generateMlKem768();

        X509Certificate own = CertificateAuthority.selfIssueAgencyKemCertificate("BE-PJF", mlDsa, mlKem.getPublic(),
                Duration.ofDays(1));

        assertThat(own.getSubjectX500Principal().getName()).isEqualTo(AGENCY_DN);
        assertThat(own.getIssuerX500Principal().getName()).isEqualTo(AGENCY_DN);
        assertThat(CertificateAuthority.agencyCodeOf(own)).isEqualTo("BE-PJF");
        assertThat(own.getKeyUsage()).containsExactly(false, false, true, false, false, false, false, false, false);
        assertThat(own.getBasicConstraints()).isEqualTo(-1);
        assertThat(Keys.isMlKem768(own.getPublicKey())).isTrue();
        own.verify(mlDsa.getPublic(), BouncyCastle.PROVIDER);
    }

    @Test
    void selfIssueAgencyKemCertificateWhenNotAnMlDsaSignerOrNotAnMlKemKeyThenRefused() {
        KeyPair mlDsa = Keys.generateMlDsa65();
        assertThatIllegalArgumentException().isThrownBy(() -> CertificateAuthority.selfIssueAgencyKemCertificate("BE-PJF",
                Keys.generateEcP256(), Keys.generateMlKem768().getPublic(), Duration.ofDays(1))).withMessageContaining("ML-DSA-65");
        assertThatIllegalArgumentException().isThrownBy(() -> CertificateAuthority.selfIssueAgencyKemCertificate("BE-PJF",
                mlDsa, Keys.generateEcP256().getPublic(), Duration.ofDays(1))).withMessageContaining("ML-KEM-768");
    }
}
