package eu.synergie.crypto.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * The exchange certificate authority: a self-signed EC P-256 root that issues agency signing
 * certificates (EC P-256 or Ed25519 keys, RFC 8410), region recipient (key agreement) certificates
 * and CRLs, profiled per RFC 5280 and signed with ECDSA-with-SHA256 (RFC 5758).
 *
 * <p>Beside it, for the hybrid profile, an ML-DSA-65 root ({@link #createMlDsaRoot}) and its issuing CAs sign with
 * ML-DSA-65 (RFC 9881): agencies' ML-DSA-65 signing certificates and ML-KEM-768 recipient certificates (RFC 9935,
 * keyEncipherment only). A CA signs with what its own key is; the two hierarchies never cross, so a quantum forger
 * of the EC root still cannot make a certificate the ML-DSA root vouches for.
 *
 * <p>Subjects are {@code CN=<name>, OU=Agency|Region, O=Synergie}; the OU says what the CN is, so
 * {@link #agencyCodeOf} and {@link #regionOf} refuse a certificate of the other kind.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5280">RFC 5280</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5758">RFC 5758</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8410">RFC 8410</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9881">RFC 9881</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9935">RFC 9935</a>
 */
public final class CertificateAuthority {

    // Lets certificates issued just now verify on a peer whose clock runs a little behind.
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final String ORGANIZATION = "Synergie";
    private static final String AGENCY_UNIT = "Agency";
    private static final String REGION_UNIT = "Region";
    private static final String EXCHANGE_UNIT = "Exchange";
    private static final String FEDERATION_UNIT = "Federation";
    private static final String SERVICE_UNIT = "Service";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyCredential credential;
    private final Clock clock;

    private CertificateAuthority(KeyCredential credential, Clock clock) {
        this.credential = credential;
        this.clock = clock;
    }

    /** Creates a new root CA with a fresh P-256 key, valid from (about) now for {@code validity}. */
    public static CertificateAuthority createRoot(String commonName, Duration validity) {
        return createRoot(commonName, validity, Keys.generateEcP256());
    }

    /**
     * Creates a new root CA of the hybrid profile with a fresh ML-DSA-65 key (RFC 9881), valid from (about) now for
     * {@code validity}: what agencies' ML-DSA-65 and regions' ML-KEM-768 certificates chain to.
     */
    public static CertificateAuthority createMlDsaRoot(String commonName, Duration validity) {
        return createRoot(commonName, validity, Keys.generateMlDsa65());
    }

    private static CertificateAuthority createRoot(String commonName, Duration validity, KeyPair keys) {
        requirePositive(validity);
        X500Name subject = subject(commonName, null);
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(validity)), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = sign(builder, keys.getPrivate(), keys.getPublic());
            return new CertificateAuthority(new KeyCredential(keys.getPrivate(), List.of(certificate)),
                    Clock.systemUTC());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build root CA certificate", e);
        }
    }

    /**
     * Creates an issuing CA under this one: a fresh key of this CA's kind (P-256, or ML-DSA-65 under an ML-DSA root)
     * and a CA certificate that may issue end-entity certificates only (path length 0). Its credential's chain runs
     * up to this CA's root, so that {@link #chainOf} gives relying parties every certificate between a leaf and the
     * root.
     */
    public CertificateAuthority issueSubordinate(String commonName, Duration validity) {
        requirePositive(validity);
        KeyPair keys = isMlDsa() ? Keys.generateMlDsa65() : Keys.generateEcP256();
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate(), serialNumber(),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(validity)), subject(commonName, null),
                    keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(extensions));
            X509Certificate certificate = sign(builder, credential.privateKey());
            List<X509Certificate> chain = new java.util.ArrayList<>(List.of(certificate));
            chain.addAll(credential.chain());
            return new CertificateAuthority(new KeyCredential(keys.getPrivate(), chain), clock);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build subordinate CA certificate", e);
        }
    }

    /** {@code leaf} followed by this CA's chain up to the root: what a relying party needs to build the path. */
    public List<X509Certificate> chainOf(X509Certificate leaf) {
        List<X509Certificate> chain = new java.util.ArrayList<>(List.of(leaf));
        chain.addAll(credential.chain());
        return List.copyOf(chain);
    }

    /** A CA backed by a stored key, for example one read with {@link Pkcs12#read}. */
    public static CertificateAuthority of(KeyCredential credential) {
        if (credential.certificate().getBasicConstraints() < 0) {
            throw new IllegalArgumentException("certificate is not a CA: basicConstraints cA is not true");
        }
        if (!(credential.privateKey() instanceof ECPrivateKey) && !Keys.isMlDsa65(credential.certificate().getPublicKey())) {
            throw new IllegalArgumentException(
                    "CA key is neither an EC nor an ML-DSA-65 key: certificates are signed with ECDSA or ML-DSA-65");
        }
        return new CertificateAuthority(credential, Clock.systemUTC());
    }

    // Which hierarchy this CA belongs to, from its certificate's key (the private key object may come from any provider).
    private boolean isMlDsa() {
        return Keys.isMlDsa65(certificate().getPublicKey());
    }

    /** Same key and certificate, issuing as if the time were {@code clock}'s; tests use it for expired certificates. */
    CertificateAuthority withClock(Clock clock) {
        return new CertificateAuthority(credential, Objects.requireNonNull(clock, "clock"));
    }

    public KeyCredential credential() {
        return credential;
    }

    public X509Certificate certificate() {
        return credential.certificate();
    }

    /**
     * An agency's signing certificate: {@code CN=<agencyCode>, OU=Agency, O=Synergie}. The key may be
     * EC P-256 or Ed25519; the certificate itself is always signed with the CA's ECDSA key.
     */
    public X509Certificate issueAgencyCertificate(String agencyCode, PublicKey key, Duration validity) {
        // RFC 9935: an ML-KEM key may only ever be certified for keyEncipherment.
        if (key != null && Keys.isMlKem768(key)) {
            throw new IllegalArgumentException("agency signing key is an ML-KEM key: it can only encapsulate");
        }
        return issue(subject(agencyCode, AGENCY_UNIT), key,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation), validity);
    }

    /** A region's recipient certificate for ECDH key agreement: {@code CN=<region>, OU=Region, O=Synergie}. */
    public X509Certificate issueRegionRecipientCertificate(String region, PublicKey key, Duration validity) {
        // Envelopes reach regions by ECDH only; a signing-only key here would make a certificate no
        // sealer can encrypt to.
        if (key != null && !Keys.isEc(key)) {
            throw new IllegalArgumentException("region key is not an EC key: recipients use ECDH key agreement");
        }
        return issue(subject(region, REGION_UNIT), key, new KeyUsage(KeyUsage.keyAgreement), validity);
    }

    /**
     * A region's ML-KEM-768 recipient certificate for the hybrid profile: {@code CN=<region>, OU=Region, O=Synergie},
     * keyUsage keyEncipherment only (RFC 9935, section 5). Issued by the ML-DSA hierarchy beside the region's ECDH
     * certificate; a hybrid envelope needs the private keys of both.
     */
    public X509Certificate issueRegionKemCertificate(String region, PublicKey key, Duration validity) {
        return issue(subject(region, REGION_UNIT), requireMlKem768(key), new KeyUsage(KeyUsage.keyEncipherment), validity);
    }

    /**
     * An agency's own ML-KEM-768 recipient certificate ({@code CN=<agencyCode>, OU=Agency, O=Synergie},
     * keyEncipherment only): with it an agency can read back the hybrid envelopes it seals, as it does classical ones
     * with its P-256 key. Without digitalSignature it can never pass for a signer.
     */
    public X509Certificate issueAgencyKemCertificate(String agencyCode, PublicKey key, Duration validity) {
        return issue(subject(agencyCode, AGENCY_UNIT), requireMlKem768(key), new KeyUsage(KeyUsage.keyEncipherment),
                validity);
    }

    /**
     * An agency's own ML-KEM-768 recipient certificate, self-issued with its own ML-DSA-65 key (subject = issuer =
     * {@code CN=<agencyCode>, OU=Agency, O=Synergie}, keyEncipherment only): what the agency's tool makes at key
     * generation, since an ML-KEM key cannot sign a request (RFC 9935) for the exchange to certify. It lets the agency
     * name itself as a recipient of its hybrid envelopes (by issuer and serial number) and read them back; nobody
     * validates it as a chain, and without digitalSignature it can never pass for a signer.
     *
     * @param signer the agency's ML-DSA-65 key pair, whose public key the certificate's authority key identifier names
     */
    public static X509Certificate selfIssueAgencyKemCertificate(String agencyCode, KeyPair signer, PublicKey key,
            Duration validity) {
        if (!Keys.isMlDsa65(signer.getPublic())) {
            throw new IllegalArgumentException("the issuing key is not the agency's ML-DSA-65 key (RFC 9881)");
        }
        Objects.requireNonNull(requireMlKem768(key), "key");
        requirePositive(validity);
        X500Name name = subject(agencyCode, AGENCY_UNIT);
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serialNumber(),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(validity)), name, key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(signer.getPublic()));
            return sign(builder, signer.getPrivate(), signer.getPublic());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue the agency's own ML-KEM certificate", e);
        }
    }

    private static PublicKey requireMlKem768(PublicKey key) {
        if (key != null && !Keys.isMlKem768(key)) {
            throw new IllegalArgumentException("recipient key is not an ML-KEM-768 key (RFC 9935)");
        }
        return key;
    }

    /**
     * The exchange's federation recipient certificate, what peer exchanges encrypt the notices they send it to (ECDH
     * key agreement): {@code CN=<exchange name>, OU=Federation, O=Synergie}. Its own OU, so that no region's or
     * agency's certificate can be registered as a peer's.
     */
    public X509Certificate issueFederationRecipientCertificate(String exchangeName, PublicKey key, Duration validity) {
        if (key != null && !Keys.isEc(key)) {
            throw new IllegalArgumentException("federation key is not an EC key: recipients use ECDH key agreement");
        }
        return issue(subject(exchangeName, FEDERATION_UNIT), key, new KeyUsage(KeyUsage.keyAgreement), validity);
    }

    /**
     * A TLS certificate for one of the exchange's own services (a search node, a broker): {@code CN=<commonName>,
     * OU=Service, O=Synergie}, an EC P-256 key for ECDHE-ECDSA, usable by a server and by a client (the nodes of a
     * cluster authenticate each other both ways), and the names clients check against the address they dialled
     * (RFC 6125: a client matches the subject alternative names, never the CN).
     *
     * @param dnsNames    host names, e.g. {@code localhost}
     * @param ipAddresses IPv4 or IPv6 literals, e.g. {@code 127.0.0.1}
     * @throws IllegalArgumentException if the key is not EC, no name is given, or an address is not an IP literal
     * @see <a href="https://www.rfc-editor.org/rfc/rfc6125">RFC 6125</a>
     */
    public X509Certificate issueTlsCertificate(String commonName, PublicKey key, List<String> dnsNames,
            List<String> ipAddresses, Duration validity) {
        if (key != null && !Keys.isEc(key)) {
            throw new IllegalArgumentException("TLS key is not an EC key: certificates are for ECDHE-ECDSA");
        }
        if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
            throw new IllegalArgumentException("a TLS certificate needs at least one DNS name or IP address");
        }
        List<GeneralName> names = new java.util.ArrayList<>();
        dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
        for (String address : ipAddresses) {
            if (!IPAddress.isValid(address)) {
                throw new IllegalArgumentException("not an IP address literal: " + address);
            }
            names.add(new GeneralName(GeneralName.iPAddress, address));
        }
        return issue(subject(commonName, SERVICE_UNIT), key, new KeyUsage(KeyUsage.digitalSignature), validity,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}),
                new GeneralNames(names.toArray(GeneralName[]::new)));
    }

    /**
     * The exchange name (CN) of a federation recipient certificate.
     *
     * @throws IllegalArgumentException if the subject's OU is not {@code Federation} or there is no single CN
     */
    public static String federationExchangeOf(X509Certificate certificate) {
        return commonName(certificate, FEDERATION_UNIT);
    }

    /**
     * The exchange's own signing certificate for what it writes to its logs (trust events, audit checkpoints):
     * {@code CN=<name>, OU=Exchange, O=Synergie}, digital signature only. The OU sets it apart from agency
     * certificates, which chain to the same root: an agency's key can never pass for the exchange's.
     */
    public X509Certificate issueExchangeSigningCertificate(String name, PublicKey key, Duration validity) {
        return issue(subject(name, EXCHANGE_UNIT), key, new KeyUsage(KeyUsage.digitalSignature), validity);
    }

    /**
     * The name (CN) of an exchange signing certificate.
     *
     * @throws IllegalArgumentException if the subject's OU is not {@code Exchange} or there is no single CN
     */
    public static String exchangeSignerOf(X509Certificate certificate) {
        return commonName(certificate, EXCHANGE_UNIT);
    }

    /**
     * The agency code (CN) of an agency certificate.
     *
     * @throws IllegalArgumentException if the subject's OU is not {@code Agency} or there is no single CN
     */
    public static String agencyCodeOf(X509Certificate certificate) {
        return commonName(certificate, AGENCY_UNIT);
    }

    /**
     * The region (CN) of a region recipient certificate.
     *
     * @throws IllegalArgumentException if the subject's OU is not {@code Region} or there is no single CN
     */
    public static String regionOf(X509Certificate certificate) {
        return commonName(certificate, REGION_UNIT);
    }

    /**
     * A version 2 CRL (RFC 5280, section 5) signed by this CA, with the CRL number and authority key
     * identifier extensions and a reason code on each entry whose reason is not unspecified (0).
     *
     * @param crlNumber monotonically increasing per CA, non-negative, at most 20 octets
     */
    public X509CRL issueCrl(List<RevokedCertificate> revoked, Instant thisUpdate, Instant nextUpdate,
            BigInteger crlNumber) {
        Objects.requireNonNull(thisUpdate, "thisUpdate");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
        if (!nextUpdate.isAfter(thisUpdate)) {
            throw new IllegalArgumentException("nextUpdate must be after thisUpdate");
        }
        if (crlNumber == null || crlNumber.signum() < 0 || crlNumber.bitLength() > 159) {
            throw new IllegalArgumentException("crlNumber must be non-negative and at most 20 octets");
        }
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(certificate(), Date.from(thisUpdate))
                    .setNextUpdate(Date.from(nextUpdate))
                    .addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            authorityKeyIdentifier(new JcaX509ExtensionUtils()));
            for (RevokedCertificate entry : revoked) {
                // BC adds the reasonCode entry extension only for a non-zero code: RFC 5280 5.3.1
                // says to omit it rather than state unspecified (0).
                builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), entry.reasonCode());
            }
            return new JcaX509CRLConverter().setProvider(BouncyCastle.PROVIDER)
                    .getCRL(builder.build(contentSigner(credential.privateKey())));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build CRL", e);
        }
    }

    private X509Certificate issue(X500Name subject, PublicKey key, KeyUsage keyUsage, Duration validity) {
        return issue(subject, key, keyUsage, validity, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection), null);
    }

    private X509Certificate issue(X500Name subject, PublicKey key, KeyUsage keyUsage, Duration validity,
            ExtendedKeyUsage extendedKeyUsage, GeneralNames alternativeNames) {
        Objects.requireNonNull(key, "key");
        requirePositive(validity);
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate(), serialNumber(),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(validity)), subject, key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, keyUsage)
                    .addExtension(Extension.extendedKeyUsage, false, extendedKeyUsage)
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(extensions));
            if (alternativeNames != null) {
                // RFC 5280 4.2.1.6: critical only when the subject is empty; ours always has a CN.
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
            }
            return sign(builder, credential.privateKey());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue certificate", e);
        }
    }

    // Key identifier only, copied from the CA's own SKI: naming the CA's issuer and serial as well
    // would tie every certificate to one CA certificate and break chains after the CA is re-issued.
    private AuthorityKeyIdentifier authorityKeyIdentifier(JcaX509ExtensionUtils extensions) throws IOException {
        byte[] caKeyIdentifier = certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (caKeyIdentifier == null) {
            return extensions.createAuthorityKeyIdentifier(certificate().getPublicKey());
        }
        return new AuthorityKeyIdentifier(SubjectKeyIdentifier.getInstance(
                JcaX509ExtensionUtils.parseExtensionValue(caKeyIdentifier)).getKeyIdentifier());
    }

    private X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        return sign(builder, key, certificate().getPublicKey());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key, PublicKey signerKey)
            throws GeneralSecurityException {
        return new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER)
                .getCertificate(builder.build(contentSigner(key, signerKey)));
    }

    private ContentSigner contentSigner(PrivateKey key) {
        return contentSigner(key, certificate().getPublicKey());
    }

    // ECDSA-with-SHA256 for the EC hierarchy, ML-DSA-65 (pure, RFC 9881) for the post-quantum one: chosen by the
    // signer's public key, which every provider encodes alike.
    private static ContentSigner contentSigner(PrivateKey key, PublicKey signerKey) {
        String algorithm = Keys.isMlDsa65(signerKey) ? "ML-DSA-65" : "SHA256withECDSA";
        try {
            return new JcaContentSignerBuilder(algorithm).setProvider(BouncyCastle.PROVIDER).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot create " + algorithm + " signer", e);
        }
    }

    // RFC 5280 4.1.2.2: positive, at most 20 octets; setting the top bit keeps it exactly 128 bits.
    private static BigInteger serialNumber() {
        return new BigInteger(128, RANDOM).setBit(127);
    }

    // Built RDN by RDN, most significant first, so a name containing ',' or '=' stays one value.
    private static X500Name subject(String commonName, String unit) {
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("common name must not be blank");
        }
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, ORGANIZATION);
        if (unit != null) {
            name.addRDN(BCStyle.OU, unit);
        }
        return name.addRDN(BCStyle.CN, commonName).build();
    }

    private static String commonName(X509Certificate certificate, String unit) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] units = subject.getRDNs(BCStyle.OU);
        if (units.length != 1 || !unit.equals(text(units[0].getFirst().getValue()))) {
            throw new IllegalArgumentException("certificate subject OU is not " + unit);
        }
        RDN[] names = subject.getRDNs(BCStyle.CN);
        String commonName = names.length == 1 ? text(names[0].getFirst().getValue()) : null;
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("certificate subject has no single CN");
        }
        return commonName;
    }

    private static String text(ASN1Encodable value) {
        return value instanceof ASN1String string ? string.getString() : null;
    }

    private static void requirePositive(Duration validity) {
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
    }
}
