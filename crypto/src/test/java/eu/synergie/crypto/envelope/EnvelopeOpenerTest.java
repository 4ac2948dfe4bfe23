package eu.synergie.crypto.envelope;

import eu.synergie.crypto.pki.BouncyCastle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import eu.synergie.crypto.asn1.HiddenNesting;
import eu.synergie.crypto.envelope.EnvelopeException.Reason;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientIdentifier;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.OriginatorIdentifierOrKey;
import org.bouncycastle.asn1.cms.OriginatorPublicKey;
import org.bouncycastle.asn1.cms.RecipientEncryptedKey;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

class EnvelopeOpenerTest {

    private static final byte[] NOTICE = "{\"id\":\"N-1\",\"summary\":\"secret plaintext marker\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final CertificateAuthority ca = TestCredentials.ca("Synergie Test Root");
    private final KeyCredential agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();
    private final KeyCredential region = TestCredentials.region("EU-WEST").issuedBy(ca).build();
    private final EnvelopeOpener opener = new EnvelopeOpener(ca.certificate());
    private final EnvelopeOpener exchange = new EnvelopeOpener(ca.certificate(), 1 << 20,
            EnvelopeOpener.Originator.MUST_BE_RECIPIENT);

    @Test
    void openWhenSealedForRegionThenContentSignerAndRecipient() {
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate()));

        OpenedEnvelope opened = opener.open(envelope, List.of(region));

        assertThat(opened.content()).isEqualTo(NOTICE);
        assertThat(opened.signer()).isEqualTo(agency.certificate());
        assertThat(opened.signingTime()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(opened.recipient()).isEqualTo(region.certificate());
        assertThat(opened.label()).isEmpty();
    }

    @Test
    void openWhenEd25519SignerThenContentAndSigner() {
        KeyCredential ed25519Agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).keyPair(Keys.generateEd25519()).build();
        byte[] envelope = EnvelopeSealer.seal(NOTICE, ed25519Agency, List.of(region.certificate()));

        OpenedEnvelope opened = opener.open(envelope, List.of(region));

        assertThat(opened.content()).isEqualTo(NOTICE);
        assertThat(opened.signer()).isEqualTo(ed25519Agency.certificate());
    }

    @Test
    void openWhenEd25519SignatureAlteredThenSignatureInvalid() throws Exception {
        KeyCredential ed25519Agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).keyPair(Keys.generateEd25519()).build();
        byte[] signed = EnvelopeSealer.sign(NOTICE, ed25519Agency);
        byte[] signature = new CMSSignedData(signed).getSignerInfos().iterator().next().getSignature();
        byte[] altered = signed.clone();
        altered[indexOf(signed, signature) + 10] ^= 0x01;

        assertRejected(() -> openInnerSignedData(altered), Reason.SIGNATURE_INVALID);
    }

    @Test
    void openWhenEd25519WithSha256DigestThenUnsupportedAlgorithm() throws Exception {
        KeyCredential ed25519Agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).keyPair(Keys.generateEd25519()).build();
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build())
                .setContentDigest(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256))
                .build(new JcaContentSignerBuilder("Ed25519").setProvider(BouncyCastle.PROVIDER)
                        .build(ed25519Agency.privateKey()), ed25519Agency.certificate()));
        generator.addCertificates(new JcaCertStore(ed25519Agency.chain()));
        byte[] signed = generator.generate(new CMSProcessableByteArray(NOTICE), true).getEncoded(ASN1Encoding.DER);

        assertThatExceptionOfType(EnvelopeException.class).isThrownBy(() -> openInnerSignedData(signed))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_ALGORITHM))
                .withMessageContaining("RFC 8419 requires SHA-512");
    }

    @Test
    void openWhenLabelledThenLabelAsSigned() {
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate()), TestSecurityLabels.restricted());

        OpenedEnvelope opened = opener.open(envelope, List.of(region));

        assertThat(opened.label()).contains(TestSecurityLabels.restricted());
        assertThat(opened.content()).isEqualTo(NOTICE);
    }

    @Test
    void openWhenLabelHasNoPrivacyMarkNorCategoriesThenSameLabel() {
        SecurityLabel bare = new SecurityLabel(SecurityLabel.SYNERGIE_POLICY, SecurityLabel.UNMARKED, null, List.of());
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate()), bare);

        assertThat(opener.open(envelope, List.of(region)).label()).contains(bare);
    }

    @Test
    void openWhenEd25519SignerLabelledThenLabelAsSigned() {
        KeyCredential ed25519Agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).keyPair(Keys.generateEd25519()).build();
        byte[] envelope = EnvelopeSealer.seal(NOTICE, ed25519Agency, List.of(region.certificate()),
                TestSecurityLabels.restricted());

        assertThat(opener.open(envelope, List.of(region)).label()).contains(TestSecurityLabels.restricted());
    }

    @Test
    void openWhenSecurityLabelUndecodableThenMalformed() throws Exception {
        Attribute notALabel = new Attribute(SecurityLabels.ID_AA_SECURITY_LABEL,
                new DERSet(new DERUTF8String("RESTRICTED")));
        byte[] signed = signedData(agency, "SHA256withECDSA", true, new AttributeTable(notALabel));

        assertThatExceptionOfType(EnvelopeException.class).isThrownBy(() -> openInnerSignedData(signed))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
                .withMessage("security label attribute is invalid");
    }

    @Test
    void openWhenSecurityLabelWithoutClassificationThenMalformed() throws Exception {
        Attribute noClassification = new Attribute(SecurityLabels.ID_AA_SECURITY_LABEL, new DERSet(
                new DERSet(new ASN1ObjectIdentifier(SecurityLabel.SYNERGIE_POLICY))));
        byte[] signed = signedData(agency, "SHA256withECDSA", true, new AttributeTable(noClassification));

        assertRejected(() -> openInnerSignedData(signed), Reason.MALFORMED);
    }

    @Test
    void openWhenRevocationCheckGivesReasonThenCertificateRevoked() {
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate()));
        List<X509Certificate> askedAbout = new ArrayList<>();
        List<Instant> askedAt = new ArrayList<>();

        assertThatExceptionOfType(EnvelopeException.class)
                .isThrownBy(() -> opener.open(envelope, List.of(region), (signer, signingTime) -> {
                    askedAbout.add(signer);
                    askedAt.add(signingTime);
                    return Optional.of("revoked: keyCompromise");
                }))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.CERTIFICATE_REVOKED))
                .withMessage("signer certificate revoked: keyCompromise");
        assertThat(askedAbout).containsExactly(agency.certificate());
        assertThat(askedAt).singleElement().satisfies(t -> assertThat(t).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES)));
    }

    @Test
    void openWhenRevocationCheckGivesNothingThenOpened() {
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate()));

        OpenedEnvelope opened = opener.open(envelope, List.of(region), (signer, signingTime) -> Optional.empty());

        assertThat(opened.content()).isEqualTo(NOTICE);
    }

    @Test
    void openWhenChainFailsThenRevocationCheckNotAsked() {
        KeyCredential impostor = TestCredentials.agency("FR-DGPN").issuedBy(TestCredentials.ca("Rogue Root")).build();
        byte[] envelope = EnvelopeSealer.seal(NOTICE, impostor, List.of(region.certificate()));
        List<X509Certificate> askedAbout = new ArrayList<>();

        assertRejected(() -> opener.open(envelope, List.of(region), (signer, signingTime) -> {
            askedAbout.add(signer);
            return Optional.of("revoked: keyCompromise");
        }), Reason.UNKNOWN_SIGNER);
        assertThat(askedAbout).isEmpty();
    }

    @Test
    void openWhenOriginatorIsAlsoRecipientThenOriginatorCanRead() {
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate(), agency.certificate()));

        OpenedEnvelope opened = opener.open(envelope, List.of(agency));

        assertThat(opened.content()).isEqualTo(NOTICE);
        assertThat(opened.recipient()).isEqualTo(agency.certificate());
    }

    @Test
    void openWhenOriginatorRequiredAndAmongRecipientsThenOpenedWithRegionKey() {
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate(), agency.certificate()));

        assertThat(exchange.open(envelope, List.of(region)).content()).isEqualTo(NOTICE);
    }

    @Test
    void openWhenOriginatorRequiredButSealedForRegionOnlyThenOriginatorNotARecipient() {
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate()));

        assertRejected(() -> exchange.open(envelope, List.of(region)), Reason.ORIGINATOR_NOT_A_RECIPIENT);
        assertThat(opener.open(envelope, List.of(region)).content()).isEqualTo(NOTICE);
    }

    @Test
    void openWhenOriginatorRequiredAndEd25519SignerThenOriginatorNotARecipient() {
        KeyCredential ed25519Agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).keyPair(Keys.generateEd25519()).build();
        byte[] envelope = EnvelopeSealer.seal(NOTICE, ed25519Agency, List.of(region.certificate()));

        assertThatExceptionOfType(EnvelopeException.class).isThrownBy(() -> exchange.open(envelope, List.of(region)))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.ORIGINATOR_NOT_A_RECIPIENT))
                .withMessageContaining("cannot do key agreement");
    }

    @Test
    void openWhenOriginatorRecipientNamesAnotherSerialAfterSealingThenOriginatorNotARecipient() throws Exception {
        // Recipient infos are outside the signature and the GCM tag: the envelope still opens for the region.
        byte[] envelope = rewriteOriginatorRecipient(
                EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate(), agency.certificate())),
                (kari, key) -> new RecipientEncryptedKey(new KeyAgreeRecipientIdentifier(new IssuerAndSerialNumber(
                        key.getIdentifier().getIssuerAndSerialNumber().getName(), java.math.BigInteger.TEN)),
                        key.getEncryptedKey()), kari -> kari.getOriginator());

        assertThat(opener.open(envelope, List.of(region)).content()).isEqualTo(NOTICE);
        assertThatExceptionOfType(EnvelopeException.class).isThrownBy(() -> exchange.open(envelope, List.of(region)))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.ORIGINATOR_NOT_A_RECIPIENT))
                .withMessage("no key-agreement recipient names the signer's own certificate");
    }

    @Test
    void openWhenOriginatorWrappedKeyCutAfterSealingThenOriginatorNotARecipient() throws Exception {
        byte[] envelope = rewriteOriginatorRecipient(
                EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate(), agency.certificate())),
                (kari, key) -> new RecipientEncryptedKey(key.getIdentifier(),
                        new DEROctetString(Arrays.copyOf(key.getEncryptedKey().getOctets(), 24))),
                kari -> kari.getOriginator());

        assertThatExceptionOfType(EnvelopeException.class).isThrownBy(() -> exchange.open(envelope, List.of(region)))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.ORIGINATOR_NOT_A_RECIPIENT))
                .withMessage("the originator's wrapped content key has the wrong length");
    }

    @Test
    void openWhenOriginatorEphemeralKeyOffTheCurveThenOriginatorNotARecipient() throws Exception {
        byte[] envelope = rewriteOriginatorRecipient(
                EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate(), agency.certificate())),
                (kari, key) -> key,
                kari -> {
                    OriginatorPublicKey ephemeral = kari.getOriginator().getOriginatorKey();
                    byte[] point = ephemeral.getPublicKeyData().getOctets();
                    point[point.length - 1] ^= 1; // y no longer matches x
                    return new OriginatorIdentifierOrKey(new OriginatorPublicKey(ephemeral.getAlgorithm(), point));
                });

        assertThatExceptionOfType(EnvelopeException.class).isThrownBy(() -> exchange.open(envelope, List.of(region)))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.ORIGINATOR_NOT_A_RECIPIENT))
                .withMessageContaining("not a point of the signer's curve");
    }

    @Test
    void openWhenNestedTenThousandLevelsDeepThenMalformedNotStackOverflow() {
        byte[] nested = eu.synergie.crypto.asn1.DerMutator.nestedDefinite(10_000);

        assertThatExceptionOfType(EnvelopeException.class).isThrownBy(() -> exchange.open(nested, List.of(region)))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
                .withMessage("envelope is not a DER CMS ContentInfo: elements are nested more than 64 levels deep");
    }

    @Test
    void openWhenSignerCertificateHidesDeepNestingInOctetStringSegmentsThenMalformedNotStackOverflow() {
        byte[] signedData = HiddenNesting.inBasicConstraints(EnvelopeSealer.sign(NOTICE, agency));

        assertThatExceptionOfType(EnvelopeException.class).isThrownBy(() -> openInnerSignedData(signedData))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
                .withMessage("decrypted content is not a DER CMS ContentInfo: elements are nested more than 64 levels deep");
    }

    /** The envelope with the agency's own key-agreement recipient changed, as anyone on the way could. */
    private byte[] rewriteOriginatorRecipient(byte[] envelope,
            java.util.function.BiFunction<KeyAgreeRecipientInfo, RecipientEncryptedKey, RecipientEncryptedKey> keyChange,
            java.util.function.Function<KeyAgreeRecipientInfo, OriginatorIdentifierOrKey> originatorChange)
            throws Exception {
        ContentInfo outer = ContentInfo.getInstance(envelope);
        AuthEnvelopedData data = AuthEnvelopedData.getInstance(outer.getContent());
        ASN1EncodableVector infos = new ASN1EncodableVector();
        for (org.bouncycastle.asn1.ASN1Encodable encodable : data.getRecipientInfos()) {
            KeyAgreeRecipientInfo kari = (KeyAgreeRecipientInfo) RecipientInfo.getInstance(encodable).getInfo();
            RecipientEncryptedKey key = RecipientEncryptedKey.getInstance(kari.getRecipientEncryptedKeys().getObjectAt(0));
            if (key.getIdentifier().getIssuerAndSerialNumber().getSerialNumber().getValue()
                    .equals(agency.certificate().getSerialNumber())) {
                kari = new KeyAgreeRecipientInfo(originatorChange.apply(kari), kari.getUserKeyingMaterial(),
                        kari.getKeyEncryptionAlgorithm(), new DERSequence(keyChange.apply(kari, key)));
            }
            infos.add(new RecipientInfo(kari));
        }
        AuthEnvelopedData changed = new AuthEnvelopedData(data.getOriginatorInfo(), new DERSet(infos),
                data.getAuthEncryptedContentInfo(), data.getAuthAttrs(), data.getMac(), data.getUnauthAttrs());
        return new ContentInfo(outer.getContentType(), changed).getEncoded(ASN1Encoding.DER);
    }

    @Test
    void openWhenSeveralKeysGivenThenUsesTheMatchingOne() {
        KeyCredential otherRegion = TestCredentials.region("EU-EAST").issuedBy(ca).build();
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate()));

        OpenedEnvelope opened = opener.open(envelope, List.of(otherRegion, region));

        assertThat(opened.recipient()).isEqualTo(region.certificate());
    }

    @Test
    void toStringWhenOpenedThenNoContent() {
        OpenedEnvelope opened = opener.open(EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate())),
                List.of(region));

        assertThat(opened.toString()).doesNotContain("secret plaintext marker").contains("contentLength=");
    }

    @Test
    void openWhenGarbageThenMalformed() {
        assertRejected(() -> opener.open("not a CMS structure".getBytes(StandardCharsets.UTF_8), List.of(region)),
                Reason.MALFORMED);
    }

    @Test
    void openWhenTruncatedThenMalformed() {
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate()));

        assertRejected(() -> opener.open(Arrays.copyOf(envelope, envelope.length - 20), List.of(region)),
                Reason.MALFORMED);
    }

    @Test
    void openWhenLargerThanLimitThenOversized() {
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate()));

        assertRejected(() -> new EnvelopeOpener(ca.certificate(), envelope.length - 1).open(envelope, List.of(region)),
                Reason.OVERSIZED);
    }

    @Test
    void openWhenKeyOfThirdPartyThenNotARecipient() {
        KeyCredential otherRegion = TestCredentials.region("EU-EAST").issuedBy(ca).build();
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate()));

        assertRejected(() -> opener.open(envelope, List.of(otherRegion)), Reason.NOT_A_RECIPIENT);
    }

    @Test
    void openWhenEncryptedContentFlippedThenTampered() {
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate()));
        byte[] ciphertext = AuthEnvelopedData.getInstance(ContentInfo.getInstance(envelope).getContent())
                .getAuthEncryptedContentInfo().getEncryptedContent().getOctets();
        byte[] tampered = envelope.clone();
        tampered[indexOf(envelope, ciphertext) + ciphertext.length / 2] ^= 0x01;

        assertRejected(() -> opener.open(tampered, List.of(region)), Reason.TAMPERED);
    }

    @Test
    void openWhenSignedDataDetachedThenUnsignedContent() throws Exception {
        byte[] detached = signedData(agency, "SHA256withECDSA", false);

        assertRejected(() -> openInnerSignedData(detached), Reason.UNSIGNED_CONTENT);
    }

    @Test
    void openWhenSignatureBytesAlteredThenSignatureInvalid() throws Exception {
        byte[] signed = EnvelopeSealer.sign(NOTICE, agency);
        byte[] signature = new CMSSignedData(signed).getSignerInfos().iterator().next().getSignature();
        byte[] altered = signed.clone();
        // The last byte of the ECDSA s value: the DER stays well formed, the signature does not verify.
        altered[indexOf(signed, signature) + signature.length - 1] ^= 0x01;

        assertRejected(() -> openInnerSignedData(altered), Reason.SIGNATURE_INVALID);
    }

    @Test
    void openWhenSignerAlreadySeenAndSignatureAlteredThenStillSignatureInvalid() throws Exception {
        // The first envelope leaves the signer's decoded certificate and verifier behind for reuse.
        assertThat(opener.open(EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate())), List.of(region))
                .signer()).isEqualTo(agency.certificate());
        byte[] signed = EnvelopeSealer.sign(NOTICE, agency);
        byte[] signature = new CMSSignedData(signed).getSignerInfos().iterator().next().getSignature();
        byte[] altered = signed.clone();
        altered[indexOf(signed, signature) + signature.length - 1] ^= 0x01;

        assertRejected(() -> openInnerSignedData(altered), Reason.SIGNATURE_INVALID);
        assertThat(openInnerSignedData(signed).content()).as("the unaltered one still opens").isEqualTo(NOTICE);
    }

    @Test
    void openWhenManyThreadsOpenSameSignersEnvelopesThenEachGetsItsOwnContent() throws Exception {
        KeyCredential other = TestCredentials.agency("BE-PJF").issuedBy(ca).build();
        List<byte[]> contents = new ArrayList<>();
        List<byte[]> envelopes = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            byte[] content = ("{\"id\":\"N-" + i + "\"}").getBytes(StandardCharsets.UTF_8);
            contents.add(content);
            envelopes.add(EnvelopeSealer.seal(content, i % 2 == 0 ? agency : other, List.of(region.certificate())));
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<OpenedEnvelope>> opened = new ArrayList<>();
            for (byte[] envelope : envelopes) {
                opened.add(pool.submit(() -> opener.open(envelope, List.of(region))));
            }
            for (int i = 0; i < opened.size(); i++) {
                OpenedEnvelope result = opened.get(i).get();
                assertThat(result.content()).isEqualTo(contents.get(i));
                assertThat(result.signer()).isEqualTo((i % 2 == 0 ? agency : other).certificate());
            }
        }
    }

    @Test
    void openWhenSigningCertificateV2NamesAnotherCertificateThenSignatureInvalid() throws Exception {
        KeyCredential sameKeyOtherCertificate = TestCredentials.agency("DE-BKA").issuedBy(ca)
                .keyPair(new KeyPair(agency.certificate().getPublicKey(), agency.privateKey())).build();
        byte[] signed = signedData(agency, "SHA256withECDSA", true,
                new AttributeTable(EnvelopeSealer.signingCertificateV2(sameKeyOtherCertificate.certificate())));

        assertRejected(() -> openInnerSignedData(signed), Reason.SIGNATURE_INVALID);
    }

    @Test
    void openWhenSignerIssuedByAnotherCaThenUnknownSigner() {
        CertificateAuthority rogue = TestCredentials.ca("Rogue Root");
        KeyCredential impostor = TestCredentials.agency("FR-DGPN").issuedBy(rogue).build();
        byte[] envelope = EnvelopeSealer.seal(NOTICE, impostor, List.of(region.certificate()));

        assertRejected(() -> opener.open(envelope, List.of(region)), Reason.UNKNOWN_SIGNER);
    }

    @Test
    void openWhenSignerIsRegionKeyAgreementCertificateThenUnknownSigner() {
        byte[] envelope = EnvelopeSealer.seal(NOTICE, region, List.of(region.certificate()));

        assertRejected(() -> opener.open(envelope, List.of(region)), Reason.UNKNOWN_SIGNER);
    }

    @Test
    void openWhenSignerCertificateExpiredThenCertificateExpired() {
        KeyCredential expired = TestCredentials.agency("FR-DGPN").issuedBy(ca)
                .issuedAt(Instant.now().minus(Duration.ofDays(10))).validFor(Duration.ofDays(1)).build();
        byte[] envelope = EnvelopeSealer.seal(NOTICE, expired, List.of(region.certificate()));

        assertRejected(() -> opener.open(envelope, List.of(region)), Reason.CERTIFICATE_EXPIRED);
    }

    @Test
    void openWhenSignerCertificateNotYetValidThenCertificateNotYetValid() {
        KeyCredential early = TestCredentials.agency("FR-DGPN").issuedBy(ca)
                .issuedAt(Instant.now().plus(Duration.ofDays(1))).build();
        byte[] envelope = EnvelopeSealer.seal(NOTICE, early, List.of(region.certificate()));

        assertRejected(() -> opener.open(envelope, List.of(region)), Reason.CERTIFICATE_NOT_YET_VALID);
    }

    @Test
    void openWhenEnvelopedDataWithCbcThenUnsupportedAlgorithm() throws Exception {
        KeyPair ephemeral = Keys.generateEcP256();
        CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF,
                ephemeral.getPrivate(), ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP)
                .addRecipient(region.certificate()).setProvider(BouncyCastle.PROVIDER));
        byte[] envelope = generator.generate(new CMSProcessableByteArray(EnvelopeSealer.sign(NOTICE, agency)),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(BouncyCastle.PROVIDER).build())
                .toASN1Structure().getEncoded(ASN1Encoding.DER);

        assertRejected(() -> opener.open(envelope, List.of(region)), Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void openWhenSha1DigestThenUnsupportedAlgorithm() throws Exception {
        byte[] sha1Signed = signedData(agency, "SHA1withECDSA", true);

        assertRejected(() -> openInnerSignedData(sha1Signed), Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void openWhenRsa2048SignerThenUnsupportedAlgorithm() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyCredential rsaAgency = TestCredentials.agency("FR-DGPN").issuedBy(ca).keyPair(rsa.generateKeyPair()).build();
        byte[] signed = signedData(rsaAgency, "SHA256withRSA", true);

        assertRejected(() -> openInnerSignedData(signed), Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void openWhenRejectedThenMessageNamesCheckWithoutPlaintext() {
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate()));

        assertThatExceptionOfType(EnvelopeException.class)
                .isThrownBy(() -> new EnvelopeOpener(TestCredentials.ca("Other Root").certificate())
                        .open(envelope, List.of(region)))
                .withMessage("signer certificate does not chain to the trust anchor")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret plaintext marker"));
    }

    private OpenedEnvelope openInnerSignedData(byte[] signedData) {
        return opener.open(EnvelopeSealer.encrypt(signedData, List.of(region.certificate())), List.of(region));
    }

    private static byte[] signedData(KeyCredential signer, String signatureAlgorithm, boolean encapsulate)
            throws Exception {
        return signedData(signer, signatureAlgorithm, encapsulate, null);
    }

    private static byte[] signedData(KeyCredential signer, String signatureAlgorithm, boolean encapsulate,
            AttributeTable extraSignedAttributes) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(extraSignedAttributes))
                .build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BouncyCastle.PROVIDER)
                        .build(signer.privateKey()), signer.certificate()));
        generator.addCertificates(new JcaCertStore(signer.chain()));
        return generator.generate(new CMSProcessableByteArray(NOTICE), encapsulate).getEncoded(ASN1Encoding.DER);
    }

    private static void assertRejected(ThrowingCallable open, Reason reason) {
        assertThatExceptionOfType(EnvelopeException.class).isThrownBy(open)
                .satisfies(e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("bytes not found");
    }
}
