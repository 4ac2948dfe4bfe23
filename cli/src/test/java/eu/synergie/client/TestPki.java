package eu.synergie.client;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/** An exchange's PKI made at test time: a root, an issuing CA, region recipient keys and agency keys. No committed keys. */
public final class TestPki {

    public final CertificateAuthority root = CertificateAuthority.createRoot("Test Exchange Root CA", Duration.ofDays(30));
    public final CertificateAuthority issuing = root.issueSubordinate("Test Exchange Issuing CA", Duration.ofDays(30));

    /** The recipient key of {@code region}, with its chain up to the root. */
    public KeyCredential region(String region) {
        KeyPair pair = Keys.generateEcP256();
        return new KeyCredential(pair.getPrivate(),
                issuing.chainOf(issuing.issueRegionRecipientCertificate(region, pair.getPublic(), Duration.ofDays(30))));
    }

    /** A fresh agency key with its certificate and chain up to the root. */
    public KeyCredential agency(String agency) {
        KeyPair pair = Keys.generateEcP256();
        return new KeyCredential(pair.getPrivate(), issue(agency, pair));
    }

    /** The chain the admin API would answer for {@code pair}'s request. */
    public List<X509Certificate> issue(String agency, KeyPair pair) {
        return issuing.chainOf(issuing.issueAgencyCertificate(agency, pair.getPublic(), Duration.ofDays(30)));
    }
}
