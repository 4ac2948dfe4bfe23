package eu.synergie.crypto.envelope;

import eu.synergie.crypto.pki.BouncyCastle;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.CERTIFICATE_EXPIRED;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.CERTIFICATE_NOT_YET_VALID;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.CERTIFICATE_REVOKED;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.MALFORMED;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.NOT_A_RECIPIENT;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.OVERSIZED;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.SIGNATURE_INVALID;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.TAMPERED;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.UNKNOWN_SIGNER;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.UNSIGNED_CONTENT;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.UNSUPPORTED_ALGORITHM;

import eu.synergie.crypto.asn1.MalformedEncodingException;
import eu.synergie.crypto.asn1.TlvLimits;
import eu.synergie.crypto.pki.KeyCredential;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathBuilderResult;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.KeyAgreeRecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Opens envelopes made by {@link EnvelopeSealer}: decrypts the AuthEnvelopedData (RFC 5083,
 * AES-GCM per RFC 5084, ECDH recipients per RFC 5753) with one of our recipient keys, then verifies
 * the inner SignedData (RFC 5652; ECDSA, or Ed25519 with SHA-512 per RFC 8419), that its signer
 * chains to the trust anchor as of the signing time and, when given a {@link RevocationCheck}, that
 * the signer was not revoked as of that time; then reads the ESS security label (RFC 2634), if any.
 * When asked ({@link Originator#MUST_BE_RECIPIENT}), it also checks that the signer itself is a recipient.
 *
 * <p>Every input ends in an {@link OpenedEnvelope} or an {@link EnvelopeException}, never another exception:
 * the structure is checked ({@link TlvLimits}: nesting depth, every length within the input) before Bouncy
 * Castle parses it, and whatever Bouncy Castle throws later on a structure it cannot read is {@code MALFORMED}.
 * Every refusal is an {@link EnvelopeException} whose {@link EnvelopeException.Reason} names the
 * failed check. Which revocations count is the trust registry's policy, behind the check.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5652">RFC 5652</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5083">RFC 5083</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5084">RFC 5084</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5753">RFC 5753</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8419">RFC 8419</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2634">RFC 2634</a>
 */
public final class EnvelopeOpener {

    /** The largest envelope accepted unless configured otherwise ({@code synergie.max-envelope-bytes}). */
    public static final int DEFAULT_MAX_ENVELOPE_BYTES = 1024 * 1024;
    private static final int GCM_TAG_BYTES = 16;
    private static final int MIN_RSA_BITS = 3072;
    private static final RevocationCheck NO_REVOCATION_CHECK = (signer, signingTime) -> Optional.empty();

    private static final Set<ASN1ObjectIdentifier> CONTENT_ENCRYPTION = Set.of(
            CMSAlgorithm.AES128_GCM, CMSAlgorithm.AES192_GCM, CMSAlgorithm.AES256_GCM);
    static final Set<ASN1ObjectIdentifier> KEY_AGREEMENT = Set.of(
            CMSAlgorithm.ECDH_SHA256KDF, CMSAlgorithm.ECDH_SHA384KDF, CMSAlgorithm.ECDH_SHA512KDF);
    static final Set<ASN1ObjectIdentifier> KEY_WRAP = Set.of(
            CMSAlgorithm.AES128_WRAP, CMSAlgorithm.AES192_WRAP, CMSAlgorithm.AES256_WRAP);
    private static final Set<ASN1ObjectIdentifier> DIGESTS = Set.of(
            NISTObjectIdentifiers.id_sha256, NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512,
            NISTObjectIdentifiers.id_sha3_256, NISTObjectIdentifiers.id_sha3_384, NISTObjectIdentifiers.id_sha3_512);
    // Signers may name ECDSA by the key algorithm (id-ecPublicKey) or by the signature algorithm.
    private static final Set<ASN1ObjectIdentifier> ECDSA_OR_EDDSA = Set.of(
            X9ObjectIdentifiers.id_ecPublicKey, X9ObjectIdentifiers.ecdsa_with_SHA256,
            X9ObjectIdentifiers.ecdsa_with_SHA384, X9ObjectIdentifiers.ecdsa_with_SHA512,
            EdECObjectIdentifiers.id_Ed25519);
    private static final Set<ASN1ObjectIdentifier> RSA = Set.of(
            PKCSObjectIdentifiers.rsaEncryption, PKCSObjectIdentifiers.sha256WithRSAEncryption,
            PKCSObjectIdentifiers.sha384WithRSAEncryption, PKCSObjectIdentifiers.sha512WithRSAEncryption,
            PKCSObjectIdentifiers.id_RSASSA_PSS);
    // Pure ML-DSA only (RFC 9882 section 3.2: HashML-DSA is not used in CMS), at the hybrid profile's level or above.
    static final Set<ASN1ObjectIdentifier> ML_DSA = Set.of(
            NISTObjectIdentifiers.id_ml_dsa_65, NISTObjectIdentifiers.id_ml_dsa_87);
    // RFC 9882 section 3.3: a digest of at least the parameter set's security strength (192 bits for ML-DSA-65).
    private static final Set<ASN1ObjectIdentifier> ML_DSA_DIGESTS = Set.of(
            NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512,
            NISTObjectIdentifiers.id_sha3_384, NISTObjectIdentifiers.id_sha3_512);

    /** Which signature algorithms an opener's signers may use: the classical profile's, or ML-DSA (the hybrid profile's countersignature). */
    enum SignerAlgorithms {
        CLASSICAL,
        ML_DSA
    }

    // Bounded: one entry per signer certificate that chained to the anchor; each map is cleared whole
    // when full, which only costs decoding and building again.
    private static final int REMEMBERED_CERTIFICATES = 10_000;

    /** Whether the signer's own certificate must be among the recipients (see {@link #open}). */
    public enum Originator {
        /** Any envelope whose signature verifies, whoever it was encrypted to. */
        MAY_BE_ABSENT,
        /**
         * The envelope must also carry a well-formed key-agreement recipient for the signer's own certificate,
         * else {@code ORIGINATOR_NOT_A_RECIPIENT}: what an exchange keeps, its originator can always open. An
         * Ed25519 signer can never be one (its key signs only, RFC 8410).
         */
        MUST_BE_RECIPIENT
    }

    private final X509Certificate trustAnchor;
    private final int maxEnvelopeBytes;
    private final Originator originator;
    private final SignerAlgorithms algorithms;
    private final ConcurrentMap<X509Certificate, ValidityWindow> validatedPaths = new ConcurrentHashMap<>();
    // Signers whose certificate chained to the anchor once, by their certificate as the envelope carries it:
    // the same decoded object each time, whose public key keeps Bouncy Castle's precomputed multiples of its
    // point (verifying with it costs about a third of verifying with a fresh key), and its verifier, stateless
    // once built (each use makes its own Signature and digest) but costly to build.
    private final ConcurrentMap<X509CertificateHolder, Signer> signers = new ConcurrentHashMap<>();

    /** An opener that accepts envelopes of up to 1 MiB. */
    public EnvelopeOpener(X509Certificate trustAnchor) {
        this(trustAnchor, DEFAULT_MAX_ENVELOPE_BYTES);
    }

    /** An opener that accepts envelopes of up to {@code maxEnvelopeBytes}, whoever they are encrypted to. */
    public EnvelopeOpener(X509Certificate trustAnchor, int maxEnvelopeBytes) {
        this(trustAnchor, maxEnvelopeBytes, Originator.MAY_BE_ABSENT);
    }

    public EnvelopeOpener(X509Certificate trustAnchor, int maxEnvelopeBytes, Originator originator) {
        this(trustAnchor, maxEnvelopeBytes, originator, SignerAlgorithms.CLASSICAL);
    }

    /** The hybrid opener's: one opener per signer kind, each with its own anchor and caches. */
    EnvelopeOpener(X509Certificate trustAnchor, int maxEnvelopeBytes, Originator originator, SignerAlgorithms algorithms) {
        if (maxEnvelopeBytes <= 0) {
            throw new IllegalArgumentException("maxEnvelopeBytes must be positive");
        }
        this.trustAnchor = Objects.requireNonNull(trustAnchor, "trustAnchor");
        this.maxEnvelopeBytes = maxEnvelopeBytes;
        this.originator = Objects.requireNonNull(originator, "originator");
        this.algorithms = Objects.requireNonNull(algorithms, "algorithms");
    }

    /**
     * Decrypts with the first of {@code recipientKeys} the envelope is addressed to and verifies the
     * signed content, without any revocation check.
     *
     * @throws EnvelopeException if any check fails; nothing is returned unverified
     */
    public OpenedEnvelope open(byte[] envelope, Collection<KeyCredential> recipientKeys) {
        return open(envelope, recipientKeys, NO_REVOCATION_CHECK);
    }

    /**
     * As {@link #open(byte[], Collection)}, then asks {@code revocation} about the verified signer as
     * of the signing time and refuses with {@code CERTIFICATE_REVOKED} if it gives a reason.
     *
     * @throws EnvelopeException if any check fails; nothing is returned unverified
     */
    public OpenedEnvelope open(byte[] envelope, Collection<KeyCredential> recipientKeys, RevocationCheck revocation) {
        Objects.requireNonNull(revocation, "revocation");
        Objects.requireNonNull(recipientKeys, "recipientKeys");
        if (envelope.length > maxEnvelopeBytes) {
            throw new EnvelopeException(OVERSIZED, "envelope exceeds " + maxEnvelopeBytes + " bytes");
        }
        OpenedEnvelope opened;
        try {
            opened = checked(envelope, recipientKeys);
        } catch (EnvelopeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed(e);
        }
        // Outside the catch above: the check is the caller's, and its own failures (a registry that cannot
        // answer) must reach the caller as they are, not as a malformed envelope.
        Optional<String> revoked = revocation.revokedAt(opened.signer(), opened.signingTime());
        if (revoked.isPresent()) {
            throw new EnvelopeException(CERTIFICATE_REVOKED, "signer certificate " + revoked.get());
        }
        return opened;
    }

    /**
     * Bouncy Castle reports a structure it cannot read with whatever runtime exception the failing accessor throws
     * (IllegalArgumentException, IllegalStateException, ClassCastException, …), often long after parsing: whatever the
     * caller sent, the answer is one of our reasons. The failing accessor's exception class (never its message, which
     * may quote content) tells an operator, and a failed test, where the structure broke.
     */
    static EnvelopeException malformed(RuntimeException e) {
        return new EnvelopeException(MALFORMED, "envelope structure is invalid (" + e.getClass().getSimpleName() + at(e) + ")", e);
    }

    static String at(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        String where = trace.length == 0 ? "" : " at " + trace[0].getClassName() + "." + trace[0].getMethodName();
        for (StackTraceElement frame : trace) {
            if (frame.getClassName().equals(EnvelopeOpener.class.getName())
                    || frame.getClassName().equals(HybridEnvelopeOpener.class.getName())) {
                return where + " from " + frame.getMethodName();
            }
        }
        return where;
    }

    private OpenedEnvelope checked(byte[] envelope, Collection<KeyCredential> recipientKeys) {
        ContentInfo outer = contentInfo(envelope, "envelope is not a DER CMS ContentInfo");
        AuthEnveloped authEnveloped = authEnvelopedData(outer);
        Recipient recipient = recipientAmong(authEnveloped.parsed(), recipientKeys);
        byte[] decrypted = decrypt(recipient);

        SignedData signedData = signedData(decrypted);
        CMSSignedData signed = cmsSignedData(signedData);
        SignerInformation signer = onlySigner(signed);
        VerifiedSigner verified = verifySigner(signer, signed);
        X509Certificate signerCertificate = verified.certificate();
        if (originator == Originator.MUST_BE_RECIPIENT) {
            OriginatorRecipient.require(authEnveloped.structure(), signerCertificate, KEY_AGREEMENT, KEY_WRAP);
        }
        // Only now: what an unknown party puts in an envelope must not fill these caches.
        remember(verified);
        return new OpenedEnvelope(encapsulatedContent(signedData), signerCertificate, verified.signingTime(),
                recipient.key().certificate(), SecurityLabels.read(signer.getSignedAttributes()), decrypted);
    }

    /**
     * Checks one signer of {@code signed} against this opener's anchor: its algorithms, its signature and
     * SigningCertificateV2, its certificate's validity at its signing time and its chain. Nothing is cached yet
     * ({@link #remember}, once the whole envelope has passed).
     */
    VerifiedSigner verifySigner(SignerInformation signer, CMSSignedData signed) {
        requireAlgorithms(signer, algorithms);
        Signer known = signerOf(signer, signed);
        X509Certificate signerCertificate = known.certificate();
        verifySignature(signer, known);
        Instant signingTime = signingTime(signer);
        requireValidAt(signerCertificate, signingTime);
        requireChainToAnchor(signerCertificate, signed, signingTime);
        return new VerifiedSigner(known, signingTime);
    }

    /** A signer that passed {@link #verifySigner}: its certificate as the envelope carried it, and its signing time. */
    record VerifiedSigner(Signer known, Instant signingTime) {
        X509Certificate certificate() {
            return known.certificate();
        }
    }

    void remember(VerifiedSigner verified) {
        rememberSigner(verified.known());
    }

    boolean originatorMustBeRecipient() {
        return originator == Originator.MUST_BE_RECIPIENT;
    }

    int maxEnvelopeBytes() {
        return maxEnvelopeBytes;
    }

    record Recipient(RecipientInformation info, KeyCredential key) {
    }

    record AuthEnveloped(AuthEnvelopedData structure, CMSAuthEnvelopedData parsed) {
    }

    static AuthEnveloped authEnvelopedData(ContentInfo outer) {
        if (!CMSObjectIdentifiers.authEnvelopedData.equals(outer.getContentType())) {
            throw new EnvelopeException(UNSUPPORTED_ALGORITHM,
                    "content type " + outer.getContentType() + " is not authEnvelopedData (AES-GCM)");
        }
        AlgorithmIdentifier encryption;
        AuthEnvelopedData structure;
        CMSAuthEnvelopedData parsed;
        try {
            structure = AuthEnvelopedData.getInstance(outer.getContent());
            encryption = structure.getAuthEncryptedContentInfo().getContentEncryptionAlgorithm();
            parsed = new CMSAuthEnvelopedData(outer);
        } catch (CMSException | RuntimeException e) {
            throw new EnvelopeException(MALFORMED, "authEnvelopedData structure is invalid", e);
        }
        if (!CONTENT_ENCRYPTION.contains(encryption.getAlgorithm())) {
            throw new EnvelopeException(UNSUPPORTED_ALGORITHM,
                    "content encryption " + encryption.getAlgorithm() + " is not AES-GCM");
        }
        int tagBytes;
        try {
            tagBytes = GCMParameters.getInstance(encryption.getParameters()).getIcvLen();
        } catch (RuntimeException e) {
            throw new EnvelopeException(MALFORMED, "AES-GCM parameters are invalid", e);
        }
        // A truncated tag makes forgery cheaper; nothing we accept produces one.
        if (tagBytes != GCM_TAG_BYTES) {
            throw new EnvelopeException(UNSUPPORTED_ALGORITHM, "AES-GCM tag is not 128 bits");
        }
        return new AuthEnveloped(structure, parsed);
    }

    static Recipient recipientAmong(CMSAuthEnvelopedData authEnveloped, Collection<KeyCredential> keys) {
        Collection<RecipientInformation> infos;
        try {
            infos = authEnveloped.getRecipientInfos().getRecipients();
        } catch (RuntimeException e) {
            throw new EnvelopeException(MALFORMED, "recipientInfos are invalid", e);
        }
        for (RecipientInformation info : infos) {
            if (!(info.getRID() instanceof KeyAgreeRecipientId id) || id.getIssuer() == null) {
                continue;
            }
            for (KeyCredential key : keys) {
                X509Certificate certificate = key.certificate();
                if (id.getSerialNumber().equals(certificate.getSerialNumber())
                        && id.getIssuer().equals(X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()))) {
                    requireKeyAgreementAlgorithm(info.getKeyEncryptionAlgorithm());
                    return new Recipient(info, key);
                }
            }
        }
        throw new EnvelopeException(NOT_A_RECIPIENT,
                "no key-agreement recipient matches the issuer and serial number of a given key");
    }

    private static void requireKeyAgreementAlgorithm(AlgorithmIdentifier keyAgreement) {
        // OpenSSL's default for ECDH recipients; name it, since the fix is one option on the sender's side.
        if (CMSAlgorithm.ECDH_SHA1KDF.equals(keyAgreement.getAlgorithm())) {
            throw new EnvelopeException(UNSUPPORTED_ALGORITHM,
                    "key agreement uses the SHA-1 KDF (dhSinglePass-stdDH-sha1kdf-scheme); ECDH with a SHA-2 KDF is required");
        }
        if (!KEY_AGREEMENT.contains(keyAgreement.getAlgorithm())) {
            throw new EnvelopeException(UNSUPPORTED_ALGORITHM,
                    "key agreement " + keyAgreement.getAlgorithm() + " is not ECDH with a SHA-2 KDF");
        }
        ASN1ObjectIdentifier wrap;
        try {
            wrap = AlgorithmIdentifier.getInstance(keyAgreement.getParameters()).getAlgorithm();
        } catch (RuntimeException e) {
            throw new EnvelopeException(MALFORMED, "key wrap algorithm is invalid", e);
        }
        if (!KEY_WRAP.contains(wrap)) {
            throw new EnvelopeException(UNSUPPORTED_ALGORITHM, "key wrap " + wrap + " is not AES key wrap");
        }
    }

    static byte[] decrypt(Recipient recipient) {
        try {
            return recipient.info().getContent(new JceKeyAgreeAuthEnvelopedRecipient(recipient.key().privateKey())
                    .setProvider(BouncyCastle.PROVIDER));
        } catch (CMSException | RuntimeException e) {
            // A wrong key, a corrupted wrapped key and a failed GCM tag are indistinguishable here,
            // and telling them apart would help an attacker more than an operator.
            throw new EnvelopeException(TAMPERED, "authenticated decryption failed", e);
        }
    }

    static SignedData signedData(byte[] decrypted) {
        ContentInfo inner = contentInfo(decrypted, "decrypted content is not a DER CMS ContentInfo");
        if (!CMSObjectIdentifiers.signedData.equals(inner.getContentType())) {
            throw new EnvelopeException(UNSIGNED_CONTENT, "decrypted content is not signedData");
        }
        try {
            SignedData signedData = SignedData.getInstance(inner.getContent());
            if (signedData.getEncapContentInfo().getContent() == null) {
                throw new EnvelopeException(UNSIGNED_CONTENT, "signedData has no encapsulated content");
            }
            return signedData;
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new EnvelopeException(MALFORMED, "signedData structure is invalid", e);
        }
    }

    static CMSSignedData cmsSignedData(SignedData signedData) {
        try {
            return new CMSSignedData(new ContentInfo(CMSObjectIdentifiers.signedData, signedData));
        } catch (CMSException | RuntimeException e) {
            throw new EnvelopeException(MALFORMED, "signedData structure is invalid", e);
        }
    }

    static byte[] encapsulatedContent(SignedData signedData) {
        try {
            return ASN1OctetString.getInstance(signedData.getEncapContentInfo().getContent()).getOctets();
        } catch (RuntimeException e) {
            throw new EnvelopeException(MALFORMED, "encapsulated content is not an OCTET STRING", e);
        }
    }

    private static SignerInformation onlySigner(CMSSignedData signed) {
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.isEmpty()) {
            throw new EnvelopeException(UNSIGNED_CONTENT, "signedData has no signer");
        }
        if (signers.size() > 1) {
            throw new EnvelopeException(MALFORMED, "signedData has more than one signer");
        }
        return signers.iterator().next();
    }

    private static void requireAlgorithms(SignerInformation signer, SignerAlgorithms algorithms) {
        ASN1ObjectIdentifier digest = signer.getDigestAlgorithmID().getAlgorithm();
        if (algorithms == SignerAlgorithms.ML_DSA) {
            ASN1ObjectIdentifier signature = new ASN1ObjectIdentifier(signer.getEncryptionAlgOID());
            if (!ML_DSA.contains(signature)) {
                throw new EnvelopeException(UNSUPPORTED_ALGORITHM, "signature " + signature + " is not ML-DSA-65 or ML-DSA-87");
            }
            if (!ML_DSA_DIGESTS.contains(digest)) {
                throw new EnvelopeException(UNSUPPORTED_ALGORITHM, "ML-DSA signature with digest " + digest
                        + " (RFC 9882 requires SHA-384 or stronger for ML-DSA-65)");
            }
            return;
        }
        if (!DIGESTS.contains(digest)) {
            throw new EnvelopeException(UNSUPPORTED_ALGORITHM, "digest " + digest + " is not SHA-256 or stronger");
        }
        ASN1ObjectIdentifier signature = new ASN1ObjectIdentifier(signer.getEncryptionAlgOID());
        if (!ECDSA_OR_EDDSA.contains(signature) && !RSA.contains(signature)) {
            throw new EnvelopeException(UNSUPPORTED_ALGORITHM,
                    "signature " + signature + " is not ECDSA, Ed25519 or RSA");
        }
        if (EdECObjectIdentifiers.id_Ed25519.equals(signature) && !NISTObjectIdentifiers.id_sha512.equals(digest)) {
            throw new EnvelopeException(UNSUPPORTED_ALGORITHM, "Ed25519 signature with digest " + digest
                    + " (RFC 8419 requires SHA-512)");
        }
    }

    private Signer signerOf(SignerInformation signer, CMSSignedData signed) {
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
        if (matches.isEmpty()) {
            throw new EnvelopeException(UNKNOWN_SIGNER, "signer certificate is not among the signedData certificates");
        }
        X509CertificateHolder holder = matches.iterator().next();
        Signer known = signers.get(holder);
        if (known != null) {
            return known;
        }
        X509Certificate certificate = certificate(holder);
        if (RSA.contains(new ASN1ObjectIdentifier(signer.getEncryptionAlgOID()))
                && certificate.getPublicKey() instanceof RSAPublicKey rsa
                && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new EnvelopeException(UNSUPPORTED_ALGORITHM, "RSA signer key is shorter than " + MIN_RSA_BITS + " bits");
        }
        try {
            // Built from the bare key so BC does not fold certificate validity into the result:
            // expiry has its own reason.
            return new Signer(holder, certificate, new JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(BouncyCastle.PROVIDER).build(certificate.getPublicKey()));
        } catch (OperatorCreationException e) {
            throw new EnvelopeException(UNSUPPORTED_ALGORITHM, "no verifier for the signer key", e);
        }
    }

    record Signer(X509CertificateHolder holder, X509Certificate certificate, SignerInformationVerifier verifier) {
    }

    private void rememberSigner(Signer signer) {
        if (!signers.containsKey(signer.holder())) {
            putBounded(signers, signer.holder(), signer);
        }
    }

    private static void verifySignature(SignerInformation signer, Signer known) {
        AttributeTable attributes = signer.getSignedAttributes();
        if (attributes == null) {
            throw new EnvelopeException(SIGNATURE_INVALID, "signed attributes are absent");
        }
        boolean verified;
        try {
            verified = signer.verify(known.verifier());
        } catch (CMSException | RuntimeException e) {
            throw new EnvelopeException(SIGNATURE_INVALID, "signature or signed attributes do not verify", e);
        }
        if (!verified) {
            throw new EnvelopeException(SIGNATURE_INVALID, "signature does not verify");
        }
        requireSigningCertificateMatches(attributes, known.certificate());
    }

    private static <K, V> void putBounded(ConcurrentMap<K, V> map, K key, V value) {
        if (map.size() >= REMEMBERED_CERTIFICATES) {
            map.clear();
        }
        map.put(key, value);
    }

    // RFC 5035: when present, the signed certificate hash must be that of the certificate we used.
    private static void requireSigningCertificateMatches(AttributeTable attributes, X509Certificate certificate) {
        ESSCertIDv2[] certIds = signingCertificates(attributes);
        if (certIds.length == 0) {
            return;
        }
        if (!identifies(certIds[0], certificate)) {
            throw new EnvelopeException(SIGNATURE_INVALID, "signingCertificateV2 does not match the signer certificate");
        }
    }

    /**
     * Whether the signingCertificateV2 attribute among {@code attributes} names {@code certificate} after the
     * signer's own (RFC 5035 allows further certificates): how the hybrid countersignature binds the classical
     * signer's certificate.
     */
    static boolean signingCertificatesName(AttributeTable attributes, X509Certificate certificate) {
        ESSCertIDv2[] certIds = signingCertificates(attributes);
        for (int i = 1; i < certIds.length; i++) {
            if (identifies(certIds[i], certificate)) {
                return true;
            }
        }
        return false;
    }

    private static ESSCertIDv2[] signingCertificates(AttributeTable attributes) {
        Attribute attribute = attributes == null ? null : attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (attribute == null) {
            return new ESSCertIDv2[0];
        }
        try {
            ESSCertIDv2[] certIds = SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0)).getCerts();
            if (certIds.length == 0) {
                throw new IllegalArgumentException("no certificate identifier");
            }
            return certIds;
        } catch (RuntimeException e) {
            throw new EnvelopeException(MALFORMED, "signingCertificateV2 attribute is invalid", e);
        }
    }

    private static boolean identifies(ESSCertIDv2 certId, X509Certificate certificate) {
        try {
            DigestCalculator digest = new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER)
                    .build().get(certId.getHashAlgorithm());
            try (OutputStream out = digest.getOutputStream()) {
                out.write(certificate.getEncoded());
            }
            return Arrays.equals(digest.getDigest(), certId.getCertHash());
        } catch (OperatorCreationException | IOException | GeneralSecurityException | RuntimeException e) {
            throw new EnvelopeException(MALFORMED, "signingCertificateV2 attribute is invalid", e);
        }
    }

    private static Instant signingTime(SignerInformation signer) {
        Attribute attribute = signer.getSignedAttributes().get(CMSAttributes.signingTime);
        if (attribute == null) {
            return Instant.now();
        }
        try {
            return Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
        } catch (RuntimeException e) {
            throw new EnvelopeException(MALFORMED, "signing-time attribute is invalid", e);
        }
    }

    private static void requireValidAt(X509Certificate certificate, Instant signingTime) {
        try {
            certificate.checkValidity(Date.from(signingTime));
        } catch (CertificateExpiredException e) {
            throw new EnvelopeException(CERTIFICATE_EXPIRED, "signer certificate had expired at the signing time");
        } catch (CertificateNotYetValidException e) {
            throw new EnvelopeException(CERTIFICATE_NOT_YET_VALID, "signer certificate was not yet valid at the signing time");
        }
    }

    private void requireChainToAnchor(X509Certificate signer, CMSSignedData signed, Instant signingTime) {
        // PKIX does not look at the end entity's key usage; without this a region's key-agreement
        // certificate from the same CA could pass as a signer.
        boolean[] keyUsage = signer.getKeyUsage();
        if (keyUsage != null && !keyUsage[0]) {
            throw new EnvelopeException(UNKNOWN_SIGNER, "signer certificate keyUsage lacks digitalSignature");
        }
        ValidityWindow known = validatedPaths.get(signer);
        if (known != null && known.contains(signingTime)) {
            return;
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(Set.of(new TrustAnchor(trustAnchor, null)), target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(signingTime));
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(certificates(signed))));
            CertPathBuilderResult result = CertPathBuilder.getInstance("PKIX").build(parameters);
            rememberPath(signer, result.getCertPath().getCertificates());
        } catch (CertPathBuilderException e) {
            throw new EnvelopeException(UNKNOWN_SIGNER, "signer certificate does not chain to the trust anchor", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("PKIX path building unavailable", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            // The JDK's path builder reads certificates the sender chose: whatever else it throws on them, no path
            // to the anchor was found, and that is the reason to give (not a malformed envelope).
            throw new EnvelopeException(UNKNOWN_SIGNER, "signer certificate does not chain to the trust anchor ("
                    + e.getClass().getSimpleName() + " while building the path)", e);
        }
    }

    /**
     * A path that was built once holds for any signing time inside the validity of all its certificates
     * and the anchor: path building is the costliest step of opening, and feeds sign with few certificates.
     */
    private void rememberPath(X509Certificate signer, List<? extends java.security.cert.Certificate> path) {
        Instant from = trustAnchor.getNotBefore().toInstant();
        Instant until = trustAnchor.getNotAfter().toInstant();
        for (java.security.cert.Certificate certificate : path) {
            X509Certificate x509 = (X509Certificate) certificate;
            from = from.isAfter(x509.getNotBefore().toInstant()) ? from : x509.getNotBefore().toInstant();
            until = until.isBefore(x509.getNotAfter().toInstant()) ? until : x509.getNotAfter().toInstant();
        }
        putBounded(validatedPaths, signer, new ValidityWindow(from, until));
    }

    private record ValidityWindow(Instant from, Instant until) {
        boolean contains(Instant time) {
            return !time.isBefore(from) && !time.isAfter(until);
        }
    }

    private static List<X509Certificate> certificates(CMSSignedData signed) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (X509CertificateHolder holder : signed.getCertificates().getMatches(null)) {
            certificates.add(certificate(holder));
        }
        return certificates;
    }

    private static X509Certificate certificate(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER).getCertificate(holder);
        } catch (CertificateException e) {
            throw new EnvelopeException(MALFORMED, "signedData certificate is invalid", e);
        }
    }

    static ContentInfo contentInfo(byte[] der, String failure) {
        // Bouncy Castle's parser recurses per level of nesting: bound the depth and check every length first.
        try {
            TlvLimits.check(der);
        } catch (MalformedEncodingException e) {
            throw new EnvelopeException(MALFORMED, failure + ": " + e.getMessage());
        }
        ContentInfo contentInfo;
        try {
            contentInfo = ContentInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new EnvelopeException(MALFORMED, failure, e);
        }
        if (contentInfo == null || contentInfo.getContent() == null) {
            throw new EnvelopeException(MALFORMED, failure);
        }
        return contentInfo;
    }
}
