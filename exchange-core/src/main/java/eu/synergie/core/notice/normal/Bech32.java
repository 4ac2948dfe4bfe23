package eu.synergie.core.notice.normal;

import java.util.Locale;
import java.util.Optional;

/**
 * Bitcoin SegWit addresses: bech32 (BIP-173) for witness version 0, bech32m (BIP-350) for versions 1 to 16.
 * The checksum is a BCH code over 5-bit groups, so any typo of up to four characters is caught.
 */
final class Bech32 {

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int BECH32 = 1;
    private static final int BECH32M = 0x2bc830a3;
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    private Bech32() {
    }

    /** Empty when {@code address} is a valid mainnet SegWit address, otherwise the check that failed. */
    static Optional<String> segwitProblem(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        // BIP-173: all lower or all upper case, never mixed.
        if (!address.equals(lower) && !address.equals(address.toUpperCase(Locale.ROOT))) {
            return Optional.of("bech32 mixes upper and lower case");
        }
        int separator = lower.lastIndexOf('1');
        if (lower.length() > 90 || separator != 2 || lower.length() - separator < 7) {
            return Optional.of("not a bech32 address");
        }
        int[] data = new int[lower.length() - separator - 1];
        for (int i = 0; i < data.length; i++) {
            data[i] = CHARSET.indexOf(lower.charAt(separator + 1 + i));
            if (data[i] < 0) {
                return Optional.of("not a bech32 address");
            }
        }
        int checksum = polymod(lower.substring(0, separator), data);
        if (checksum != BECH32 && checksum != BECH32M) {
            return Optional.of("bech32 checksum fails");
        }
        int version = data[0];
        int programLength = (data.length - 7) * 5 / 8;
        boolean paddingClean = (data.length - 7) * 5 % 8 < 5 && lastBitsZero(data);
        boolean valid = version <= 16 && paddingClean && programLength >= 2 && programLength <= 40
                && (version == 0 ? checksum == BECH32 && (programLength == 20 || programLength == 32) : checksum == BECH32M);
        return valid ? Optional.empty() : Optional.of("not a valid SegWit program");
    }

    private static int polymod(String hrp, int[] data) {
        int checksum = 1;
        for (int i = 0; i < hrp.length(); i++) {
            checksum = step(checksum, hrp.charAt(i) >> 5);
        }
        checksum = step(checksum, 0);
        for (int i = 0; i < hrp.length(); i++) {
            checksum = step(checksum, hrp.charAt(i) & 31);
        }
        for (int value : data) {
            checksum = step(checksum, value);
        }
        return checksum;
    }

    private static int step(int checksum, int value) {
        int top = checksum >>> 25;
        int next = ((checksum & 0x1ffffff) << 5) ^ value;
        for (int i = 0; i < 5; i++) {
            if (((top >> i) & 1) != 0) {
                next ^= GENERATOR[i];
            }
        }
        return next;
    }

    /** The bits left over when the program's 5-bit groups are regrouped into bytes must be zero (BIP-173). */
    private static boolean lastBitsZero(int[] data) {
        int spareBits = (data.length - 7) * 5 % 8;
        int lastGroup = data[data.length - 7];
        return (lastGroup & ((1 << spareBits) - 1)) == 0;
    }
}
