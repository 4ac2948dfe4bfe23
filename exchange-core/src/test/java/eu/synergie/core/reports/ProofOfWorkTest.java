package eu.synergie.core.reports;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ProofOfWorkTest {

    private static final byte[] KEY = "a key of the exchange".getBytes(StandardCharsets.UTF_8);
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
    private final ProofOfWork work = new ProofOfWork(KEY, 12, Duration.ofMinutes(30), clock);

    @Test
    void verifyWhenSolvedThenTakenOnceAndOnlyOnce() {
        String challenge = work.challenge();
        String nonce = ProofOfWork.solve(challenge, 12);
        assertThat(ProofOfWork.leadingZeroBits(challenge, nonce, 12)).isTrue();
        assertThat(work.verify(challenge, nonce)).isTrue();
        assertThat(work.verify(challenge, nonce)).as("a replay").isFalse();
    }

    @Test
    void verifyWhenTheNonceIsNotASolutionThenRefused() {
        String challenge = work.challenge();
        String nonce = ProofOfWork.solve(challenge, 12);
        // The next nonce that is not a solution (about 4095 in 4096 are not).
        long wrong = Long.parseLong(nonce) + 1;
        while (ProofOfWork.leadingZeroBits(challenge, Long.toString(wrong), 12)) {
            wrong++;
        }
        assertThat(work.verify(challenge, Long.toString(wrong))).isFalse();
        assertThat(work.verify(challenge, null)).isFalse();
    }

    @Test
    void verifyWhenTheChallengeIsForgedOrExpiredThenRefused() {
        String challenge = work.challenge();
        String[] parts = challenge.split("\\.");
        String later = parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2] + "." + parts[3];
        assertThat(work.verify(later, ProofOfWork.solve(later, 12))).as("the expiry changed").isFalse();
        String easier = parts[0] + "." + parts[1] + ".4." + parts[3];
        assertThat(work.verify(easier, ProofOfWork.solve(easier, 4))).as("fewer bits than asked").isFalse();
        ProofOfWork otherKey = new ProofOfWork("another key".getBytes(StandardCharsets.UTF_8), 12, Duration.ofMinutes(30), clock);
        String theirs = otherKey.challenge();
        assertThat(work.verify(theirs, ProofOfWork.solve(theirs, 12))).as("another exchange's").isFalse();
        ProofOfWork afterwards = new ProofOfWork(KEY, 12, Duration.ofMinutes(30), Clock.offset(clock, Duration.ofMinutes(31)));
        assertThat(afterwards.verify(challenge, ProofOfWork.solve(challenge, 12))).as("expired").isFalse();
        assertThat(work.verify("not.a.challenge", "0")).isFalse();
    }

    @Test
    void challengeWhenBusyThenMoreBitsAskedAndNoLessTaken() {
        String harder = work.challenge(14);
        assertThat(ProofOfWork.bitsOf(harder)).isEqualTo(14);
        String nonce = ProofOfWork.solve(harder, 14);
        assertThat(work.verify(harder, nonce)).isTrue();
        assertThat(ProofOfWork.bitsOf(work.challenge())).isEqualTo(12);
    }

    @Test
    void verifyWhenAsManyAnsweredAsRememberedThenNoMoreUntilTheyExpire() {
        ProofOfWork small = new ProofOfWork(KEY, 4, Duration.ofMinutes(30), clock, 2);
        for (int i = 0; i < 2; i++) {
            String c = small.challenge();
            assertThat(small.verify(c, ProofOfWork.solve(c, 4))).isTrue();
        }
        String third = small.challenge();
        assertThat(small.verify(third, ProofOfWork.solve(third, 4))).isFalse();
    }

    /**
     * Bits, not bytes: SHA-256("abc") (FIPS 180-2's first example, ba7816bf…) starts with a one bit, and a nonce found
     * for 8 zero bits also has 1.
     */
    @Test
    void leadingZeroBitsCountsBitsNotBytes() {
        assertThat(ProofOfWork.leadingZeroBits("ab", "c", 0)).isTrue();
        // "ab" ":" "c" is not "abc": what is hashed is the challenge, a colon and the nonce.
        assertThat(java.util.HexFormat.of().formatHex(sha256("abc"))).startsWith("ba7816bf");
        assertThat(ProofOfWork.leadingZeroBits("a", "bc", 1)).isEqualTo((sha256("a:bc")[0] & 0x80) == 0);
        String challenge = work.challenge();
        String eight = ProofOfWork.solve(challenge, 8);
        assertThat(ProofOfWork.leadingZeroBits(challenge, eight, 8)).isTrue();
        assertThat(ProofOfWork.leadingZeroBits(challenge, eight, 1)).isTrue();
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
