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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.junit.jupiter.api.Test;

/**
 * The hybrid profile's acceptance checks that live in crypto: an envelope opens with both the ECDH and the ML-KEM
 * key and with neither alone; a removed or altered ML-DSA or ECDSA signature is refused with its own reason.
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
    void openWhenMlDsaSignatureRemovedThenPqSignatureMissing() {
        byte[] stripped = withSigners(hybridSignedData(), signers -> List.of(signers.get(classical(signers))));

        assertRefused(rewrap(stripped), List.of(region, regionKem), Reason.PQ_SIGNATURE_MISSING, "no ML-DSA signer");
    }

    @Test
    void openWhenEcdsaSignatureRemovedThenClassicalSignatureMissing() {
        byte[] stripped = withSigners(hybridSignedData(), signers -> List.of(signers.get(1 - classical(signers))));

        assertRefused(rewrap(stripped), List.of(region, regionKem), Reason.CLASSICAL_SIGNATURE_MISSING, "no classical");
    }

    @Test
    void openWhenMlDsaSignatureAlteredThenPqSignatureInvalid() {
        byte[] altered = withSigners(hybridSignedData(), signers -> {
            int pq = 1 - classical(signers);
            signers.set(pq, flipSignatureBit(signers.get(pq)));
            return signers;
        });

        assertRefused(rewrap(altered), List.of(region, regionKem), Reason.PQ_SIGNATURE_INVALID, "ML-DSA signer");
    }

    @Test
    void openWhenEcdsaSignatureAlteredThenSignatureInvalid() {
        byte[] altered = withSigners(hybridSignedData(), signers -> {
            int ecdsa = classical(signers);
            signers.set(ecdsa, flipSignatureBit(signers.get(ecdsa)));
            return signers;
        });

        assertRefused(rewrap(altered), List.of(region, regionKem), Reason.SIGNATURE_INVALID, "signature");
    }

    @Test
    void openWhenClassicalEnvelopeRewrappedWithoutMlDsaSignerThenPqSignatureMissing() {
        byte[] classicalOnly = EnvelopeSealer.sign(NOTICE, agency, TestSecurityLabels.restricted());

        assertRefused(rewrap(classicalOnly), List.of(region, regionKem), Reason.PQ_SIGNATURE_MISSING, "no ML-DSA signer");
    }

    @Test
    void openWhenMlDsaSignerIsAnotherAgencyThenPqSignatureInvalid() {
        KeyCredential otherPq = TestCredentials.agency("DE-BKA").issuedBy(pqCa).keyPair(Keys.generateMlDsa65()).build();
        byte[] signedData = EnvelopeSealer.sign(NOTICE, List.of(agency, otherPq), TestSecurityLabels.restricted());

        assertRefused(rewrap(signedData), List.of(region, regionKem), Reason.PQ_SIGNATURE_INVALID, "another subject");
    }

    @Test
    void openWhenMlDsaSignerChainsToAnotherRootThenUnknownSigner() {
        CertificateAuthority otherPqCa = TestCredentials.mlDsaCa("Someone Else's ML-DSA Root");
        KeyCredential foreign = TestCredentials.agency("FR-DGPN").issuedBy(otherPqCa).keyPair(Keys.generateMlDsa65()).build();
        byte[] signedData = EnvelopeSealer.sign(NOTICE, List.of(agency, foreign), TestSecurityLabels.restricted());

        assertRefused(rewrap(signedData), List.of(region, regionKem), Reason.UNKNOWN_SIGNER, "ML-DSA signer");
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

    private byte[] seal() {
        return HybridEnvelopeSealer.seal(NOTICE, agency, agencyPq, recipients, TestSecurityLabels.restricted());
    }

    private byte[] hybridSignedData() {
        return EnvelopeSealer.sign(NOTICE, List.of(agency, agencyPq), TestSecurityLabels.restricted());
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

    private static int classical(List<SignerInfo> signers) {
        return NISTObjectIdentifiers.id_ml_dsa_65.equals(signers.get(0).getDigestEncryptionAlgorithm().getAlgorithm()) ? 1 : 0;
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
