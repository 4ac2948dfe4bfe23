package eu.synergie.core.notice.normal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Crypto-currency addresses, told apart by their chain's format. Base58 is case-sensitive, so those
 * addresses keep their case; bech32 and hex are not, and are lower-cased.
 */
final class Wallets {

    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final Pattern BASE58_TEXT = Pattern.compile("[" + BASE58 + "]+");
    private static final Pattern ETHEREUM = Pattern.compile("0[xX][0-9a-fA-F]{40}");
    private static final Pattern MONERO = Pattern.compile("[48][" + BASE58 + "]{94}");

    private Wallets() {
    }

    static NormalizedValue normalize(String value) {
        String text = value.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("bc1")) {
            return Bech32.segwitProblem(text).map(problem -> NormalizedValue.invalid(value, problem))
                    .orElseGet(() -> NormalizedValue.ok(lower));
        }
        if (ETHEREUM.matcher(text).matches()) {
            return ethereum(value, text.substring(2));
        }
        if (MONERO.matcher(text).matches()) {
            // Format only: Monero's checksum needs its own block-wise base58 decoding, not done here, so a
            // mistyped Monero address passes as valid.
            return NormalizedValue.ok(text);
        }
        if ((text.startsWith("1") || text.startsWith("3")) && text.length() >= 26 && text.length() <= 35) {
            return base58Check(value, text);
        }
        return NormalizedValue.invalid(value, "unrecognised wallet format");
    }

    /** EIP-55: in a mixed-case address, letter i is upper case exactly when nibble i of Keccak-256(address) is 8 or more. */
    private static NormalizedValue ethereum(String value, String hex) {
        String lower = hex.toLowerCase(Locale.ROOT);
        if (!hex.equals(lower) && !hex.equals(hex.toUpperCase(Locale.ROOT))) {
            byte[] hash = Keccak256.hash(lower.getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < hex.length(); i++) {
                char c = hex.charAt(i);
                int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
                if (Character.isLetter(c) && Character.isUpperCase(c) != nibble >= 8) {
                    return NormalizedValue.invalid(value, "EIP-55 checksum fails");
                }
            }
        }
        return NormalizedValue.ok("0x" + lower);
    }

    /** Legacy P2PKH ("1…") and P2SH ("3…"): version byte, 20-byte hash, first 4 bytes of SHA-256(SHA-256(both)). */
    private static NormalizedValue base58Check(String value, String text) {
        if (!BASE58_TEXT.matcher(text).matches()) {
            return NormalizedValue.invalid(value, "not base58");
        }
        byte[] bytes = base58(text);
        if (bytes.length != 25 || (bytes[0] != 0x00 && bytes[0] != 0x05)) {
            return NormalizedValue.invalid(value, "not a Bitcoin address");
        }
        byte[] checksum = sha256(sha256(Arrays.copyOf(bytes, 21)));
        if (!Arrays.equals(checksum, 0, 4, bytes, 21, 25)) {
            return NormalizedValue.invalid(value, "base58check checksum fails");
        }
        return NormalizedValue.ok(text);
    }

    private static byte[] base58(String text) {
        BigInteger number = BigInteger.ZERO;
        for (char c : text.toCharArray()) {
            number = number.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(BASE58.indexOf(c)));
        }
        byte[] magnitude = number.toByteArray();
        int signByte = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
        int leadingZeros = 0;
        while (leadingZeros < text.length() && text.charAt(leadingZeros) == '1') {
            leadingZeros++;
        }
        byte[] bytes = new byte[leadingZeros + magnitude.length - signByte];
        System.arraycopy(magnitude, signByte, bytes, leadingZeros, magnitude.length - signByte);
        return bytes;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
