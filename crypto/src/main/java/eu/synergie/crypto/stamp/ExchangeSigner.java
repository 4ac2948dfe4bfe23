package eu.synergie.crypto.stamp;

import eu.synergie.crypto.pki.BouncyCastle;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs what the exchange writes to its logs with its log-signing key: a CMS {@code SignedData} (RFC 5652),
 * ECDSA P-256 with SHA-256, whose signed attributes carry the content type, the digest, the signing time and
 * the CMS algorithm protection attribute (RFC 6211), with the signer's certificate chain inside so that a
 * verifier needs only the exchange root. {@code openssl cms -verify -CAfile root.pem} checks it too.
 *
 * <p>A signature rather than a MAC: these records are rare (trust changes, audit checkpoints), and anyone
 * holding only the exchange's root certificate (an auditor, a peer exchange) can check them.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5652">RFC 5652</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6211">RFC 6211</a>
 */
public final class ExchangeSigner {

    private static final String ALGORITHM = "SHA256withECDSA";

    private final KeyCredential credential;
    private final Clock clock;
    private final JcaCertStore chain;
    private final DigestCalculatorProvider digests;

    private ExchangeSigner(KeyCredential credential, Clock clock) {
        this.credential = credential;
        this.clock = clock;
        try {
            this.chain = new JcaCertStore(credential.chain());
            this.digests = new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build();
        } catch (CertificateEncodingException | OperatorCreationException e) {
            throw new IllegalArgumentException("the log signer's chain cannot be encoded", e);
        }
    }

    /**
     * @param credential a key with an exchange signing certificate ({@code OU=Exchange}) and its chain
     * @throws IllegalArgumentException if the certificate is not an exchange signing certificate
     */
    public static ExchangeSigner of(KeyCredential credential, Clock clock) {
        CertificateAuthority.exchangeSignerOf(credential.certificate());
        return new ExchangeSigner(credential, Objects.requireNonNull(clock, "clock"));
    }

    /** {@code content} inside a {@code SignedData} (encapsulated), DER. */
    public byte[] sign(byte[] content) {
        return generate(content, true);
    }

    /** A {@code SignedData} over {@code content} without it (detached), DER. */
    public byte[] signDetached(byte[] content) {
        return generate(content, false);
    }

    private byte[] generate(byte[] content, boolean encapsulate) {
        try {
            // The JDK's own ECDSA (SunEC) for the signature itself: a quarter of Bouncy Castle's time on this key, and
            // an audit checkpoint is signed while appends wait. The CMS structure around it is Bouncy Castle's.
            ContentSigner signer = new JcaContentSignerBuilder(ALGORITHM).build(credential.privateKey());
            AttributeTable signingTime = new AttributeTable(new Attribute(CMSAttributes.signingTime,
                    new DERSet(new Time(Date.from(clock.instant())))));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(digests)
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signingTime))
                    .build(signer, credential.certificate()));
            generator.addCertificates(chain);
            return generator.generate(new CMSProcessableByteArray(content), encapsulate).getEncoded();
        } catch (OperatorCreationException | CMSException | CertificateEncodingException | IOException e) {
            throw new IllegalStateException("cannot sign with the exchange's log-signing key", e);
        }
    }

    @Override
    public String toString() {
        return "ExchangeSigner[" + credential + "]";
    }
}
