package eu.synergie.client;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * An exchange's PKI made at test time: a root, an issuing CA, region recipient keys and agency keys; and beside them,
 * for the hybrid profile, an ML-DSA-65 root and issuing CA with regions' ML-KEM-768 keys and agencies' ML-DSA-65 keys.
 * No committed keys.
 */
public final class TestPki {

    private static final Duration VALIDITY = Duration.ofDays(30);

    public final CertificateAuthority root = CertificateAuthority.createRoot("Test Exchange Root CA", VALIDITY);
    public final CertificateAuthority issuing = root.issueSubordinate("Test Exchange Issuing CA", VALIDITY);
    public final CertificateAuthority mlDsaRoot = CertificateAuthority.createMlDsaRoot("Test Exchange ML-DSA Root CA", VALIDITY);
    public final CertificateAuthority mlDsaIssuing = mlDsaRoot.issueSubordinate("Test Exchange ML-DSA Issuing CA", VALIDITY);

    /** The recipient key of {@code region}, with its chain up to the root. */
    public KeyCredential region(String region) {
        KeyPair pair = Keys.generateEcP256();
        return new KeyCredential(pair.getPrivate(),
                issuing.chainOf(issuing.issueRegionRecipientCertificate(region, pair.getPublic(), VALIDITY)));
    }

    /** The ML-KEM-768 recipient key of {@code region}, with its chain up to the ML-DSA-65 root. */
    public KeyCredential regionKem(String region) {
        KeyPair pair = Keys.generateMlKem768();
        return new KeyCredential(pair.getPrivate(),
                mlDsaIssuing.chainOf(mlDsaIssuing.issueRegionKemCertificate(region, pair.getPublic(), VALIDITY)));
    }

    /** A fresh agency key with its certificate and chain up to the root. */
    public KeyCredential agency(String agency) {
        KeyPair pair = Keys.generateEcP256();
        return new KeyCredential(pair.getPrivate(), issue(agency, pair));
    }

    /**
     * Fresh post-quantum keys of {@code agency}: ML-DSA-65 with its chain up to the ML-DSA-65 root, and ML-KEM-768 with
     * the certificate that ML-DSA-65 key issues itself.
     */
    public PostQuantumCredentials agencyPostQuantum(String agency) {
        KeyPair mlDsa = Keys.generateMlDsa65();
        KeyPair mlKem = Keys.generateMlKem768();
        return new PostQuantumCredentials(new KeyCredential(mlDsa.getPrivate(), issueMlDsa(agency, mlDsa.getPublic())),
                new KeyCredential(mlKem.getPrivate(), List.of(
                        CertificateAuthority.selfIssueAgencyKemCertificate(agency, mlDsa, mlKem.getPublic(), VALIDITY))));
    }

    /** The chain the admin API would answer for {@code pair}'s request. */
    public List<X509Certificate> issue(String agency, KeyPair pair) {
        return issuing.chainOf(issuing.issueAgencyCertificate(agency, pair.getPublic(), VALIDITY));
    }

    /** The chain the admin API would answer for an ML-DSA-65 request of {@code agency}. */
    public List<X509Certificate> issueMlDsa(String agency, PublicKey key) {
        return mlDsaIssuing.chainOf(mlDsaIssuing.issueAgencyCertificate(agency, key, VALIDITY));
    }
}
