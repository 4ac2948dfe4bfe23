package eu.synergie.core.notice;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The pseudonym of a protected person (issue 18): the role's prefix, a hyphen and the first 96 bits, in hexadecimal, of
 * HMAC-SHA256 under a key only the agency holds, over the role, the case reference and the agency's own id for the person. The
 * same person in the same case gets the same pseudonym, so that a case's notices stay readable together; across cases
 * the pseudonyms are unlinkable without the key (EDPB Guidelines 01/2025 on pseudonymisation). Only the agency's own
 * tooling computes one; the exchange only checks that what it receives has the form of one.
 */
public final class Pseudonyms {

    /** The algorithm of the agency's pseudonym key. */
    public static final String ALGORITHM = "HmacSHA256";

    private static final int HEX_DIGITS = 24;
    private static final Pattern FORM = Pattern.compile("(V|W|WB|I)-[0-9a-f]{" + HEX_DIGITS + "}");
    // Versioned, so that another construction can come without ever giving the same output for other inputs.
    private static final byte[] CONTEXT = "synergie-pseudonym-v1".getBytes(StandardCharsets.US_ASCII);

    private Pseudonyms() {
    }

    /**
     * The pseudonym of the person the agency knows as {@code localId} in case {@code caseRef}.
     *
     * @throws IllegalArgumentException if the case reference or the local id is blank, or the key is not an HMAC key
     */
    public static String of(ProtectedRole role, SecretKey key, String caseRef, String localId) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(key, "key");
        if (caseRef == null || caseRef.isBlank()) {
            throw new IllegalArgumentException("a protected person's pseudonym needs the notice's caseRef");
        }
        if (localId == null || localId.isBlank()) {
            throw new IllegalArgumentException("protection.localId is required: the agency's own id for the person");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(CONTEXT);
            // Each part with its length first: ("AB", "C") and ("A", "BC") must not give the same input.
            // The role too: the same person as witness and as informant must not be linkable across the two.
            for (String part : new String[] {role.name(), caseRef.strip(), localId.strip()}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                mac.update(bytes);
            }
            return role.prefix() + "-" + HexFormat.of().formatHex(mac.doFinal()).substring(0, HEX_DIGITS);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the pseudonym key is not an HMAC-SHA256 key", e);
        }
    }

    /** Whether {@code value} has the form of a pseudonym of {@code role}. */
    public static boolean isPseudonymOf(ProtectedRole role, String value) {
        return value != null && FORM.matcher(value).matches() && value.startsWith(role.prefix() + "-");
    }

    /** An example of the form, for messages: "W-" and 24 hexadecimal digits. */
    static String form(ProtectedRole role) {
        return role.prefix() + "- and " + HEX_DIGITS + " lowercase hexadecimal digits";
    }
}
