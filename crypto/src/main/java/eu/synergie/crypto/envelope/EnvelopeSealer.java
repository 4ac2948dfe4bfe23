package eu.synergie.crypto.envelope;

import eu.synergie.crypto.pki.BouncyCastle;
import eu.synergie.crypto.pki.KeyCredential;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Seals content for one or more recipients: a CMS SignedData (RFC 5652) with ECDSA-with-SHA256 or
 * Ed25519 with a SHA-512 message digest (RFC 8419), the signer's chain, a SigningCertificateV2
 * attribute (RFC 5035) and optionally an ESS security label (RFC 2634), encrypted as the content of
 * an AuthEnvelopedData (RFC 5083) with AES-256-GCM (RFC 5084) and one ECDH key-agreement recipient
 * per certificate (dhSinglePass-stdDH-sha256kdf-scheme with AES-256 key wrap, RFC 5753).
 *
 * <p>The encrypted content is the DER ContentInfo of the SignedData with content type id-data, the
 * way OpenSSL nests them, so {@code openssl cms -decrypt} followed by {@code openssl cms -verify}
 * checks an envelope end to end.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5652">RFC 5652</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5083">RFC 5083</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5084">RFC 5084</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5753">RFC 5753</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5035">RFC 5035</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8419">RFC 8419</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2634">RFC 2634</a>
 */
public final class EnvelopeSealer {

    private EnvelopeSealer() {
    }

    /**
     * Signs {@code content} with {@code signer} and encrypts the result to every certificate in
     * {@code recipients} (EC keys on a named curve).
     *
     * @return the DER encoding of the outer ContentInfo (authEnvelopedData)
     */
    public static byte[] seal(byte[] content, KeyCredential signer, List<X509Certificate> recipients) {
        return encrypt(sign(content, signer, null), recipients);
    }

    /**
     * As {@link #seal(byte[], KeyCredential, List)}, with {@code label} bound into the signature as
     * the id-aa-securityLabel signed attribute.
     */
    public static byte[] seal(byte[] content, KeyCredential signer, List<X509Certificate> recipients,
            SecurityLabel label) {
        return encrypt(sign(content, signer, Objects.requireNonNull(label, "label")), recipients);
    }

    /**
     * Encrypts a signer's {@code SignedData} (as {@link OpenedEnvelope#signedData()} gives it, bytes unchanged) to
     * {@code recipients}: what an exchange sends a peer exchange, so that the signature stays the agency's end to end
     * while the encryption is made again for each hop.
     *
     * @return the DER encoding of the outer ContentInfo (authEnvelopedData)
     */
    public static byte[] rewrap(byte[] signedData, List<X509Certificate> recipients) {
        return encrypt(signedData, recipients);
    }

    /** The DER ContentInfo of a SignedData encapsulating {@code content}. */
    static byte[] sign(byte[] content, KeyCredential signer) {
        return sign(content, signer, null);
    }

    /** As {@link #sign(byte[], KeyCredential)}, with a security label attribute unless {@code label} is null. */
    static byte[] sign(byte[] content, KeyCredential signer, SecurityLabel label) {
        try {
            return signedData(content, signer, label, List.of()).toASN1Structure().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode signedData", e);
        }
    }

