package eu.synergie.crypto.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import eu.synergie.crypto.pki.BouncyCastle;
import eu.synergie.crypto.pki.Keys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.SplittableRandom;
import javax.crypto.KDF;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The pair key: both sides derive the same period keys, checked against the JDK's own ECDH, HKDF and HMAC. */
class PairKeyTest {

    private static final KeyPair EU = Keys.generateEcP256();
    private static final KeyPair MED = Keys.generateEcP256();

    @Test
    void forPeriodWhenBothSidesAgreeThenTheSameKeyedHashes() {
        PairKey eu = PairKey.agree(EU.getPrivate(), MED.getPublic(), "EXCH-EU", "EXCH-MED");
        PairKey med = PairKey.agree(MED.getPrivate(), EU.getPublic(), "EXCH-MED", "EXCH-EU");

        SplittableRandom random = new SplittableRandom(0x9A1EL);
        for (int i = 0; i < 200; i++) {
            String period = "2026-W" + (1 + random.nextInt(52));
            String value = "PHONE:+336" + (10_000_000 + random.nextInt(89_999_999));
            assertThat(med.forPeriod(period).hash(value)).as(period + " " + value)
                    .isEqualTo(eu.forPeriod(period).hash(value)).hasSize(PeriodKey.HASH_BYTES);
        }
    }

    @Test
    void forPeriodWhenComputedThenRfc5869OverTheEcdhSecretAsTheJdkComputesIt() throws Exception {
        KeyAgreement jdk = KeyAgreement.getInstance("ECDH", "SunEC");
        jdk.init(EU.getPrivate());
        jdk.doPhase(MED.getPublic(), true);
        byte[] shared = jdk.generateSecret();
        KDF hkdf = KDF.getInstance("HKDF-SHA256");
        byte[] key = hkdf.deriveData(HKDFParameterSpec.ofExtract().addIKM(shared)
                .addSalt("synergie pair key v1".getBytes(StandardCharsets.US_ASCII))
                .thenExpand(info("synergie hit/no-hit period key v1", "EXCH-EU", "EXCH-MED", "2026-W49"), 32));
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = hmac.doFinal("IBAN:FR7630006000011234567890189".getBytes(StandardCharsets.UTF_8));

        PairKey med = PairKey.agree(MED.getPrivate(), EU.getPublic(), "EXCH-MED", "EXCH-EU");

        assertThat(med.forPeriod("2026-W49").hash("IBAN:FR7630006000011234567890189")).isEqualTo(expected);
    }

    @Test
    void forPeriodWhenAnotherPeriodOrPairThenUnrelatedHashes() {
        KeyPair west = Keys.generateEcP256();
        PairKey euMed = PairKey.agree(EU.getPrivate(), MED.getPublic(), "EXCH-EU", "EXCH-MED");
        PairKey euWest = PairKey.agree(EU.getPrivate(), west.getPublic(), "EXCH-EU", "EXCH-WA");
        PairKey renamed = PairKey.agree(EU.getPrivate(), MED.getPublic(), "EXCH-EU", "EXCH-MED2");
        String value = "EMAIL:jean.dupont@example.fr";

        Set<String> hashes = new HashSet<>();
        for (int week = 1; week <= 52; week++) {
            hashes.add(hex(euMed.forPeriod("2026-W" + week).hash(value)));
            hashes.add(hex(euWest.forPeriod("2026-W" + week).hash(value)));
            hashes.add(hex(renamed.forPeriod("2026-W" + week).hash(value)));
        }

        assertThat(hashes).as("no two (pair, period) give the same hash of one value").hasSize(3 * 52);
    }

    @Test
    void forPeriodWhenTheSameConfiguredSecretThenTheSameOnBothSidesAndOtherThanAnother() {
        byte[] secret = new byte[32];
        new SplittableRandom(7).nextBytes(secret);
        PairKey eu = PairKey.ofSecret(new SecretKeySpec(secret, "AES"), "EXCH-EU", "EXCH-MED");
        PairKey med = PairKey.ofSecret(new SecretKeySpec(secret, "AES"), "EXCH-MED", "EXCH-EU");
        secret[0] ^= 1;
        PairKey other = PairKey.ofSecret(new SecretKeySpec(secret, "AES"), "EXCH-EU", "EXCH-MED");

        assertThat(med.forPeriod("2026-W49").hash("v")).isEqualTo(eu.forPeriod("2026-W49").hash("v"))
                .isNotEqualTo(other.forPeriod("2026-W49").hash("v"));
    }

    @Test
    void agreeWhenKeysOnDifferentCurvesOrNotEcThenRefused() throws Exception {
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair other = p384.generateKeyPair();
        KeyPair ed = Keys.generateEd25519();

        assertThatIllegalArgumentException().isThrownBy(() -> PairKey.agree(EU.getPrivate(), other.getPublic(), "A", "B"))
                .withMessageContaining("ECDH");
        assertThatIllegalArgumentException().isThrownBy(() -> PairKey.agree(ed.getPrivate(), MED.getPublic(), "A", "B"))
                .withMessageContaining("EC keys");
        assertThatIllegalArgumentException().isThrownBy(() -> PairKey.agree(EU.getPrivate(), MED.getPublic(), "A", "A"))
                .withMessageContaining("two different parties");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PairKey.ofSecret(new SecretKeySpec(new byte[16], "AES"), "A", "B"))
                .withMessageContaining("256 bits");
    }

    @Test
    void toStringWhenPrintedThenNamesOnlyNeverKeyMaterial() {
        byte[] secret = new byte[32];
        new SplittableRandom(11).nextBytes(secret);
        PairKey key = PairKey.ofSecret(new SecretKeySpec(secret, "AES"), "EXCH-EU", "EXCH-MED");

        assertThat(key.toString()).isEqualTo("PairKey[EXCH-EU↔EXCH-MED]");
        assertThat(key.forPeriod("2026-W49").toString()).isEqualTo("PeriodKey[2026-W49]");
    }

    private static byte[] info(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length >> 8);
            out.write(bytes.length & 0xff);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
