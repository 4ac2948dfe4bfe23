package eu.synergie.crypto.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Pkcs12;
import eu.synergie.crypto.pki.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeSealerTest {

    private static final byte[] NOTICE = "{\"id\":\"N-1\"}".getBytes(StandardCharsets.UTF_8);

    private final CertificateAuthority ca = TestCredentials.ca("Synergie Test Root");
    private final KeyCredential agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();
    private final KeyCredential region = TestCredentials.region("EU-WEST").issuedBy(ca).build();

    @Test
    void sealWhenSealedThenAuthEnvelopedDataWithOneKeyAgreementRecipientEach() throws Exception {
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate(), agency.certificate()));

        assertThat(ContentInfo.getInstance(envelope).getContentType()).isEqualTo(CMSObjectIdentifiers.authEnvelopedData);
        CMSAuthEnvelopedData parsed = new CMSAuthEnvelopedData(envelope);
        assertThat(parsed.getEncryptionAlgOID()).isEqualTo("2.16.840.1.101.3.4.1.46");
        assertThat(parsed.getRecipientInfos().getRecipients()).hasSize(2)
                .allSatisfy(r -> assertThat(r.getKeyEncryptionAlgOID()).isEqualTo("1.3.132.1.11.1"));
    }

    @Test
    void signWhenSignedThenProfileAttributesAndSignerChain() throws Exception {
        CMSSignedData signed = new CMSSignedData(EnvelopeSealer.sign(NOTICE, agency));
        SignerInformation signer = signed.getSignerInfos().iterator().next();
        AttributeTable attributes = signer.getSignedAttributes();

        assertThat(signer.getEncryptionAlgOID()).isEqualTo("1.2.840.10045.4.3.2");
        assertThat(signer.getDigestAlgOID()).isEqualTo("2.16.840.1.101.3.4.2.1");
        assertThat(attributes.toHashtable().keySet()).map(ASN1ObjectIdentifier.class::cast).containsExactlyInAnyOrder(
                CMSAttributes.contentType, CMSAttributes.messageDigest, CMSAttributes.signingTime,
                PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        assertThat(signed.getCertificates().getMatches(null)).hasSize(agency.chain().size());
        assertThat((byte[]) signed.getSignedContent().getContent()).isEqualTo(NOTICE);
    }

    @Test
    void signWhenSignedThenSigningCertificateV2HashesSignerCertificate() throws Exception {
        SignerInformation signer = new CMSSignedData(EnvelopeSealer.sign(NOTICE, agency))
                .getSignerInfos().iterator().next();
        Attribute attribute = signer.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
        ESSCertIDv2 certId = SigningCertificateV2.getInstance(value).getCerts()[0];

        assertThat(certId.getHashAlgorithm().getAlgorithm().getId()).isEqualTo("2.16.840.1.101.3.4.2.1");
        assertThat(certId.getCertHash())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(agency.certificate().getEncoded()));
        assertThat(certId.getIssuerSerial().getSerial().getValue()).isEqualTo(agency.certificate().getSerialNumber());
    }

    @Test
    void signWhenEd25519SignerThenPureEd25519OverSha512Digest() throws Exception {
        KeyCredential ed25519Agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).keyPair(Keys.generateEd25519()).build();

        SignerInformation signer = new CMSSignedData(EnvelopeSealer.sign(NOTICE, ed25519Agency))
                .getSignerInfos().iterator().next();

        assertThat(signer.getEncryptionAlgOID()).isEqualTo("1.3.101.112");
        assertThat(signer.getEncryptionAlgParams()).isNull();
        assertThat(signer.getDigestAlgOID()).isEqualTo("2.16.840.1.101.3.4.2.3");
        assertThat(signer.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2)).isNotNull();
    }

    @Test
    void sealWhenEd25519CredentialReadFromPkcs12ThenOpens(@TempDir Path directory) {
        KeyCredential ed25519Agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).keyPair(Keys.generateEd25519()).build();
        Path file = directory.resolve("agency.p12");
        Pkcs12.write(file, "fr-dgpn", ed25519Agency, "pw".toCharArray());

        byte[] envelope = EnvelopeSealer.seal(NOTICE, Pkcs12.read(file, "pw".toCharArray()), List.of(region.certificate()));

        assertThat(new EnvelopeOpener(ca.certificate()).open(envelope, List.of(region)).signer())
                .isEqualTo(ed25519Agency.certificate());
    }

    @Test
    void sealWhenEd25519SignerIsAlsoRecipientThenIllegalArgument() {
        KeyCredential ed25519Agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).keyPair(Keys.generateEd25519()).build();

        assertThatIllegalArgumentException().isThrownBy(() ->
                EnvelopeSealer.seal(NOTICE, ed25519Agency, List.of(region.certificate(), ed25519Agency.certificate())))
                .withMessage("recipient key is not an EC key on a named curve");
    }

    @Test
    void signWhenLabelledThenEssSecurityLabelSignedAttribute() throws Exception {
        SignerInformation signer = new CMSSignedData(EnvelopeSealer.sign(NOTICE, agency, TestSecurityLabels.restricted()))
                .getSignerInfos().iterator().next();
        Attribute attribute = signer.getSignedAttributes().get(new ASN1ObjectIdentifier("1.2.840.113549.1.9.16.2.2"));

        assertThat(attribute.getAttrValues().size()).isOne();
        ASN1Set label = ASN1Set.getInstance(attribute.getAttrValues().getObjectAt(0));
        // DER orders a SET by encoding: INTEGER, OBJECT IDENTIFIER, UTF8String, SET.
        assertThat(ASN1Integer.getInstance(label.getObjectAt(0)).intValueExact()).isEqualTo(2);
        assertThat(ASN1ObjectIdentifier.getInstance(label.getObjectAt(1)).getId()).isEqualTo(SecurityLabel.SYNERGIE_POLICY);
        assertThat(ASN1UTF8String.getInstance(label.getObjectAt(2)).getString()).isEqualTo("TLP:AMBER");
        ASN1Set categories = ASN1Set.getInstance(label.getObjectAt(3));
        assertThat(categories.size()).isEqualTo(2);
        byte[] category = ASN1Sequence.getInstance(categories.getObjectAt(0)).getEncoded(ASN1Encoding.DER);
        // type [0] IMPLICIT OBJECT IDENTIFIER (primitive 0x80), value [1] EXPLICIT (constructed 0xA1)
        // around a SEQUENCE OF UTF8String.
        assertThat(category[2]).isEqualTo((byte) 0x80);
        int value = 2 + 2 + category[3];
        assertThat(category[value]).isEqualTo((byte) 0xA1);
        assertThat(category[value + 2]).isEqualTo((byte) 0x30);
        assertThat(category[value + 4]).isEqualTo((byte) 0x0C);
    }

    @Test
    void sealWhenNoRecipientThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> EnvelopeSealer.seal(NOTICE, agency, List.of()));
    }
}