    /**
     * A SignedData with one SignerInfo over the encapsulated {@code content}: SigningCertificateV2 and the label, if
     * any, among its signed attributes; the signer's chain and {@code moreCertificates} (the hybrid profile's ML-DSA
     * chain, for its countersignature) among its certificates, each once.
     */
    static CMSSignedData signedData(byte[] content, KeyCredential signer, SecurityLabel label,
            List<X509Certificate> moreCertificates) {
        try {
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(signingCertificateV2(signer.certificate()));
            if (label != null) {
                attributes.add(SecurityLabels.attribute(label));
            }
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfoGenerator(signer, new AttributeTable(attributes)));
            Set<X509Certificate> certificates = new LinkedHashSet<>(signer.chain());
            certificates.addAll(moreCertificates);
            generator.addCertificates(new JcaCertStore(List.copyOf(certificates)));
            return generator.generate(new CMSProcessableByteArray(content), true);
        } catch (CMSException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build signedData", e);
        }
    }

    /**
     * A SignerInfo generator for {@code signer}'s key with {@code ours} among its signed attributes, beside Bouncy
     * Castle's content type (absent from a countersignature, RFC 5652 section 11.4), message digest and signing
     * time. BC picks the digest from the signature algorithm: SHA-256 for ECDSA, SHA-512 for Ed25519 as RFC 8419
     * requires and for ML-DSA as RFC 9882 recommends.
     */
    static SignerInfoGenerator signerInfoGenerator(KeyCredential signer, AttributeTable ours) {
        String algorithm = signatureAlgorithm(signer.certificate());
        try {
            return new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build())
                    .setSignedAttributeGenerator(signedAttributes(ours))
                    .build(new JcaContentSignerBuilder(algorithm)
                            .setProvider(BouncyCastle.PROVIDER).build(signer.privateKey()), signer.certificate());
        } catch (OperatorCreationException e) {
            throw new IllegalArgumentException("signer key cannot sign with " + algorithm, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the signer certificate", e);
        }
    }

    // Chosen by the certificate's key so the signature always matches what the certificate certifies.
    private static String signatureAlgorithm(X509Certificate certificate) {
        ASN1ObjectIdentifier key = SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded())
                .getAlgorithm().getAlgorithm();
        if (NISTObjectIdentifiers.id_ml_dsa_65.equals(key)) {
            return "ML-DSA-65";
        }
        return EdECObjectIdentifiers.id_Ed25519.equals(key) ? "Ed25519" : "SHA256withECDSA";
    }

    /** The DER ContentInfo of an AuthEnvelopedData carrying {@code signedData} to {@code recipients}. */
    static byte[] encrypt(byte[] signedData, List<X509Certificate> recipients) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient certificate is required");
        }
        try {
            CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
            for (X509Certificate recipient : recipients) {
                // One recipient info and one ephemeral key each, so no two recipients share an
                // originator key and a recipient on another curve still works.
                KeyPair ephemeral = ephemeralKeyFor(recipient);
                generator.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(
                        CMSAlgorithm.ECDH_SHA256KDF, ephemeral.getPrivate(), ephemeral.getPublic(),
                        CMSAlgorithm.AES256_WRAP)
                        .addRecipient(recipient)
                        .setProvider(BouncyCastle.PROVIDER));
            }
            OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(
                    CMSAlgorithm.AES256_GCM).setProvider(BouncyCastle.PROVIDER).build();
            return generator.generate(new CMSProcessableByteArray(signedData), encryptor)
                    .toASN1Structure().getEncoded(ASN1Encoding.DER);
        } catch (CMSException | IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build authEnvelopedData", e);
        }
    }

    // Content type, message digest and signing time (now) from BC's defaults, plus ours. BC would also
    // add an RFC 6211 algorithm-protection attribute; the envelope profile does not include it.
    private static CMSAttributeTableGenerator signedAttributes(AttributeTable ours) {
        DefaultSignedAttributeTableGenerator defaults = new DefaultSignedAttributeTableGenerator(ours);
        return parameters -> defaults.getAttributes(parameters).remove(CMSAttributes.cmsAlgorithmProtect);
    }

    // RFC 5035: binds the signer's certificate into the signature so it cannot be swapped for
    // another certificate over the same key. SHA-256 is the default hash, so it is omitted.
    static Attribute signingCertificateV2(X509Certificate certificate)
            throws GeneralSecurityException {
        return signingCertificateV2(List.of(certificate));
    }

    /**
     * As {@link #signingCertificateV2(X509Certificate)} for several certificates: the signer's first, as RFC 5035
     * requires, then others the signature vouches for (the hybrid countersignature names the classical signer's).
     */
    static Attribute signingCertificateV2(List<X509Certificate> certificates) throws GeneralSecurityException {
        ESSCertIDv2[] ids = new ESSCertIDv2[certificates.size()];
        for (int i = 0; i < ids.length; i++) {
            X509Certificate certificate = certificates.get(i);
            byte[] hash = MessageDigest.getInstance("SHA-256", BouncyCastle.PROVIDER).digest(certificate.getEncoded());
            IssuerSerial issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(
                    X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()))), certificate.getSerialNumber());
            ids[i] = new ESSCertIDv2(hash, issuerSerial);
        }
        return new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(ids)));
    }

    private static KeyPair ephemeralKeyFor(X509Certificate recipient) throws GeneralSecurityException {
        AlgorithmIdentifier algorithm = SubjectPublicKeyInfo.getInstance(recipient.getPublicKey().getEncoded())
                .getAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
                || !(algorithm.getParameters() instanceof ASN1ObjectIdentifier curve)) {
            throw new IllegalArgumentException("recipient key is not an EC key on a named curve");
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
        generator.initialize(new ECGenParameterSpec(curve.getId()));
        return generator.generateKeyPair();
    }
}
