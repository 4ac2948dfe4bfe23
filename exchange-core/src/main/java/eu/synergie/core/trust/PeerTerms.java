package eu.synergie.core.trust;

import eu.synergie.crypto.pki.Fingerprints;
import eu.synergie.crypto.pki.Pem;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a trust administrator submits to register a peer exchange, checked before anything is recorded: the root
 * must be the one whose fingerprint the two operators compared out of band, and the federation certificate must chain
 * to it, or a forged root or a certificate of some other authority would be pinned.
 *
 * @param rootSha256 the SHA-256 fingerprint of the root's DER, in hexadecimal (colons and case ignored), as read to
 *                   the administrator by the peer's operator
 */
public record PeerTerms(String name, String rootPem, String rootSha256, String federationPem, Set<String> sends,
                        Map<String, String> receives) {

    /** The checked root and federation chain, or a {@link TrustException} of kind {@code INVALID} naming what failed. */
    Checked check() {
        if (name == null || !PeerRecord.NAME.matcher(name).matches()) {
            throw invalid("a peer's name must look like EXCH-MED");
        }
        X509Certificate root = onlyOne(certificates(rootPem, "rootPem"), "rootPem");
        String expected = rootSha256 == null ? "" : rootSha256.replace(":", "").strip().toLowerCase(Locale.ROOT);
        if (!expected.equals(Fingerprints.sha256(root))) {
            throw invalid("the root's SHA-256 fingerprint is not the one given: compare it with the peer's operator again");
        }
        List<X509Certificate> chain = certificates(federationPem, "federationPem");
        try {
            root.verify(root.getPublicKey());
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(chain),
                    parameters);
        } catch (GeneralSecurityException e) {
            throw invalid("the federation certificate does not chain to the given root");
        }
        // Only a federation certificate of that exchange, with a P-256 key: notices are encrypted to it by ECDH and the
        // hit/no-hit key is agreed with it; another key would fail every batch sent to the peer.
        X509Certificate federation = chain.getFirst();
        try {
            if (!eu.synergie.crypto.pki.CertificateAuthority.federationExchangeOf(federation).equals(name)) {
                throw invalid("the federation certificate is not " + name + "'s (its CN names another exchange)");
            }
        } catch (IllegalArgumentException e) {
            throw invalid("the first certificate of federationPem is not a federation certificate (OU=Federation)");
        }
        if (!(federation.getPublicKey() instanceof java.security.interfaces.ECPublicKey ec)
                || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw invalid("the federation certificate's key must be EC P-256");
        }
        return new Checked(root, chain);
    }

    record Checked(X509Certificate root, List<X509Certificate> federationChain) {
    }

    private static List<X509Certificate> certificates(String pem, String field) {
        if (pem == null || pem.isBlank()) {
            throw invalid(field + " is required");
        }
        try {
            return Pem.readCertificates(pem);
        } catch (IllegalArgumentException e) {
            throw invalid(field + ": " + e.getMessage());
        }
    }

    private static X509Certificate onlyOne(List<X509Certificate> certificates, String field) {
        if (certificates.size() != 1) {
            throw invalid(field + " must hold exactly one certificate");
        }
        return certificates.getFirst();
    }

    private static TrustException invalid(String message) {
        return new TrustException(TrustException.Kind.INVALID, message);
    }
}
