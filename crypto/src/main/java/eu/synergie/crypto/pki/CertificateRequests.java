package eu.synergie.crypto.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Set;
import eu.synergie.crypto.asn1.TlvLimits;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * PKCS#10 certification requests (RFC 2986): an agency or region makes one with its own key, and
 * the CA takes only the public key from it, after checking the self-signature that proves the
 * requester holds the private key. The CA chooses the subject itself, so the request's is ignored.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2986">RFC 2986</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7468">RFC 7468</a>
 */
public final class CertificateRequests {

    // What create() produces: nothing weaker is worth accepting as proof of possession.
    private static final Set<ASN1ObjectIdentifier> SIGNATURES = Set.of(
            X9ObjectIdentifiers.ecdsa_with_SHA256, X9ObjectIdentifiers.ecdsa_with_SHA384,
            X9ObjectIdentifiers.ecdsa_with_SHA512, EdECObjectIdentifiers.id_Ed25519, NISTObjectIdentifiers.id_ml_dsa_65);

    // RFC 7468's label, and the one older OpenSSL and Java keytool still write.
    private static final Set<String> PEM_LABELS = Set.of("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST");

    private CertificateRequests() {
    }

    /**
     * A DER request for {@code CN=<commonName>}, signed with ECDSA-with-SHA256, Ed25519 or ML-DSA-65 (RFC 9881) per
     * the key. An ML-KEM key cannot sign, so it has no request of its own (RFC 9935 leaves its proof of possession to
     * other protocols).
     */
    public static byte[] create(KeyPair pair, String commonName) {
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("common name must not be blank");
        }
        String algorithm = Keys.signatureAlgorithmFor(pair.getPublic());
        try {
            return new JcaPKCS10CertificationRequestBuilder(
                    new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build(), pair.getPublic())
                    .build(new JcaContentSignerBuilder(algorithm).setProvider(BouncyCastle.PROVIDER)
                            .build(pair.getPrivate()))
                    .getEncoded();
        } catch (OperatorCreationException e) {
            throw new IllegalArgumentException("private key cannot sign with " + algorithm, e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode CSR", e);
        }
    }

    /**
     * The public key of a DER or PEM ({@code -----BEGIN CERTIFICATE REQUEST-----}) request, once its
     * self-signature has been verified.
     *
     * @throws IllegalArgumentException naming the failed check: {@code CSR is not PKCS#10},
     *     {@code CSR signature algorithm is not ECDSA with SHA-2, Ed25519 or ML-DSA-65}, {@code CSR signature invalid}
     */
    public static PublicKey verifiedPublicKey(byte[] derOrPem) {
        PKCS10CertificationRequest request = parse(derOrPem);
        if (request.getSignatureAlgorithm() == null
                || !SIGNATURES.contains(request.getSignatureAlgorithm().getAlgorithm())) {
            throw new IllegalArgumentException("CSR signature algorithm is not ECDSA with SHA-2, Ed25519 or ML-DSA-65");
        }
        boolean valid;
        try {
            valid = request.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(BouncyCastle.PROVIDER).build(request.getSubjectPublicKeyInfo()));
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new IllegalArgumentException("CSR signature invalid");
        }
        try {
            return new JcaPKCS10CertificationRequest(request).setProvider(BouncyCastle.PROVIDER).getPublicKey();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("CSR public key is invalid", e);
        }
    }

    private static PKCS10CertificationRequest parse(byte[] derOrPem) {
        byte[] der = Pem.isPem(derOrPem) ? Pem.firstBlock(derOrPem, PEM_LABELS) : derOrPem;
        if (der == null) {
            throw new IllegalArgumentException("CSR is not PKCS#10");
        }
        try {
            // Bouncy Castle's parser recurses per level of nesting: bound the depth and check every length first.
            TlvLimits.check(der);
            return new PKCS10CertificationRequest(der);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("CSR is not PKCS#10", e);
        }
    }
}
