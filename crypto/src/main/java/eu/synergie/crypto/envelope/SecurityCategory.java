package eu.synergie.crypto.envelope;

import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * One category of an ESS security label (RFC 2634, section 5.4; RFC 5911 for the tagging):
 * {@code type} is an OID, {@code values} are carried as a SEQUENCE OF UTF8String in the category's
 * value, for example the agencies a notice is releasable to.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2634#section-5.4">RFC 2634, section 5.4</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5911">RFC 5911</a>
 */
public record SecurityCategory(String type, List<String> values) {

    public SecurityCategory {
        if (type == null || ASN1ObjectIdentifier.tryFromID(type) == null) {
            throw new IllegalArgumentException("security category type is not an OID");
        }
        values = List.copyOf(values);
    }
}
