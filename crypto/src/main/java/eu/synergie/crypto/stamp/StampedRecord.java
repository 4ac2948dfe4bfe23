package eu.synergie.crypto.stamp;

import static eu.synergie.crypto.stamp.StampException.Reason.UNSTAMPED;

import eu.synergie.crypto.asn1.TlvLimits;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.ContentInfo;

/** The first step of reading back a stamped record: a CMS {@code ContentInfo} of the expected type, or UNSTAMPED. */
final class StampedRecord {

    private StampedRecord() {
    }

    /**
     * Records come back from a topic anyone with write access can append to: the structure is checked
     * ({@link TlvLimits}: depth, lengths) before Bouncy Castle parses it, so junk is refused, never a stack overflow.
     */
    static ContentInfo contentInfo(byte[] der, ASN1ObjectIdentifier type, String typeName) {
        if (der == null || der.length == 0) {
            throw new StampException(UNSTAMPED, "the record is empty");
        }
        ContentInfo info;
        try {
            TlvLimits.check(der);
            info = ContentInfo.getInstance(der);
        } catch (RuntimeException e) { // TlvLimits' refusal, or whatever Bouncy Castle throws on a structure it cannot read
            throw new StampException(UNSTAMPED, "the record is not a CMS structure");
        }
        if (info == null || !type.equals(info.getContentType())) {
            throw new StampException(UNSTAMPED, "the record is not a CMS " + typeName);
        }
        return info;
    }
}
