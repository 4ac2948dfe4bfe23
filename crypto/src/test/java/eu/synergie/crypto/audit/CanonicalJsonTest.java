package eu.synergie.crypto.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8785's own examples (sections 3.2.2, 3.2.3 and appendix B). */
class CanonicalJsonTest {

    @Test
    void stringWhenRfcSampleThenRfcOutput() {
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("numbers", List.of(1e30, 4.50, 6, 2e-3, 0.000000000000000000000000001));
        sample.put("string", "\u20ac$\u000f\nA'B\"\\\\\"/");
        sample.put("literals", Arrays.asList(null, true, false));

        assertThat(CanonicalJson.string(sample)).isEqualTo(
                "{\"literals\":[null,true,false],\"numbers\":[1e+30,4.5,6,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void stringWhenNamesOutsideAsciiThenSortedByUtf16CodeUnits() {
        Map<String, Object> names = new LinkedHashMap<>();
        names.put("\u20ac", "Euro Sign");
        names.put("\r", "Carriage Return");
        names.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        names.put("1", "One");
        names.put("\ud83d\ude00", "Emoji: Grinning Face");
        names.put("\u0080", "Control");
        names.put("\u00f6", "Latin Small Letter O With Diaeresis");

        assertThat(CanonicalJson.string(names)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @ParameterizedTest
    @CsvSource({
            "0000000000000000, 0", "8000000000000000, 0", "0000000000000001, 5e-324", "8000000000000001, -5e-324",
            "7fefffffffffffff, 1.7976931348623157e+308", "ffefffffffffffff, -1.7976931348623157e+308",
            "4340000000000000, 9007199254740992", "c340000000000000, -9007199254740992",
            "4430000000000000, 295147905179352830000", "44b52d02c7e14af5, 9.999999999999997e+22",
            "44b52d02c7e14af6, 1e+23", "44b52d02c7e14af7, 1.0000000000000001e+23",
            "444b1ae4d6e2ef4e, 999999999999999700000", "444b1ae4d6e2ef4f, 999999999999999900000",
            "444b1ae4d6e2ef50, 1e+21", "3eb0c6f7a0b5ed8c, 9.999999999999997e-7", "3eb0c6f7a0b5ed8d, 0.000001",
            "41b3de4355555553, 333333333.3333332", "41b3de4355555554, 333333333.33333325",
            "41b3de4355555555, 333333333.3333333", "41b3de4355555556, 333333333.3333334",
            "41b3de4355555557, 333333333.33333343", "becbf647612f3696, -0.0000033333333333333333",
            "43143ff3c1cb0959, 1424953923781206.2"})
    void numberWhenIeee754BitsThenEcmascriptText(String bits, String expected) {
        double value = ByteBuffer.wrap(HexFormat.of().parseHex(bits)).getDouble();

        assertThat(CanonicalJson.string(List.of(value))).isEqualTo("[" + expected + "]");
    }

    /**
     * 2,000 doubles (random bit patterns, and random decimals of 1 to 17 digits) with the text ECMAScript
     * writes for them, made with Node.js: {@code JSON.stringify(buffer.readDoubleBE(0))}. The same check passed
     * on 250,000 such vectors before this sample was kept.
     */
    @Test
    void numberWhenRandomDoublesThenSameTextAsEcmascript() throws Exception {
        List<String> vectors;
        try (var in = CanonicalJsonTest.class.getResourceAsStream("es6-numbers.txt")) {
            vectors = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).lines().toList();
        }
        assertThat(vectors).hasSize(2000);
        for (String vector : vectors) {
            String[] parts = vector.split(" ");
            double value = ByteBuffer.wrap(HexFormat.of().parseHex(parts[0])).getDouble();
            assertThat(CanonicalJson.string(List.of(value))).as(parts[0]).isEqualTo("[" + parts[1] + "]");
        }
    }

    @Test
    void numberWhenIntegerTypesThenSameAsTheDouble() {
        assertThat(CanonicalJson.string(List.of(42, 42L, (short) -7, 9007199254740992L))).isEqualTo("[42,42,-7,9007199254740992]");
    }

    @Test
    void stringWhenUnrepresentableThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJson.string(List.of(Double.NaN)));
        assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJson.string(List.of(Double.POSITIVE_INFINITY)));
        assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJson.string(List.of(9007199254740993L)))
                .withMessageContaining("2^53");
        assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJson.string("\ud83d"));
        assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJson.string(new Object()));
    }

    @Test
    void bytesThenUtf8OfTheText() {
        assertThat(CanonicalJson.bytes(Map.of("é", "€"))).isEqualTo("{\"é\":\"€\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
