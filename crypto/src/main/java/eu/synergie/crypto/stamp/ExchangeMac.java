package eu.synergie.crypto.stamp;

import eu.synergie.crypto.pki.BouncyCastle;
import static eu.synergie.crypto.stamp.StampException.Reason.FORGED;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.SecretKey;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAuthenticatedData;
import org.bouncycastle.cms.CMSAuthenticatedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.DefaultAuthenticatedAttributeTableGenerator;
import org.bouncycastle.cms.KEKRecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceCMSMacCalculatorBuilder;
import org.bouncycastle.cms.jcajce.JceKEKAuthenticatedRecipient;
import org.bouncycastle.cms.jcajce.JceKEKRecipientInfoGenerator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Authenticates what the exchange writes to its watchlists and alerts topics: a CMS {@code AuthenticatedData}
 * (RFC 5652, section 9) with HMAC-SHA256 (RFC 4231) over authenticated attributes that carry the content type,
 * the SHA-256 digest of the content and the time it was made (the signing-time attribute, RFC 5652 section
 * 11.3); the per-record MAC key is wrapped (AES-256 key wrap, RFC 3394) under the exchange's key, named in a
 * {@code KEKRecipientInfo}.
 *
 * <p>A MAC rather than a signature: alerts are written on the indexing path, one or more per hit, and are read
 * back only by the exchange itself; a MAC costs about a tenth of an ECDSA signature and verification, and no
 * one outside the exchange needs to check them.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5652#section-9">RFC 5652, section 9</a>
 */
public final class ExchangeMac {

    private final SecretKey key;
    private final byte[] keyId;
    private final Clock clock;
    private final DigestCalculatorProvider digests;

    /** @param key an AES-256 key that only the exchange holds */
    public ExchangeMac(SecretKey key, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        if (!"AES".equalsIgnoreCase(key.getAlgorithm()) || key.getEncoded() == null || key.getEncoded().length != 32) {
            throw new IllegalArgumentException("the log MAC key must be an AES-256 key");
        }
        this.keyId = keyIdOf(key);
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("no SHA-256 digest calculator", e);
        }
    }

    /** The content and when the exchange authenticated it (by its own clock: an authenticated attribute). */
    public record Authenticated(byte[] content, Instant at) {
    }

    /** {@code content} inside an {@code AuthenticatedData}, DER. */
    public byte[] seal(byte[] content) {
        try {
            CMSAuthenticatedDataGenerator generator = new CMSAuthenticatedDataGenerator();
            generator.addRecipientInfoGenerator(new JceKEKRecipientInfoGenerator(keyId, key).setProvider(BouncyCastle.PROVIDER));
            generator.setAuthenticatedAttributeGenerator(new DefaultAuthenticatedAttributeTableGenerator(new AttributeTable(
                    new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(clock.instant())))))));
            return generator.generate(new CMSProcessableByteArray(content),
                    new JceCMSMacCalculatorBuilder(PKCSObjectIdentifiers.id_hmacWithSHA256).setProvider(BouncyCastle.PROVIDER).build(),
                    digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256))).getEncoded();
        } catch (CMSException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot authenticate a record with the exchange's log key", e);
        }
    }

    /**
     * The content of an {@code AuthenticatedData} made by {@link #seal} with this key, once its MAC is checked.
     *
     * @throws StampException for any record that is not one the exchange authenticated: never another exception
     */
    public Authenticated open(byte[] der) {
        try {
            return checked(der);
        } catch (StampException e) {
            throw e;
        } catch (RuntimeException e) {
            // Bouncy Castle parses lazily: a part it cannot read (the authenticated attributes, the recipient infos)
            // fails only when it is reached, with whatever runtime exception the accessor throws.
            throw new StampException(FORGED, "the AuthenticatedData is malformed", e);
        }
    }

    private Authenticated checked(byte[] der) {
        ContentInfo info = StampedRecord.contentInfo(der, CMSObjectIdentifiers.authenticatedData, "AuthenticatedData");
        CMSAuthenticatedData authenticated;
        try {
            authenticated = new CMSAuthenticatedData(info, digests);
        } catch (CMSException | RuntimeException e) {
            throw new StampException(FORGED, "the AuthenticatedData is malformed", e);
        }
        if (!PKCSObjectIdentifiers.id_hmacWithSHA256.getId().equals(authenticated.getMacAlgOID())) {
            throw new StampException(FORGED, "the MAC is not HMAC-SHA256");
        }
        AttributeTable attributes = authenticated.getAuthAttrs();
        if (attributes == null) {
            throw new StampException(FORGED, "the MAC covers no authenticated attributes");
        }
        RecipientInformation recipient = authenticated.getRecipientInfos().get(new KEKRecipientId(keyId));
        if (recipient == null) {
            throw new StampException(FORGED, "the record is not authenticated under the exchange's key");
        }
        byte[] content;
        try {
            content = recipient.getContent(new JceKEKAuthenticatedRecipient(key).setProvider(BouncyCastle.PROVIDER));
        } catch (CMSException | RuntimeException e) {
            throw new StampException(FORGED, "the MAC key cannot be unwrapped with the exchange's key", e);
        }
        // BC computes both values; comparing them is ours to do, in constant time.
        if (!MessageDigest.isEqual(authenticated.getMac(), recipient.getMac())) {
            throw new StampException(FORGED, "the MAC does not verify");
        }
        if (!MessageDigest.isEqual(authenticated.getContentDigest(), recipient.getContentDigest())) {
            throw new StampException(FORGED, "the content does not match its authenticated digest");
        }
        Attribute time = attributes.get(CMSAttributes.signingTime);
        if (time == null || time.getAttrValues().size() != 1) {
            throw new StampException(FORGED, "the record carries no authenticated time");
        }
        try {
            return new Authenticated(content, Time.getInstance(time.getAttrValues().getObjectAt(0)).getDate().toInstant());
        } catch (RuntimeException e) {
            throw new StampException(FORGED, "the authenticated time cannot be read", e);
        }
    }

    /** Names the key without revealing it: a hash of it, so that a rotated key gets another name. */
    private static byte[] keyIdOf(SecretKey key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return ("synergie-log-mac-" + HexFormat.of().formatHex(hash, 0, 8)).getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ExchangeMac[" + new String(keyId, StandardCharsets.US_ASCII) + "]";
    }
}
