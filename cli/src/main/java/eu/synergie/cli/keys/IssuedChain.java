package eu.synergie.cli.keys;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/** What a chain the exchange issued must pass before {@link AgencyKeyStore} puts it in place of the current one. */
final class IssuedChain {

    private IssuedChain() {
    }

    /**
     * The checks of installing {@code chain} for {@code key} (whose current credential is {@code current}) in the key
     * store {@code file} made for {@code agency}: proof that the leaf certifies our key, the agency, not the placeholder,
     * hierarchies that never cross, a valid chain, and the root pinned unless {@code acceptNewRoot}.
     *
     * @throws KeyStoreException (trust) naming the failed check
     */
    static AgencyKeyStore.Installed check(Path file, String agency, AgencyKeyStore.SigningKey key, KeyCredential current,
                                          List<X509Certificate> chain, boolean acceptNewRoot) {
        X509Certificate leaf = chain.getFirst();
        String kind = key == AgencyKeyStore.SigningKey.EC_P256 ? "" : key.label() + " ";
        if (!holdsKeyFor(current.privateKey(), leaf.getPublicKey())) {
            throw trust("the " + kind + "certificate does not match the key in " + file + ": it was issued for another "
                    + "request", null);
        }
        String certified;
        try {
            certified = CertificateAuthority.agencyCodeOf(leaf);
        } catch (IllegalArgumentException e) {
            throw trust("the " + kind + "certificate is not an agency certificate", e);
        }
        if (!certified.equals(agency)) {
            throw trust("the " + kind + "certificate is for " + certified + " but the key was made for " + agency, null);
        }
        if (isPending(chain)) {
            throw trust("the " + kind + "chain is the placeholder of a pending request, not the exchange's", null);
        }
        X509Certificate root = chain.getLast();
        // The two hierarchies never cross: an ML-DSA-65 signature vouched for by an EC CA would fall with ECDSA.
        boolean mlDsaRoot = Keys.isMlDsa65(root.getPublicKey());
        if (key == AgencyKeyStore.SigningKey.ML_DSA_65 && !chain.stream().allMatch(c -> Keys.isMlDsa65(c.getPublicKey()))) {
            throw trust("the ML-DSA-65 chain does not run through ML-DSA-65 CAs up to the exchange's ML-DSA-65 root", null);
        }
        if (key == AgencyKeyStore.SigningKey.EC_P256 && mlDsaRoot) {
            throw trust("the EC P-256 certificate's chain ends at an ML-DSA-65 root, not the exchange's EC root", null);
        }
        requireValidChain(chain, kind);
        boolean rootChanged = false;
        if (!isPending(current.chain())) {
            X509Certificate previousRoot = current.chain().getLast();
            rootChanged = !previousRoot.equals(root);
            if (rootChanged && !acceptNewRoot) {
                throw trust("the " + kind + "chain ends at another root CA (SHA-256 " + AgencyKeyStore.fingerprint(AgencyKeyStore.encoded(root))
                        + ") than the one installed before (" + AgencyKeyStore.fingerprint(AgencyKeyStore.encoded(previousRoot))
                        + "); if the exchange really changed its root, give --accept-new-root", null);
            }
        }
        return new AgencyKeyStore.Installed(key, leaf, root, rootChanged);
    }

    /** Whether the chain ends at the placeholder of a pending request ({@link AgencyKeyStore#PENDING_CA}). */
    static boolean isPending(List<X509Certificate> chain) {
        return chain.getLast().getSubjectX500Principal().getName().contains("CN=" + AgencyKeyStore.PENDING_CA);
    }

    // Proof of possession: the leaf's key verifies what our private key signs.
    private static boolean holdsKeyFor(PrivateKey key, PublicKey certified) {
        String algorithm = Keys.isMlDsa65(certified) ? "ML-DSA-65" : Keys.isEc(certified) ? "SHA256withECDSA" : "Ed25519";
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void requireValidChain(List<X509Certificate> chain, String kind) {
        X509Certificate root = chain.getLast();
        try {
            root.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw trust("the " + kind + "chain does not end at a self-signed root CA", e);
        }
        if (chain.size() < 2) {
            throw trust("the " + kind + "chain holds only one certificate; the exchange answers the leaf, its issuing CA "
                    + "and its root", null);
        }
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, chain.size() - 1)), parameters);
        } catch (CertPathValidatorException e) {
            throw trust("the " + kind + "chain does not validate up to its root: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX validation unavailable", e);
        }
    }

    private static KeyStoreException trust(String message, Throwable cause) {
        return new KeyStoreException(KeyStoreException.Kind.TRUST, message, cause);
    }
}
