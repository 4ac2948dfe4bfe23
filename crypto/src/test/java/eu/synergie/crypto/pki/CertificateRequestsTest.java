package eu.synergie.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import eu.synergie.crypto.asn1.HiddenNesting;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class CertificateRequestsTest {

    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String ED25519 = "1.3.101.112";
    private static final String ML_DSA_65 = "2.16.840.1.101.3.4.3.18";

    @Test
    void createWhenEcKeyThenEcdsaSha256RequestForCommonName() throws Exception {
        KeyPair pair = Keys.generateEcP256();

        PKCS10CertificationRequest request = new PKCS10CertificationRequest(CertificateRequests.create(pair, "FR-DGPN"));

        assertThat(request.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo(ECDSA_WITH_SHA256);
        assertThat(request.getSubject()).isEqualTo(new X500Name("CN=FR-DGPN"));
        assertThat(request.getSubjectPublicKeyInfo().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void createWhenEd25519KeyThenEd25519Request() throws Exception {
        PKCS10CertificationRequest request = new PKCS10CertificationRequest(
                CertificateRequests.create(Keys.generateEd25519(), "FR-DGPN"));

        assertThat(request.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo(ED25519);
    }

    @Test
    void verifiedPublicKeyWhenMlDsa65RequestThenRequesterKey() throws Exception {
        KeyPair pair = Keys.generateMlDsa65();
        byte[] der = CertificateRequests.create(pair, "FR-DGPN");

        PublicKey key = CertificateRequests.verifiedPublicKey(der);

        assertThat(new PKCS10CertificationRequest(der).getSignatureAlgorithm().getAlgorithm().getId())
                .isEqualTo(ML_DSA_65);
        assertThat(key.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void verifiedPublicKeyWhenMlDsa65RequestAlteredThenSignatureInvalid() {
        byte[] der = CertificateRequests.create(Keys.generateMlDsa65(), "FR-DGPN");
        der[der.length - 10] ^= 0x01;

        assertThatIllegalArgumentException().isThrownBy(() -> CertificateRequests.verifiedPublicKey(der))
                .withMessage("CSR signature invalid");
    }

    @Test
    void verifiedPublicKeyWhenDerThenRequesterKey() {
        KeyPair pair = Keys.generateEcP256();

        PublicKey key = CertificateRequests.verifiedPublicKey(CertificateRequests.create(pair, "FR-DGPN"));

        assertThat(key.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void verifiedPublicKeyWhenPemThenRequesterKey() {
        KeyPair pair = Keys.generateEd25519();
        String pem = Pem.certificateRequest(CertificateRequests.create(pair, "FR-DGPN"));

        PublicKey key = CertificateRequests.verifiedPublicKey(pem.getBytes(StandardCharsets.US_ASCII));

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n");
        assertThat(key.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void verifiedPublicKeyWhenSignedWithAnotherKeyThenCsrSignatureInvalid() throws Exception {
        KeyPair claimed = Keys.generateEcP256();
        KeyPair signer = Keys.generateEcP256();
        byte[] request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=FR-DGPN"), claimed.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())).getEncoded();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CertificateRequests.verifiedPublicKey(request))
                .withMessage("CSR signature invalid");
    }

    @Test
    void verifiedPublicKeyWhenSignatureBitFlippedThenCsrSignatureInvalid() {
        byte[] request = CertificateRequests.create(Keys.generateEd25519(), "FR-DGPN");
        request[request.length - 1] ^= 0x01;

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CertificateRequests.verifiedPublicKey(request))
                .withMessage("CSR signature invalid");
    }

    @Test
    void verifiedPublicKeyWhenSha1SignatureThenIllegalArgument() throws Exception {
        KeyPair pair = Keys.generateEcP256();
        byte[] request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=FR-DGPN"), pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA1withECDSA").build(pair.getPrivate())).getEncoded();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CertificateRequests.verifiedPublicKey(request))
                .withMessage("CSR signature algorithm is not ECDSA with SHA-2, Ed25519 or ML-DSA-65");
    }

    @Test
    void verifiedPublicKeyWhenGarbageThenNotPkcs10() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CertificateRequests.verifiedPublicKey("not a CSR".getBytes(StandardCharsets.US_ASCII)))
                .withMessage("CSR is not PKCS#10");
    }

    @Test
    void verifiedPublicKeyWhenCertificatePemThenNotPkcs10() {
        CertificateAuthority ca = TestCredentials.ca("Synergie Test Root");
        byte[] pem = Pem.certificates(List.of(ca.certificate())).getBytes(StandardCharsets.US_ASCII);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CertificateRequests.verifiedPublicKey(pem))
                .withMessage("CSR is not PKCS#10");
    }

    @Test
    void verifiedPublicKeyWhenRsaKeyHidesDeepNestingInBitStringSegmentsThenNotPkcs10NotStackOverflow() {
        byte[] request = HiddenNesting.inRequestKey(CertificateRequests.create(Keys.generateEcP256(), "FR-DGPN"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CertificateRequests.verifiedPublicKey(request))
                .withMessage("CSR is not PKCS#10");
        String pem = Pem.certificateRequest(request);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CertificateRequests.verifiedPublicKey(pem.getBytes(StandardCharsets.US_ASCII)))
                .withMessage("CSR is not PKCS#10");
    }
}
