package eu.synergie.crypto.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
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
    void sealWhenNoRecipientThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> EnvelopeSealer.seal(NOTICE, agency, List.of()));
    }
}
