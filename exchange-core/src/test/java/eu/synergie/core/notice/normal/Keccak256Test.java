package eu.synergie.core.notice.normal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class Keccak256Test {

    private static String hex(String message) {
        return HexFormat.of().formatHex(Keccak256.hash(message.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void hashWhenEmptyThenKnownDigest() {
        assertThat(hex("")).isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }

    @Test
    void hashWhenAbcThenKnownDigestNotSha3() {
        // SHA3-256("abc") is 3a985da7…; Ethereum's Keccak differs only by its padding byte.
        assertThat(hex("abc")).isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    }

    @Test
    void hashWhenLongerThanOneBlockThenAbsorbsEveryBlock() {
        // 200 bytes span two 136-byte blocks; digest taken from Bouncy Castle's KeccakDigest(256).
        assertThat(hex("a".repeat(200))).isEqualTo("96ea54061def936c4be90b518992fdc6f12f535068a256229aca54267b4d084d");
    }
}
