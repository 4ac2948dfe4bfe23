package eu.synergie.crypto.envelope;

import static eu.synergie.crypto.envelope.EnvelopeException.Reason.MALFORMED;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;

/**
 * DER codec of the id-aa-securityLabel attribute (RFC 2634, section 5.4). The ESS module uses
 * implicit tags, but a category's value is an open type, so per RFC 5911 it is
 * {@code type [0] IMPLICIT OBJECT IDENTIFIER, value [1] EXPLICIT ANY}.
 */
final class SecurityLabels {

    // 1.2.840.113549.1.9.16.2.2; Bouncy Castle has no constant for it.
    static final ASN1ObjectIdentifier ID_AA_SECURITY_LABEL = PKCSObjectIdentifiers.id_aa.branch("2");

    private SecurityLabels() {
    }

    static Attribute attribute(SecurityLabel label) {
        ASN1EncodableVector fields = new ASN1EncodableVector();
        fields.add(new ASN1ObjectIdentifier(label.policyId()));
        fields.add(new ASN1Integer(label.classification()));
        if (label.privacyMark() != null) {
            fields.add(new DERUTF8String(label.privacyMark()));
        }
        // SecurityCategories is SET SIZE (1..ub): no categories means the field is absent.
        if (!label.categories().isEmpty()) {
            ASN1EncodableVector categories = new ASN1EncodableVector();
            for (SecurityCategory category : label.categories()) {
                ASN1EncodableVector values = new ASN1EncodableVector();
                category.values().forEach(value -> values.add(new DERUTF8String(value)));
                categories.add(new DERSequence(new ASN1Encodable[] {
                        new DERTaggedObject(false, 0, new ASN1ObjectIdentifier(category.type())),
                        new DERTaggedObject(true, 1, new DERSequence(values))}));
            }
            fields.add(new DERSet(categories));
        }
        // DERSet sorts its members as DER requires: verifiers such as OpenSSL re-encode the signed
        // attributes before checking the signature.
        return new Attribute(ID_AA_SECURITY_LABEL, new DERSet(new DERSet(fields)));
    }

    /** The label among {@code signedAttributes}, if any; one that is there but does not decode is MALFORMED. */
    static Optional<SecurityLabel> read(AttributeTable signedAttributes) {
        ASN1EncodableVector attributes = signedAttributes.getAll(ID_AA_SECURITY_LABEL);
        if (attributes.size() == 0) {
            return Optional.empty();
        }
        if (attributes.size() > 1) {
            throw new EnvelopeException(MALFORMED, "more than one security label attribute");
        }
        try {
            ASN1Set values = Attribute.getInstance(attributes.get(0)).getAttrValues();
            if (values.size() != 1) {
                throw new IllegalArgumentException("security label attribute has not exactly one value");
            }
            return Optional.of(label(ASN1Set.getInstance(values.getObjectAt(0))));
        } catch (RuntimeException e) {
            throw new EnvelopeException(MALFORMED, "security label attribute is invalid", e);
        }
    }

    // The members of a SET may come in any order; each is told apart by its universal tag.
    private static SecurityLabel label(ASN1Set fields) {
        String policy = null;
        Integer classification = null;
        String privacyMark = null;
        List<SecurityCategory> categories = null;
        for (ASN1Encodable field : fields) {
            switch (field.toASN1Primitive()) {
                case ASN1ObjectIdentifier id -> policy = once(policy, id.getId());
                case ASN1Integer level -> classification = once(classification, level.intValueExact());
                case ASN1UTF8String mark -> privacyMark = once(privacyMark, mark.getString());
                case ASN1PrintableString mark -> privacyMark = once(privacyMark, mark.getString());
                case ASN1Set set -> categories = once(categories, categories(set));
                default -> throw new IllegalArgumentException("unexpected security label field");
            }
        }
        if (classification == null) {
            throw new IllegalArgumentException("security label has no classification");
        }
        return new SecurityLabel(policy, classification, privacyMark, categories == null ? List.of() : categories);
    }

    private static List<SecurityCategory> categories(ASN1Set set) {
        List<SecurityCategory> categories = new ArrayList<>();
        for (ASN1Encodable element : set) {
            ASN1Sequence category = ASN1Sequence.getInstance(element);
            if (category.size() != 2) {
                throw new IllegalArgumentException("security category is not a type and a value");
            }
            ASN1ObjectIdentifier type = ASN1ObjectIdentifier.getInstance(
                    ASN1TaggedObject.getInstance(category.getObjectAt(0), BERTags.CONTEXT_SPECIFIC, 0), false);
            ASN1Sequence strings = ASN1Sequence.getInstance(
                    ASN1TaggedObject.getInstance(category.getObjectAt(1), BERTags.CONTEXT_SPECIFIC, 1), true);
            List<String> values = new ArrayList<>();
            for (ASN1Encodable string : strings) {
                values.add(ASN1UTF8String.getInstance(string).getString());
            }
            categories.add(new SecurityCategory(type.getId(), values));
        }
        return categories;
    }

    private static <T> T once(T current, T value) {
        if (current != null) {
            throw new IllegalArgumentException("repeated security label field");
        }
        return value;
    }
}
