package eu.synergie.crypto.envelope;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * An ESS security label (RFC 2634, section 5.4): the markings an originator binds into its
 * signature as the id-aa-securityLabel signed attribute, so they cannot be lowered on the way
 * without breaking the signature.
 *
 * <p>{@code classification} per ESS: 0 unmarked, 1 unclassified, 2 restricted, 3 confidential,
 * 4 secret, 5 top-secret (up to 256 for policy-defined levels); {@code privacyMark} is a UTF8String
 * or null; at most 64 categories. The categories are an ASN.1 SET, so their order carries no
 * meaning: they are kept sorted by type (then values), and a label reads back equal to the one sealed.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2634#section-5.4">RFC 2634, section 5.4</a>
 */
public record SecurityLabel(String policyId, int classification, String privacyMark,
        List<SecurityCategory> categories) {

    /**
     * The Synergie security policy. Minted once under the UUID arc {@code 2.25} (ITU-T X.667,
     * RFC 4122 section 4.1): the decimal value of the random UUID e471d949-8ca1-4cd9-9a76-d52dbe545f8d,
     * which needs no registration and will not collide with anyone's.
     */
    public static final String SYNERGIE_POLICY = "2.25.303655119694038011843743341639500062605";

    public static final int UNMARKED = 0;
    public static final int UNCLASSIFIED = 1;
    public static final int RESTRICTED = 2;
    public static final int CONFIDENTIAL = 3;
    public static final int SECRET = 4;
    public static final int TOP_SECRET = 5;

    // Upper bounds from the ESS module: ub-integer-options and ub-security-categories.
    private static final int MAX_CLASSIFICATION = 256;
    private static final int MAX_CATEGORIES = 64;

    public SecurityLabel {
        if (policyId == null || ASN1ObjectIdentifier.tryFromID(policyId) == null) {
            throw new IllegalArgumentException("security policy identifier is not an OID");
        }
        if (classification < 0 || classification > MAX_CLASSIFICATION) {
            throw new IllegalArgumentException("classification must be between 0 and " + MAX_CLASSIFICATION);
        }
        if (privacyMark != null && privacyMark.isEmpty()) {
            throw new IllegalArgumentException("privacy mark must be null or non-empty");
        }
        categories = Objects.requireNonNull(categories, "categories").stream()
                .sorted(Comparator.comparing(SecurityCategory::type).thenComparing(c -> c.values().toString()))
                .toList();
        if (categories.size() > MAX_CATEGORIES) {
            throw new IllegalArgumentException("at most " + MAX_CATEGORIES + " security categories");
        }
    }
}
