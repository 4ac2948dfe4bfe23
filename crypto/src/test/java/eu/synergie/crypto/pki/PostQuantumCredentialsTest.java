package eu.synergie.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.crypto.KEM;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hybrid profile's credentials: the ML-DSA-65 hierarchy, ML-KEM-768 recipient certificates, PEM and PKCS#12. */
class PostQuantumCredentialsTest {

    private static final String ML_DSA_65 = "2.16.840.1.101.3.4.3.18";
    private static final String ML_KEM_768 = "2.16.840.1.101.3.4.4.2";
    private static final char[] PASSWORD = "correct horse battery".toCharArray();

    @TempDir
    Path directory;

    private final CertificateAuthority pqCa = TestCredentials.mlDsaCa("Synergie Test ML-DSA Root");

    @Test
    void createMlDsaRootWhenCreatedThenSelfSignedWithMlDsa65() throws Exception {
        X509Certificate root = pqCa.certificate();

        assertThat(root.getSigAlgOID()).isEqualTo(ML_DSA_65);
        assertThat(keyAlgorithm(root)).isEqualTo(ML_DSA_65);
        root.verify(root.getPublicKey(), BouncyCastle.PROVIDER);
    }

    @Test
    void issueSubordinateWhenMlDsaRootThenMlDsaIssuingCaThatChains() throws Exception {
        CertificateAuthority issuing = pqCa.issueSubordinate("Synergie Test ML-DSA Issuing", Duration.ofDays(10));
        KeyCredential agency = TestCredentials.agency("FR-DGPN").issuedBy(issuing).keyPair(Keys.generateMlDsa65()).build();

        assertThat(keyAlgorithm(issuing.certificate())).isEqualTo(ML_DSA_65);
        issuing.certificate().verify(pqCa.certificate().getPublicKey(), BouncyCastle.PROVIDER);
        agency.certificate().verify(issuing.certificate().getPublicKey(), BouncyCastle.PROVIDER);
        assertThat(agency.certificate().getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(agency.chain()).hasSize(3);
    }

    @Test
    void issueRegionKemCertificateWhenMlKem768ThenKeyEnciphermentOnly() throws Exception {
        KeyCredential region = TestCredentials.regionKem("EU-WEST").issuedBy(pqCa).build();

        boolean[] keyUsage = region.certificate().getKeyUsage();
        assertThat(keyAlgorithm(region.certificate())).isEqualTo(ML_KEM_768);
        assertThat(keyUsage[2]).as("keyEncipherment").isTrue();
        assertThat(countTrue(keyUsage)).as("RFC 9935: keyEncipherment is the only key usage").isEqualTo(1);
        assertThat(CertificateAuthority.regionOf(region.certificate())).isEqualTo("EU-WEST");
        region.certificate().verify(pqCa.certificate().getPublicKey(), BouncyCastle.PROVIDER);
    }

    @Test
    void issueRegionKemCertificateWhenEcKeyThenRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> pqCa.issueRegionKemCertificate("EU-WEST", Keys.generateEcP256().getPublic(), Duration.ofDays(1)))
                .withMessageContaining("ML-KEM-768");
    }

    @Test
    void issueAgencyCertificateWhenMlKemKeyThenRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> pqCa.issueAgencyCertificate("FR-DGPN", Keys.generateMlKem768().getPublic(), Duration.ofDays(1)))
                .withMessageContaining("ML-KEM");
    }

    @Test
    void ofWhenStoredMlDsaCaThenIssuesAsBefore() throws Exception {
        Path file = directory.resolve("pq-ca.p12");
        Pkcs12.write(file, "pq-ca", pqCa.credential(), PASSWORD);

        CertificateAuthority stored = CertificateAuthority.of(Pkcs12.read(file, PASSWORD));
        X509Certificate agency = stored.issueAgencyCertificate("FR-DGPN", Keys.generateMlDsa65().getPublic(), Duration.ofDays(1));

        agency.verify(pqCa.certificate().getPublicKey(), BouncyCastle.PROVIDER);
    }

    @Test
    void readPrivateKeyWhenMlDsaAndMlKemKeysWrittenAsPemThenSameKeys() {
        for (KeyPair keys : new KeyPair[] {Keys.generateMlDsa65(), Keys.generateMlKem768()}) {
            String pem = Pem.privateKey(keys.getPrivate());

            assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
            assertThat(Pem.readPrivateKey(pem).getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
        }
    }

    @Test
    void readWhenMlDsaCredentialInPkcs12ThenItStillSigns() throws Exception {
        KeyCredential agency = TestCredentials.agency("FR-DGPN").issuedBy(pqCa).keyPair(Keys.generateMlDsa65()).build();
        Path file = directory.resolve("agency-ml-dsa.p12");

        Pkcs12.write(file, "fr-dgpn-ml-dsa", agency, PASSWORD);
        KeyCredential read = Pkcs12.read(file, PASSWORD);

        assertThat(read.chain()).containsExactlyElementsOf(agency.chain());
        Signature signer = Signature.getInstance("ML-DSA-65", BouncyCastle.PROVIDER);
        signer.initSign(read.privateKey());
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("ML-DSA-65", BouncyCastle.PROVIDER);
        verifier.initVerify(agency.certificate().getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void readWhenMlKemCredentialInPkcs12ThenItStillDecapsulates() throws Exception {
        KeyCredential region = TestCredentials.regionKem("EU-WEST").issuedBy(pqCa).build();
        Path file = directory.resolve("region-ml-kem.p12");

        Pkcs12.write(file, "eu-west-ml-kem", region, PASSWORD);
        KeyCredential read = Pkcs12.read(file, PASSWORD);

        KEM kem = KEM.getInstance("ML-KEM", BouncyCastle.PROVIDER);
        KEM.Encapsulated encapsulated = kem.newEncapsulator(region.certificate().getPublicKey()).encapsulate();
        assertThat(kem.newDecapsulator(read.privateKey()).decapsulate(encapsulated.encapsulation()).getEncoded())
                .isEqualTo(encapsulated.key().getEncoded());
    }

    private static String keyAlgorithm(X509Certificate certificate) {
        return SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()).getAlgorithm().getAlgorithm().getId();
    }

    private static int countTrue(boolean[] flags) {
        int count = 0;
        for (boolean flag : flags) {
            count += flag ? 1 : 0;
        }
        return count;
    }

    @Test
    void readWhenBouncyCastleNotInstalledYetThenPostQuantumKeysStillRead(@TempDir Path folder) throws Exception {
        CertificateAuthority mlDsaCa = CertificateAuthority.createMlDsaRoot("Test ML-DSA Root", Duration.ofDays(10))
                .issueSubordinate("Test ML-DSA Issuing", Duration.ofDays(5));
        KeyPair kem = Keys.generateMlKem768();
        Pkcs12.write(folder.resolve("ca.p12"), "ca", mlDsaCa.credential(), "pw".toCharArray());
        Pkcs12.write(folder.resolve("kem.p12"), "kem", new KeyCredential(kem.getPrivate(),
                mlDsaCa.chainOf(mlDsaCa.issueRegionKemCertificate("EU-WEST", kem.getPublic(), Duration.ofDays(2)))),
                "pw".toCharArray());
        // As in a process that reads its key folder first: the JDK's own ML-DSA and ML-KEM key factories alone.
        java.security.Security.removeProvider(BouncyCastle.PROVIDER.getName());
        try {
            assertThat(Pkcs12.read(folder.resolve("ca.p12"), "pw".toCharArray()).privateKey().getEncoded())
                    .isEqualTo(mlDsaCa.credential().privateKey().getEncoded());
            assertThat(Pkcs12.read(folder.resolve("kem.p12"), "pw".toCharArray()).privateKey().getEncoded())
                    .isEqualTo(kem.getPrivate().getEncoded());
        } finally {
            BouncyCastle.installed();
        }
    }
}
