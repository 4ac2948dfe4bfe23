package eu.synergie.crypto.asn1;

import java.util.HexFormat;
import java.util.List;

/**
 * Deep nesting hidden where a check of each element alone does not see it: split across the segments of a
 * constructed string (BER), which Bouncy Castle joins and parses later, out of sight, recursing once per level.
 * A hundred thousand levels overflow its thread's stack (a {@code StackOverflowError}, not an exception).
 * Shared with other modules' tests through crypto's test jar.
 */
public final class HiddenNesting {

    /** Deep enough to overflow Bouncy Castle's recursive parser on a default thread stack. */
    public static final int LEVELS = 100_000;
    /** As a streaming encoder would cut them. */
    public static final int SEGMENT = 1_000;

    private static final byte[] BASIC_CONSTRAINTS_OID = HexFormat.of().parseHex("0603551d13");
    private static final byte[] RSA_ENCRYPTION = HexFormat.of().parseHex("300d06092a864886f70d0101010500");

    private HiddenNesting() {
    }

    /**
     * {@code der} (a certificate, or any structure holding certificates such as a SignedData) with the value of
     * every BasicConstraints extension replaced by a constructed OCTET STRING whose segments join into
     * {@link #LEVELS} nested SEQUENCEs. X509CertificateObject's constructor parses that value.
     */
    public static byte[] inBasicConstraints(byte[] der) {
        return basicConstraintsReplaced(der, DerMutator.segmented(0x04, DerMutator.nestedDefinite(LEVELS), SEGMENT, false));
    }

    /**
     * {@code der} with the value of every BasicConstraints extension replaced by a primitive OCTET STRING holding
     * {@link #LEVELS} nested SEQUENCEs behind a header whose length runs one byte past the string: Bouncy Castle
     * compares it with the string's length before the header's, lets it pass, and recurses through the levels
     * before it finds the byte missing.
     */
    public static byte[] behindOverrunInBasicConstraints(byte[] der) {
        return basicConstraintsReplaced(der, DerMutator.element(0x04, DerMutator.behindOverrun(LEVELS, 1)));
    }

    private static byte[] basicConstraintsReplaced(byte[] der, byte[] replacement) {
        byte[] result = der;
        int replaced = 0;
        for (int skip = 0; ; skip++) {
            DerMutator.Node value = basicConstraintsValue(result, skip);
            if (value == null) {
                break;
            }
            if (value.end() - value.offset() < replacement.length) { // not one replaced already
                result = DerMutator.replace(result, value, replacement);
                replaced++;
            }
        }
        if (replaced == 0) {
            throw new IllegalArgumentException("no BasicConstraints extension found");
        }
        return result;
    }

    /**
     * A PKCS#10 request whose SubjectPublicKeyInfo is replaced by an RSA key (rsaEncryption) whose BIT STRING, in
     * constructed form, joins into {@link #LEVELS} nested SEQUENCEs: the key is parsed to check the request's
     * signature, before anything else is looked at.
     */
    public static byte[] inRequestKey(byte[] csr) {
        List<DerMutator.Node> nodes = DerMutator.nodes(csr);
        DerMutator.Node key = nodes.stream().filter(n -> n.tag() == 0x03).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no BIT STRING in the request"));
        DerMutator.Node keyInfo = nodes.stream()
                .filter(n -> n.tag() == 0x30 && n.offset() < key.offset() && n.end() >= key.end())
                .reduce((outer, inner) -> inner).orElseThrow();
        byte[] rsaKey = DerMutator.element(0x30, RSA_ENCRYPTION,
                DerMutator.segmented(0x03, DerMutator.nestedDefinite(LEVELS), SEGMENT, false));
        return DerMutator.replace(csr, keyInfo, rsaKey);
    }

    /** The value (OCTET STRING, primitive or constructed) of the {@code skip}-th BasicConstraints extension, or null. */
    private static DerMutator.Node basicConstraintsValue(byte[] der, int skip) {
        List<DerMutator.Node> nodes = DerMutator.nodes(der);
        int seen = 0;
        for (int i = 0; i < nodes.size(); i++) {
            DerMutator.Node node = nodes.get(i);
            if (node.tag() == 0x06 && matches(der, node.offset(), BASIC_CONSTRAINTS_OID) && seen++ == skip) {
                for (int j = i + 1; j < nodes.size(); j++) {
                    if (nodes.get(j).tag() == 0x04 || nodes.get(j).tag() == 0x24) {
                        return nodes.get(j);
                    }
                }
            }
        }
        return null;
    }

    private static boolean matches(byte[] der, int at, byte[] expected) {
        if (at + expected.length > der.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (der[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
