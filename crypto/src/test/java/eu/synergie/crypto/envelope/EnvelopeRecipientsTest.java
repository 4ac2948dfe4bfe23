package eu.synergie.crypto.envelope;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.TestCredentials;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who an envelope is for, read without opening it. */
class EnvelopeRecipientsTest {

    private static final byte[] ANSWER = "{\"identity\":{}}".getBytes(StandardCharsets.UTF_8);

    private final CertificateAuthority ca = TestCredentials.ca("Synergie Test Root");
    private final KeyCredential owner = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();
    private final KeyCredential requester = TestCredentials.agency("BE-PJF").issuedBy(ca).build();
    private final KeyCredential rollover = TestCredentials.agency("BE-PJF").issuedBy(ca).build();
    private final KeyCredential third = TestCredentials.agency("DE-BKA").issuedBy(ca).build();

    @Test
    void requireOnlyWhenEveryRecipientAllowedThenAccepted() {
        byte[] envelope = EnvelopeSealer.seal(ANSWER, owner, List.of(requester.certificate(), rollover.certificate()));

        assertThatCode(() -> EnvelopeRecipients.requireOnly(envelope, List.of(requester.certificate(), rollover.certificate())))
                .doesNotThrowAnyException();
    }

    @Test
    void requireOnlyWhenAThirdPartyOrTheSenderCanOpenItThenRefused() {
        byte[] withThird = EnvelopeSealer.seal(ANSWER, owner, List.of(requester.certificate(), third.certificate()));
        byte[] withSender = EnvelopeSealer.seal(ANSWER, owner, List.of(requester.certificate(), owner.certificate()));

        for (byte[] envelope : List.of(withThird, withSender)) {
            assertThatThrownBy(() -> EnvelopeRecipients.requireOnly(envelope, List.of(requester.certificate())))
                    .isInstanceOfSatisfying(EnvelopeException.class, e ->
                            org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.NOT_A_RECIPIENT))
                    .hasMessageContaining("1 of the envelope's 2 recipients");
        }
    }

    /**
     * A recipient Bouncy Castle's parser does not list (an OtherRecipientInfo of a type it does not know) could hold the
     * content key for anyone: refused, from the raw set.
     */
    @Test
    void requireOnlyWhenARecipientTheParserSkipsIsAddedThenRefused() throws Exception {
        byte[] envelope = EnvelopeSealer.seal(ANSWER, owner, List.of(requester.certificate()));
        org.bouncycastle.asn1.cms.ContentInfo outer = org.bouncycastle.asn1.cms.ContentInfo.getInstance(envelope);
        org.bouncycastle.asn1.cms.AuthEnvelopedData data = org.bouncycastle.asn1.cms.AuthEnvelopedData.getInstance(outer.getContent());
        org.bouncycastle.asn1.ASN1EncodableVector infos = new org.bouncycastle.asn1.ASN1EncodableVector();
        data.getRecipientInfos().forEach(infos::add);
        infos.add(new org.bouncycastle.asn1.cms.RecipientInfo(new org.bouncycastle.asn1.cms.OtherRecipientInfo(
                new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), new org.bouncycastle.asn1.DEROctetString(new byte[32]))));
        byte[] widened = new org.bouncycastle.asn1.cms.ContentInfo(outer.getContentType(), new org.bouncycastle.asn1.cms.AuthEnvelopedData(
                data.getOriginatorInfo(), new org.bouncycastle.asn1.DERSet(infos), data.getAuthEncryptedContentInfo(),
                data.getAuthAttrs(), data.getMac(), data.getUnauthAttrs())).getEncoded("DER");

        assertThatCode(() -> EnvelopeRecipients.requireOnly(envelope, List.of(requester.certificate()))).doesNotThrowAnyException();
        assertThatThrownBy(() -> EnvelopeRecipients.requireOnly(widened, List.of(requester.certificate())))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("not a key-agreement recipient");
    }

    @Test
    void requireOnlyWhenNotAnEnvelopeThenMalformed() {
        assertThatThrownBy(() -> EnvelopeRecipients.requireOnly(ANSWER, List.of(requester.certificate())))
                .isInstanceOfSatisfying(EnvelopeException.class, e ->
                        org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.MALFORMED));
        assertThatThrownBy(() -> EnvelopeRecipients.requireOnly(EnvelopeSealer.sign(ANSWER, owner), List.of(requester.certificate())))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("not authEnvelopedData");
    }
}
