package eu.synergie.crypto.stamp;

import eu.synergie.crypto.pki.KeyCredential;
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
