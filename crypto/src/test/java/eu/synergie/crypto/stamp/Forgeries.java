package eu.synergie.crypto.stamp;

import eu.synergie.crypto.pki.KeyCredential;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * What a forger holding some other key of the exchange's PKI (an agency's) would append to a log the exchange
 * signs: a well-formed CMS SignedData, chain included. Shared with other modules' tests through crypto's test jar.
 */
public final class Forgeries {

    private Forgeries() {
    }

    /**
     * {@code signedData} (a genuine one) with its certificate set replaced by one "certificate" that is a SEQUENCE of
     * two INTEGERs: well nested, so it passes any structural check, and Bouncy Castle reads it only when the
     * signer's certificate is looked up, throwing an IllegalArgumentException there.
     */
    public static byte[] withJunkCertificate(byte[] signedData) {
        try {
            SignedData genuine = SignedData.getInstance(ContentInfo.getInstance(signedData).getContent());
            DERSet junk = new DERSet(new DERSequence(new ASN1Encodable[] {new ASN1Integer(1), new ASN1Integer(2)}));
            return new ContentInfo(CMSObjectIdentifiers.signedData, new SignedData(genuine.getDigestAlgorithms(),
                    genuine.getEncapContentInfo(), junk, null, genuine.getSignerInfos())).getEncoded(ASN1Encoding.DER);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot make the forged SignedData", e);
        }
    }

    public static byte[] signedData(KeyCredential credential, byte[] content) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(credential.privateKey()), credential.certificate()));
            generator.addCertificates(new JcaCertStore(credential.chain()));
            return generator.generate(new CMSProcessableByteArray(content), true).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the forged SignedData", e);
        }
    }
}
