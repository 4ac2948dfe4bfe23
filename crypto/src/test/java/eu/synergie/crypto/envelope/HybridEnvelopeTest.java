package eu.synergie.crypto.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import eu.synergie.crypto.envelope.EnvelopeException.Reason;
import eu.synergie.crypto.envelope.EnvelopeOpener.Originator;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import eu.synergie.crypto.pki.BouncyCastle;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKEMRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.junit.jupiter.api.Test;

/**
 * The hybrid profile's acceptance checks that live in crypto: an envelope opens with both the ECDH and the ML-KEM
 * key and with neither alone; a removed or altered ML-DSA countersignature or ECDSA signature is refused with its own
 * reason.
 */
class HybridEnvelopeTest {

    private static final byte[] NOTICE = "{\"noticeId\":\"N-1\",\"tlp\":\"AMBER\"}".getBytes(StandardCharsets.UTF_8);

    private final CertificateAuthority ca = TestCredentials.ca("Synergie Test Root");
    private final CertificateAuthority pqCa = TestCredentials.mlDsaCa("Synergie Test ML-DSA Root");
    private final KeyCredential agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();
    private final KeyCredential agencyPq = TestCredentials.agency("FR-DGPN").issuedBy(pqCa)
            .keyPair(Keys.generateMlDsa65()).build();
    private final KeyCredential agencyKem = TestCredentials.agencyKem("FR-DGPN").issuedBy(pqCa).build();
    private final KeyCredential region = TestCredentials.region("EU-WEST").issuedBy(ca).build();
    private final KeyCredential regionKem = TestCredentials.regionKem("EU-WEST").issuedBy(pqCa).build();
    private final List<HybridRecipient> recipients = List.of(
            new HybridRecipient(region.certificate(), regionKem.certificate()),
            new HybridRecipient(agency.certificate(), agencyKem.certificate()));
    private final HybridEnvelopeOpener opener = new HybridEnvelopeOpener(ca.certificate(), pqCa.certificate(),
            EnvelopeOpener.DEFAULT_MAX_ENVELOPE_BYTES, Originator.MUST_BE_RECIPIENT);

    @Test
    void openWhenBothKeysThenContentSignerLabelAndRecipient() {
        byte[] envelope = seal();

        OpenedEnvelope opened = opener.open(envelope, List.of(region, regionKem));

        assertThat(opened.content()).isEqualTo(NOTICE);
        assertThat(opened.signer()).isEqualTo(agency.certificate());
        assertThat(opened.recipient()).isEqualTo(region.certificate());
        assertThat(opened.label()).contains(TestSecurityLabels.restricted());
        assertThat(EnvelopeProfile.of(envelope)).isEqualTo(EnvelopeProfile.HYBRID);
    }

    @Test
    void openWhenOriginatorsOwnKeysThenOpens() {
        assertThat(opener.open(seal(), List.of(agencyKem, agency)).recipient()).isEqualTo(agency.certificate());
    }

    @Test
    void openWhenOnlyEcdhKeyThenNotARecipient() {
        assertRefused(seal(), List.of(region), Reason.NOT_A_RECIPIENT, "no ML-KEM recipient");
    }

    @Test
    void openWhenOnlyMlKemKeyThenNotARecipient() {
        assertRefused(seal(), List.of(regionKem), Reason.NOT_A_RECIPIENT, "no key-agreement recipient");
    }

