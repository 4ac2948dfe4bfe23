package eu.synergie.crypto.asn1;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
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
    void checkWhenDeepNestingSplitAcrossSegmentsOfConstructedStringThenRefused() {
        for (boolean indefinite : new boolean[] {false, true}) {
            for (int segment : new int[] {1, 3, 1_000}) {
                byte[] octets = DerMutator.segmented(0x04, DerMutator.nestedDefinite(80), segment, indefinite);
                byte[] bits = DerMutator.segmented(0x03, DerMutator.nestedIndefinite(80), segment, indefinite);
                assertRefused(DerMutator.element(0x30, octets), "elements are nested more than 64 levels deep");
                assertRefused(DerMutator.element(0x30, bits), "elements are nested more than 64 levels deep");
            }
        }
        assertRefused(DerMutator.segmented(0x04, DerMutator.nestedDefinite(HiddenNesting.LEVELS), HiddenNesting.SEGMENT, false),
                "elements are nested more than 64 levels deep");
    }

    @Test
    void checkWhenSegmentsAreThemselvesConstructedThenJoinedInOrder() {
        // 24 80 [24 05 [04 03 (30 03 30)] ] [04 03 (01 30 00)] 00 00: the nesting exists only once all is joined.
        byte[] nested = DerMutator.nestedDefinite(70);
        byte[] inner = DerMutator.segmented(0x04, Arrays.copyOf(nested, 50), 7, false);
        byte[] rest = DerMutator.element(0x04, Arrays.copyOfRange(nested, 50, nested.length));
        byte[] outer = DerMutator.element(0x24, inner, rest);

        assertRefused(outer, "elements are nested more than 64 levels deep");
        assertThatCode(() -> TlvLimits.check(DerMutator.element(0x24, DerMutator.segmented(0x04,
                DerMutator.nestedDefinite(40), 5, true), DerMutator.element(0x04, new byte[3])))).doesNotThrowAnyException();
    }

    @Test
    void checkWhenConstructedStringHoldsValidDerInSegmentsThenAccepted() throws Exception {
        byte[] der = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
            new ASN1Integer(42), new DEROctetString(new byte[300]), new DERSequence()}).getEncoded(ASN1Encoding.DER);

        for (int segment : new int[] {1, 16, 1_000}) {
            assertThatCode(() -> TlvLimits.check(DerMutator.segmented(0x04, der, segment, true))).doesNotThrowAnyException();
            assertThatCode(() -> TlvLimits.check(DerMutator.segmented(0x03, der, segment, false))).doesNotThrowAnyException();
        }
    }

    @Test
    void checkWhenConstructedStringHoldsAnotherTypeThenRefused() {
        assertRefused(hex("24 06 04 01 00 02 01 00"), "a constructed string holds an element of another type");
        assertRefused(hex("23 05 04 01 00 00 00"), "a constructed string holds an element of another type");
        assertRefused(hex("24 80 30 00 00 00"), "a constructed string holds an element of another type");
        assertRefused(hex("24 80 23 80 00 00 00 00"), "a constructed string holds an element of another type");
    }

    @Test
    void checkWhenStringsInJoinedStringsJoinAgainAndAgainThenRefusedBeyondFourTimesTheInput() {
        byte[] payload = new byte[20_000];
        byte[] nestedJoins = payload;
        for (int level = 0; level < 8; level++) {
            nestedJoins = DerMutator.segmented(0x04, nestedJoins, 4_000, false);
        }

        assertRefused(nestedJoins, "constructed strings join into more than 4 times the input");
        byte[] twice = DerMutator.segmented(0x04, DerMutator.segmented(0x04, payload, 4_000, false), 4_000, false);
        assertThatCode(() -> TlvLimits.check(twice)).doesNotThrowAnyException();
    }

    @Test
    void checkWhenDeepNestingHidesBehindALengthOverrunningItsStringThenRefused() {
        byte[] nested = DerMutator.nestedDefinite(80);
        for (long declared : new long[] {nested.length + 1, nested.length + 2, nested.length + 5, nested.length + 1_000,
            0x7fffffffL, 0xffffffffL}) {
            byte[] hidden = DerMutator.element(0x30, new byte[] {0x30, (byte) 0x84, (byte) (declared >>> 24),
                (byte) (declared >>> 16), (byte) (declared >>> 8), (byte) declared}, nested);
            assertRefused(DerMutator.element(0x04, hidden), "elements are nested more than 64 levels deep");
            assertRefused(DerMutator.element(0x03, new byte[1], hidden), "elements are nested more than 64 levels deep");
        }
        assertRefused(DerMutator.element(0x04, DerMutator.behindOverrun(80, 1)), "elements are nested more than 64 levels deep");
        // A tag number of five octets, which Bouncy Castle still reads (up to 31 bits), does not hide what follows.
        assertRefused(DerMutator.element(0x04, hex("3f 87 ff ff ff 7f 80"), DerMutator.nestedIndefinite(80)),
                "elements are nested more than 64 levels deep");
    }

    @Test
    void checkWhenDeepNestingInSecondElementOfStringThenRefused() {
        assertRefused(DerMutator.element(0x04, hex("05 00"), DerMutator.nestedDefinite(80)),
                "elements are nested more than 64 levels deep");
    }

    @Test
    void checkWhenStringsHoldRandomBytesOfAnySizeThenNeverRefused() {
        // What ciphertexts, digests, wrapped keys, Ed25519 keys and signatures look like: no walk of them as DER
        // may find them too deep, however they begin (half of all bytes look like a constructed header).
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(i % 100 == 0 ? 1 << 16 : 256)];
            random.nextBytes(bytes);
            int tag = random.nextBoolean() ? 0x04 : 0x03;
            byte[] string = tag == 0x03 ? DerMutator.element(tag, new byte[1], bytes) : DerMutator.element(tag, bytes);
            byte[] encoding = random.nextBoolean() ? string : DerMutator.segmented(tag, bytes, 1 + random.nextInt(64), false);
            assertThatCode(() -> TlvLimits.check(encoding, 24)).as("case %d", i).doesNotThrowAnyException();
        }
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
