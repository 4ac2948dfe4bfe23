package eu.synergie.crypto.asn1;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.ASN1Integer;
import org.junit.jupiter.api.Test;

class TlvLimitsTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    @Test
    void checkWhenWellFormedDerThenAccepted() throws Exception {
        byte[] der = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
            new ASN1Integer(42), new DEROctetString(new byte[300]), new DERSequence()}).getEncoded(ASN1Encoding.DER);

        assertThatCode(() -> TlvLimits.check(der)).doesNotThrowAnyException();
    }

    @Test
    void checkWhenIndefiniteLengthsClosedThenAccepted() {
        assertThatCode(() -> TlvLimits.check(hex("30 80 02 01 01 30 80 00 00 00 00"))).doesNotThrowAnyException();
    }

    @Test
    void checkWhenNestedAtTheBoundThenAcceptedAndOneDeeperThenRefused() {
        assertThatCode(() -> TlvLimits.check(DerMutator.nestedDefinite(64))).doesNotThrowAnyException();
        assertRefused(DerMutator.nestedDefinite(65), "elements are nested more than 64 levels deep");
        assertRefused(DerMutator.nestedIndefinite(65), "elements are nested more than 64 levels deep");
    }

    @Test
    void checkWhenHundredThousandLevelsThenRefusedWithoutRecursion() {
        assertRefused(DerMutator.nestedDefinite(100_000), "elements are nested more than 64 levels deep");
        assertRefused(DerMutator.nestedIndefinite(100_000), "elements are nested more than 64 levels deep");
    }

    @Test
    void checkWhenDeepNestingInsideOctetStringThenRefused() {
        assertRefused(DerMutator.element(0x04, DerMutator.nestedDefinite(80)), "elements are nested more than 64 levels deep");
        // Cut off half-way: Bouncy Castle would still recurse through the first levels before noticing.
        byte[] nested = DerMutator.nestedIndefinite(80);
        byte[] cut = java.util.Arrays.copyOf(nested, 170);
        assertRefused(DerMutator.element(0x04, cut), "elements are nested more than 64 levels deep");
    }

    @Test
    void checkWhenOctetStringHoldsRandomBytesThenAccepted() {
        byte[] random = new byte[4096];
        new java.util.Random(7).nextBytes(random);
        random[0] = 0x30; // looks constructed, is not DER
        assertThatCode(() -> TlvLimits.check(DerMutator.element(0x04, random))).doesNotThrowAnyException();
    }

    @Test
    void checkWhenDeclaredLengthBeyondInputThenRefused() {
        assertRefused(hex("30 05 02 01 01"), "a declared length exceeds the input");
        assertRefused(hex("30 84 7f ff ff ff 02 01 01"), "a declared length exceeds the input");
        assertRefused(hex("30 84 ff ff ff ff 02 01 01"), "a declared length exceeds the input");
        assertRefused(hex("30 03 04 05 00 00 00 00 00"), "a declared length exceeds the input");
    }

    @Test
    void checkWhenLengthOfFiveOctetsOrReservedThenRefused() {
        assertRefused(hex("04 85 00 00 00 00 01 00"), "a length has more than four octets");
        assertRefused(hex("04 ff 00"), "a length has more than four octets");
    }

    @Test
    void checkWhenPrimitiveIndefiniteThenRefused() {
        assertRefused(hex("04 80 00 00"), "a primitive element has an indefinite length");
    }

    @Test
    void checkWhenEndOfContentsMisplacedThenRefused() {
        assertRefused(hex("00 00"), "end-of-contents outside an indefinite-length element");
        assertRefused(hex("30 02 00 00"), "end-of-contents outside an indefinite-length element");
        assertRefused(hex("30 80 02 01 01"), "an element runs past the end of its container");
    }

    @Test
    void checkWhenIndefiniteChildOverrunsDefiniteParentThenRefused() {
        assertRefused(hex("30 04 30 80 05 00 00 00"), "an element runs past the end of its container");
    }

    @Test
    void checkWhenTrailingDataOrEmptyOrCutThenRefused() {
        assertRefused(hex("05 00 05 00"), "data follows the encoded element");
        assertRefused(new byte[0], "the encoding is empty");
        assertRefused(hex("30"), "a length is cut off");
        assertRefused(hex("30 82 01"), "a length is cut off");
        assertRefused(hex("1f 81 81 81 81 01 00"), "a tag number is too long or cut off");
    }

    private static void assertRefused(byte[] encoding, String message) {
        assertThatExceptionOfType(MalformedEncodingException.class).isThrownBy(() -> TlvLimits.check(encoding))
                .withMessage(message);
    }
}