    @Test
    void classicalOpenerWhenHybridEnvelopeThenNotARecipientEvenWithTheEcdhKey() {
        assertThatExceptionOfType(EnvelopeException.class)
                .isThrownBy(() -> new EnvelopeOpener(ca.certificate()).open(seal(), List.of(region, regionKem)))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_RECIPIENT));
    }

    @Test
    void openWhenAnotherMlKemPrivateKeyUnderTheRecipientCertificateThenTampered() {
        KeyCredential impostor = new KeyCredential(Keys.generateMlKem768().getPrivate(), regionKem.chain());

        assertRefused(seal(), List.of(region, impostor), Reason.TAMPERED, "ML-KEM layer");
    }

    @Test
    void openWhenMlKemLayerHoldsTheSignedDataItselfThenUnsupportedAlgorithm() {
        byte[] kemOnly = HybridEnvelopeSealer.encapsulate(hybridSignedData(), List.of(regionKem.certificate()));

        assertRefused(kemOnly, List.of(region, regionKem), Reason.UNSUPPORTED_ALGORITHM, "not the ECDH authEnvelopedData");
    }

    @Test
    void sealWhenHybridThenOneEcdsaSignerCountersignedWithMlDsaAndBothChainsAmongTheCertificates() throws Exception {
        CMSSignedData signed = new CMSSignedData(hybridSignedData());

        SignerInformation signer = onlyElement(signed.getSignerInfos().getSigners());
        SignerInformation countersignature = onlyElement(signer.getCounterSignatures().getSigners());
        assertThat(signer.getEncryptionAlgOID()).isEqualTo(X9ObjectIdentifiers.ecdsa_with_SHA256.getId());
        assertThat(countersignature.getEncryptionAlgOID()).isEqualTo(NISTObjectIdentifiers.id_ml_dsa_65.getId());
        assertThat(countersignature.isCounterSignature()).isTrue();
        assertThat(countersignature.getSignedAttributes().get(CMSAttributes.contentType)).isNull();
        assertThat(signed.getCertificates().getMatches(null)).extracting(X509CertificateHolder::getEncoded)
                .contains(agency.certificate().getEncoded(), agencyPq.certificate().getEncoded());
    }

    @Test
    void openWhenMlDsaCountersignatureRemovedThenPqSignatureMissing() {
        byte[] stripped = withSigners(hybridSignedData(), signers -> List.of(withCountersignatures(signers.get(0), List.of())));

        assertRefused(rewrap(stripped), List.of(region, regionKem), Reason.PQ_SIGNATURE_MISSING,
                "no ML-DSA countersignature");
    }

    @Test
    void openWhenEcdsaSignatureRemovedAndTheCountersignatureLeftAsSignerThenClassicalSignatureMissing() {
        byte[] stripped = withSigners(hybridSignedData(), signers -> List.of(countersignatureOf(signers.get(0))));

        assertRefused(rewrap(stripped), List.of(region, regionKem), Reason.CLASSICAL_SIGNATURE_MISSING, "no classical");
    }

    @Test
    void openWhenMlDsaOnlySignedDataThenClassicalSignatureMissing() {
        byte[] mlDsaOnly = EnvelopeSealer.sign(NOTICE, agencyPq, TestSecurityLabels.restricted());

        assertRefused(rewrap(mlDsaOnly), List.of(region, regionKem), Reason.CLASSICAL_SIGNATURE_MISSING, "no classical");
    }

    // Stripping the ECDSA SignerInfo takes its countersignature with it: nothing is left to sign the content.
    @Test
    void openWhenEcdsaSignatureRemovedWithItsCountersignatureThenUnsignedContent() {
        byte[] stripped = withSigners(hybridSignedData(), signers -> List.of());

        assertRefused(rewrap(stripped), List.of(region, regionKem), Reason.UNSIGNED_CONTENT, "no signer");
    }

    @Test
    void openWhenMlDsaCountersignatureAlteredThenPqSignatureInvalid() {
        byte[] altered = withSigners(hybridSignedData(), signers -> List.of(withCountersignatures(signers.get(0),
                List.of(flipSignatureBit(countersignatureOf(signers.get(0)))))));

        assertRefused(rewrap(altered), List.of(region, regionKem), Reason.PQ_SIGNATURE_INVALID, "ML-DSA signer");
    }

    @Test
    void openWhenEcdsaSignatureAlteredThenSignatureInvalid() {
        byte[] altered = withSigners(hybridSignedData(), signers -> List.of(flipSignatureBit(signers.get(0))));

        assertRefused(rewrap(altered), List.of(region, regionKem), Reason.SIGNATURE_INVALID, "signature");
    }

    @Test
    void openWhenClassicalEnvelopeRewrappedWithoutMlDsaCountersignatureThenPqSignatureMissing() {
        byte[] classicalOnly = EnvelopeSealer.sign(NOTICE, agency, TestSecurityLabels.restricted());

        assertRefused(rewrap(classicalOnly), List.of(region, regionKem), Reason.PQ_SIGNATURE_MISSING,
                "no ML-DSA countersignature");
    }

    @Test
    void openWhenCountersignatureIsEcdsaThenPqSignatureMissing() throws Exception {
        byte[] signedData = countersigned(agency, agency, List.of(agency.certificate()));

        assertRefused(rewrap(signedData), List.of(region, regionKem), Reason.PQ_SIGNATURE_MISSING,
                "no ML-DSA countersignature");
    }

    @Test
    void openWhenTwoMlDsaCountersignaturesThenMalformed() {
        byte[] doubled = withSigners(hybridSignedData(), signers -> List.of(withCountersignatures(signers.get(0),
                List.of(countersignatureOf(signers.get(0)), countersignatureOf(signers.get(0))))));

        assertRefused(rewrap(doubled), List.of(region, regionKem), Reason.MALFORMED, "more than one countersignature");
    }

    // The first slice's form (two SignerInfos over the content) is no longer sealed, nor accepted.
    @Test
    void openWhenEcdsaAndMlDsaAreTwoSignersThenMalformed() throws Exception {
        CMSSignedData ecdsa = new CMSSignedData(EnvelopeSealer.sign(NOTICE, agency, TestSecurityLabels.restricted()));
        CMSSignedData mlDsa = new CMSSignedData(EnvelopeSealer.sign(NOTICE, agencyPq, TestSecurityLabels.restricted()));
        List<SignerInformation> both = new ArrayList<>(ecdsa.getSignerInfos().getSigners());
        both.addAll(mlDsa.getSignerInfos().getSigners());
        byte[] twoSigners = CMSSignedData.replaceSigners(ecdsa, new SignerInformationStore(both))
                .toASN1Structure().getEncoded(ASN1Encoding.DER);

        assertRefused(rewrap(twoSigners), List.of(region, regionKem), Reason.MALFORMED, "more than one signer");
    }

    @Test
    void openWhenMlDsaSignerIsAnotherAgencyThenPqSignatureInvalid() {
        KeyCredential otherPq = TestCredentials.agency("DE-BKA").issuedBy(pqCa).keyPair(Keys.generateMlDsa65()).build();
        byte[] signedData = HybridEnvelopeSealer.sign(NOTICE, agency, otherPq, TestSecurityLabels.restricted());

        assertRefused(rewrap(signedData), List.of(region, regionKem), Reason.PQ_SIGNATURE_INVALID, "another subject");
    }

    @Test
    void openWhenMlDsaSignerChainsToAnotherRootThenUnknownSigner() {
        CertificateAuthority otherPqCa = TestCredentials.mlDsaCa("Someone Else's ML-DSA Root");
        KeyCredential foreign = TestCredentials.agency("FR-DGPN").issuedBy(otherPqCa).keyPair(Keys.generateMlDsa65()).build();
        byte[] signedData = HybridEnvelopeSealer.sign(NOTICE, agency, foreign, TestSecurityLabels.restricted());

        assertRefused(rewrap(signedData), List.of(region, regionKem), Reason.UNKNOWN_SIGNER, "ML-DSA signer");
    }

    @Test
    void openWhenCountersignatureDoesNotNameTheClassicalCertificateThenPqSignatureInvalid() throws Exception {
        byte[] signedData = countersigned(agency, agencyPq, List.of(agencyPq.certificate()));

        assertRefused(rewrap(signedData), List.of(region, regionKem), Reason.PQ_SIGNATURE_INVALID,
                "does not name the classical signer's certificate");
    }

    // What a countersignature over the signature value alone would let through once ECDSA falls: the same agency,
    // another EC certificate under the ML-DSA countersignature than the one it names.
    @Test
    void openWhenCountersignatureNamesAnotherClassicalCertificateOfTheAgencyThenPqSignatureInvalid() throws Exception {
        KeyCredential otherEcKey = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();
        byte[] signedData = countersigned(otherEcKey, agencyPq, List.of(agencyPq.certificate(), agency.certificate()));

        assertRefused(rewrap(signedData), List.of(region, regionKem), Reason.PQ_SIGNATURE_INVALID,
                "does not name the classical signer's certificate");
    }

    @Test
    void openWhenClassicalSignerRevokedThenCertificateRevoked() {
        RevocationCheck revoked = (signer, time) -> signer.equals(agency.certificate())
                ? Optional.of("revoked: keyCompromise") : Optional.empty();

        assertThatExceptionOfType(EnvelopeException.class)
                .isThrownBy(() -> opener.open(seal(), List.of(region, regionKem), revoked))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CERTIFICATE_REVOKED);
                    assertThat(e.getMessage()).startsWith("signer certificate");
                });
    }

    @Test
    void openWhenMlDsaSignerRevokedThenCertificateRevoked() {
        RevocationCheck revoked = (signer, time) -> signer.equals(agencyPq.certificate())
                ? Optional.of("revoked: keyCompromise") : Optional.empty();

        assertThatExceptionOfType(EnvelopeException.class)
                .isThrownBy(() -> opener.open(seal(), List.of(region, regionKem), revoked))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CERTIFICATE_REVOKED);
                    assertThat(e.getMessage()).startsWith("ML-DSA signer certificate");
                });
    }

    @Test
    void openWhenOriginatorNotAmongEcdhRecipientsThenOriginatorNotARecipient() {
        byte[] envelope = HybridEnvelopeSealer.seal(NOTICE, agency, agencyPq,
                List.of(new HybridRecipient(region.certificate(), regionKem.certificate())), TestSecurityLabels.restricted());

        assertRefused(envelope, List.of(region, regionKem), Reason.ORIGINATOR_NOT_A_RECIPIENT, "signer's own certificate");
    }

    @Test
    void classicalEnvelopeWhenOpenedClassicallyThenStillOpensAndIsClassical() {
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate(), agency.certificate()),
                TestSecurityLabels.restricted());

        assertThat(new EnvelopeOpener(ca.certificate()).open(envelope, List.of(region)).content()).isEqualTo(NOTICE);
        assertThat(EnvelopeProfile.of(envelope)).isEqualTo(EnvelopeProfile.CLASSICAL);
        assertRefused(envelope, List.of(region, regionKem), Reason.NOT_A_RECIPIENT, "no ML-KEM recipient");
    }

    @Test
    void sealWhenMlKemCertificateIsAnEcdhOneThenRefused() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> HybridEnvelopeSealer.seal(NOTICE,
                agency, agencyPq, List.of(new HybridRecipient(region.certificate(), region.certificate())),
                TestSecurityLabels.restricted()));
    }

    @Test
    void openWhenTheMlKemLayerAlsoHasAnEcdhRecipientThenUnsupportedAlgorithm() throws Exception {
        byte[] inner = EnvelopeSealer.encrypt(hybridSignedData(), List.of(region.certificate(), agency.certificate()));
        CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(new JceKEMRecipientInfoGenerator(regionKem.certificate(), CMSAlgorithm.AES256_WRAP)
                .setKDF(CMSAlgorithm.SHA256_HKDF).setProvider(BouncyCastle.PROVIDER));
        java.security.KeyPair ephemeral = Keys.generateEcP256();
        generator.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF,
                ephemeral.getPrivate(), ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP).addRecipient(region.certificate())
                .setProvider(BouncyCastle.PROVIDER));
        byte[] envelope = generator.generate(new CMSProcessableByteArray(inner), (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(
                CMSAlgorithm.AES256_GCM).setProvider(BouncyCastle.PROVIDER).build()).toASN1Structure().getEncoded(ASN1Encoding.DER);

        assertThat(EnvelopeProfile.of(envelope)).as("claims hybrid").isEqualTo(EnvelopeProfile.HYBRID);
        assertRefused(envelope, List.of(region, regionKem), Reason.UNSUPPORTED_ALGORITHM, "not ML-KEM");
    }

    @Test
    void openWhenTheEcdhLayerAlsoHasAnMlKemRecipientThenUnsupportedAlgorithm() throws Exception {
        CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
        java.security.KeyPair ephemeral = Keys.generateEcP256();
        generator.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF,
                ephemeral.getPrivate(), ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP).addRecipient(region.certificate())
                .addRecipient(agency.certificate()).setProvider(BouncyCastle.PROVIDER));
        generator.addRecipientInfoGenerator(new JceKEMRecipientInfoGenerator(regionKem.certificate(), CMSAlgorithm.AES256_WRAP)
                .setKDF(CMSAlgorithm.SHA256_HKDF).setProvider(BouncyCastle.PROVIDER));
        byte[] inner = generator.generate(new CMSProcessableByteArray(hybridSignedData()), (OutputAEADEncryptor)
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM).setProvider(BouncyCastle.PROVIDER).build())
                .toASN1Structure().getEncoded(ASN1Encoding.DER);

        assertRefused(HybridEnvelopeSealer.encapsulate(inner, List.of(regionKem.certificate())), List.of(region, regionKem),
                Reason.UNSUPPORTED_ALGORITHM, "not ECDH");
    }

    @Test
    void openBothWhenOpenedThenNamesTheMlKemCertificateOfOursAndTheMlDsaSigner() {
        HybridEnvelopeOpener.Opened opened = opener.openBoth(seal(), List.of(region, regionKem), (signer, at) -> Optional.empty());

        assertThat(opened.kemRecipient()).isEqualTo(regionKem.certificate());
        assertThat(opened.postQuantumSigner()).isEqualTo(agencyPq.certificate());
    }

    private byte[] seal() {
        return HybridEnvelopeSealer.seal(NOTICE, agency, agencyPq, recipients, TestSecurityLabels.restricted());
    }

    private byte[] hybridSignedData() {
        return HybridEnvelopeSealer.sign(NOTICE, agency, agencyPq, TestSecurityLabels.restricted());
    }

    // A SignedData signed by classicalSigner and countersigned by counterSigner, whose SigningCertificateV2 names
    // the given certificates: the sealer's form with the parts a test needs to change.
    private static byte[] countersigned(KeyCredential classicalSigner, KeyCredential counterSigner,
            List<X509Certificate> named) throws Exception {
        CMSSignedData signed = EnvelopeSealer.signedData(NOTICE, classicalSigner, TestSecurityLabels.restricted(),
                counterSigner.chain());
        SignerInformation classical = onlyElement(signed.getSignerInfos().getSigners());
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(EnvelopeSealer.signerInfoGenerator(counterSigner,
                new AttributeTable(EnvelopeSealer.signingCertificateV2(named))));
        SignerInformation countersignedSigner = SignerInformation.addCounterSigners(classical,
                generator.generateCounterSigners(classical));
        return CMSSignedData.replaceSigners(signed, new SignerInformationStore(countersignedSigner))
                .toASN1Structure().getEncoded(ASN1Encoding.DER);
    }

    private byte[] rewrap(byte[] signedData) {
        return HybridEnvelopeSealer.rewrap(signedData, recipients);
    }

    private void assertRefused(byte[] envelope, List<KeyCredential> keys, Reason reason, String message) {
        assertThatExceptionOfType(EnvelopeException.class)
                .isThrownBy(() -> opener.open(envelope, keys))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    private static <T> T onlyElement(java.util.Collection<T> elements) {
        assertThat(elements).hasSize(1);
        return elements.iterator().next();
    }

    private static SignerInfo countersignatureOf(SignerInfo signer) {
        Attribute attribute = new AttributeTable(signer.getUnauthenticatedAttributes()).get(CMSAttributes.counterSignature);
        return SignerInfo.getInstance(attribute.getAttrValues().getObjectAt(0));
    }

    // The signer with its unsigned attributes replaced by one countersignature attribute holding these (none: no
    // unsigned attributes at all). Unsigned attributes are outside the signature: anyone can change them.
    private static SignerInfo withCountersignatures(SignerInfo signer, List<SignerInfo> countersignatures) {
        DERSet unsigned = countersignatures.isEmpty() ? null : new DERSet(new Attribute(CMSAttributes.counterSignature,
                new DERSet(countersignatures.toArray(ASN1Encodable[]::new))));
        return new SignerInfo(signer.getSID(), signer.getDigestAlgorithm(), signer.getAuthenticatedAttributes(),
                signer.getDigestEncryptionAlgorithm(), signer.getEncryptedDigest(), unsigned);
    }

    private static SignerInfo flipSignatureBit(SignerInfo signer) {
        byte[] signature = signer.getEncryptedDigest().getOctets();
        signature[signature.length / 2] ^= 0x01;
        return new SignerInfo(signer.getSID(), signer.getDigestAlgorithm(), signer.getAuthenticatedAttributes(),
                signer.getDigestEncryptionAlgorithm(), new DEROctetString(signature), signer.getUnauthenticatedAttributes());
    }

    // The same SignedData (content, certificates, digest algorithms) with its SignerInfos changed: what someone who
    // could decrypt an envelope could re-encrypt.
    private static byte[] withSigners(byte[] contentInfo, UnaryOperator<List<SignerInfo>> change) {
        SignedData signedData = SignedData.getInstance(ContentInfo.getInstance(contentInfo).getContent());
        List<SignerInfo> signers = new ArrayList<>();
        for (ASN1Encodable signer : signedData.getSignerInfos()) {
            signers.add(SignerInfo.getInstance(signer));
        }
        ASN1EncodableVector changed = new ASN1EncodableVector();
        change.apply(signers).forEach(changed::add);
        SignedData result = new SignedData(signedData.getDigestAlgorithms(), signedData.getEncapContentInfo(),
                signedData.getCertificates(), signedData.getCRLs(), new DERSet(changed));
        try {
            return new ContentInfo(CMSObjectIdentifiers.signedData, result).getEncoded(ASN1Encoding.DER);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
