package eu.synergie.crypto.audit;

import static org.assertj.core.api.Assertions.assertThat;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.stamp.ExchangeSignatures;
import eu.synergie.crypto.stamp.ExchangeSigner;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signed checkpoints of each writer's head, with the exchange's real signatures: a forged extension after the
 * last signed head, a forged checkpoint, a chain nobody signed and a chain rewritten up to a checkpoint are each
 * told apart; a writer's entries still waiting for their checkpoint are not.
 */
class CheckpointTest {

    private static final CertificateAuthority ROOT = CertificateAuthority.createRoot("Test Root", Duration.ofDays(30));
    private static final CertificateAuthority ISSUING = ROOT.issueSubordinate("Test Issuing", Duration.ofDays(20));
    private static final KeyCredential LOG_SIGNER = signer(ISSUING);
    private static final ExchangeSigner SIGNER = ExchangeSigner.of(LOG_SIGNER, Clock.systemUTC());
    private static final ExchangeSignatures SIGNATURES = new ExchangeSignatures(ROOT.certificate(),
            () -> java.util.List.of(LOG_SIGNER.certificate()));
    private static final ChainVerifier.SignatureCheck CHECK = (content, signature) -> {
        SIGNATURES.verifyDetached(content, signature);
        return true;
    };
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.now();
    private static final Instant LONG_AGO = NOW.minus(Duration.ofHours(1));

    private static KeyCredential signer(CertificateAuthority ca) {
        KeyPair pair = Keys.generateEcP256();
        return new KeyCredential(pair.getPrivate(), ca.chainOf(ca.issueExchangeSigningCertificate("Log Signer", pair.getPublic(),
                Duration.ofDays(10))));
    }

    /** Writer A: 3 events, a checkpoint, 2 events, its final checkpoint (positions 0 to 6). */
    private static List<Map<String, Object>> closedChain(ChainWriter a) {
        List<Map<String, Object>> log = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            log.add(a.link(Map.of("action", "SEARCH", "n", i)));
        }
        log.add(a.checkpoint(false, SIGNER::signDetached));
        log.add(a.link(Map.of("action", "SEARCH", "n", 3)));
        log.add(a.link(Map.of("action", "SEARCH", "n", 4)));
        log.add(a.checkpoint(true, SIGNER::signDetached));
        return log;
    }

    /** Every entry appended at {@code appendedAt}. */
    private static ChainVerification verify(List<Map<String, Object>> log, Instant appendedAt) {
        ChainVerifier verifier = new ChainVerifier(CHECK, NOW, GRACE);
        for (int i = 0; i < log.size(); i++) {
            verifier.accept(i, appendedAt, log.get(i));
        }
        return verifier.result();
    }

    @Test
    void verifyWhenEveryEntryIsCoveredBySignedCheckpointsThenIntactHoweverOld() {
        assertThat(verify(closedChain(new ChainWriter("gateway-a")), LONG_AGO)).isEqualTo(new ChainVerification.Intact(7, 1));
    }

    @Test
    void verifyWhenWellFormedEntryAppendedAfterTheFinalCheckpointThenForgedAtIt() {
        ChainWriter a = new ChainWriter("gateway-a");
        List<Map<String, Object>> log = closedChain(a);
        log.add(a.link(Map.of("action", "SEARCH", "subject", "nobody")));

        assertThat(verify(log, NOW)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.position()).isEqualTo(7);
            assertThat(b.defect()).isEqualTo(ChainDefect.FORGED);
            assertThat(b.detail()).contains("gateway-a#7", "final").doesNotContain("nobody");
        });
    }

    @Test
    void verifyWhenCheckpointSignedByAnotherKeyThenForgedAtIt() {
        CertificateAuthority otherRoot = CertificateAuthority.createRoot("Other Root", Duration.ofDays(30));
        ExchangeSigner impostor = ExchangeSigner.of(signer(otherRoot.issueSubordinate("Other", Duration.ofDays(20))), Clock.systemUTC());
        ChainWriter a = new ChainWriter("gateway-a");
        List<Map<String, Object>> log = new ArrayList<>();
        log.add(a.link(Map.of("n", 0)));
        log.add(a.checkpoint(true, impostor::signDetached));

        assertThat(verify(log, NOW)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.position()).isEqualTo(1);
            assertThat(b.defect()).isEqualTo(ChainDefect.FORGED);
            assertThat(b.detail()).contains("signature of checkpoint gateway-a#1");
        });
    }

    @Test
    void verifyWhenGenuineCheckpointReplayedLaterInItsChainThenForgedAtTheReplay() {
        ChainWriter a = new ChainWriter("gateway-a");
        List<Map<String, Object>> log = new ArrayList<>();
        log.add(a.link(Map.of("n", 0)));
        Map<String, Object> checkpoint = a.checkpoint(false, SIGNER::signDetached);
        log.add(checkpoint);
        log.add(a.link(Map.of("n", 2)));
        // A forger links a copy of the genuine checkpoint's event as entry 3, hoping to cover entry 2.
        log.add(HashChain.entry("gateway-a", 3, (String) log.get(2).get("hash"), HashChain.eventOf(checkpoint)));

        assertThat(verify(log, NOW)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.position()).isEqualTo(3);
            assertThat(b.defect()).isEqualTo(ChainDefect.FORGED);
            assertThat(b.detail()).contains("signs another head");
        });
    }

    @Test
    void verifyWhenEntriesRewrittenAndRehashedUpToACheckpointThenForgedAtTheCheckpoint() {
        List<Map<String, Object>> genuine = closedChain(new ChainWriter("gateway-a"));
        // The forger rewrites entry 1 and re-hashes every entry after it, the checkpoints included.
        List<Map<String, Object>> rewritten = new ArrayList<>();
        String previous = HashChain.GENESIS;
        for (int i = 0; i < genuine.size(); i++) {
            Map<String, Object> event = new LinkedHashMap<>(HashChain.eventOf(genuine.get(i)));
            if (i == 1) {
                event.put("subject", "someone.else");
            }
            Map<String, Object> entry = HashChain.entry("gateway-a", i, previous, event);
            rewritten.add(entry);
            previous = (String) entry.get("hash");
        }

        assertThat(verify(rewritten, NOW)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.position()).isEqualTo(3);
            assertThat(b.defect()).isEqualTo(ChainDefect.FORGED);
        });
    }

    @Test
    void verifyWhenEntriesAfterTheLastCheckpointAreOlderThanTheGraceThenUnsignedTailAtTheFirst() {
        ChainWriter a = new ChainWriter("gateway-a");
        List<Map<String, Object>> log = new ArrayList<>();
        log.add(a.link(Map.of("n", 0)));
        log.add(a.checkpoint(false, SIGNER::signDetached));
        log.add(a.link(Map.of("n", 2)));
        log.add(a.link(Map.of("n", 3)));

        assertThat(verify(log, NOW)).as("just appended: waiting for their checkpoint").isEqualTo(new ChainVerification.Intact(4, 1));
        assertThat(verify(log, LONG_AGO)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.position()).isEqualTo(2);
            assertThat(b.defect()).isEqualTo(ChainDefect.UNSIGNED_TAIL);
            assertThat(b.detail()).contains("gateway-a#2 to gateway-a#3 (2 entries)");
        });
    }

    @Test
    void verifyWhenAWholeChainWasNeverSignedThenUnsignedTailAtItsStartBesideTheSignedOne() {
        List<Map<String, Object>> log = closedChain(new ChainWriter("gateway-a"));
        ChainWriter forger = new ChainWriter("gateway-x");
        log.add(forger.link(Map.of("action", "SEARCH", "subject", "nobody")));
        log.add(forger.link(Map.of("action", "OPEN", "subject", "nobody")));

        assertThat(verify(log, LONG_AGO)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.defects()).singleElement().satisfies(d -> {
                assertThat(d.position()).isEqualTo(7);
                assertThat(d.writer()).isEqualTo("gateway-x");
                assertThat(d.defect()).isEqualTo(ChainDefect.UNSIGNED_TAIL);
            });
        });
    }

    @Test
    void checkpointWhenNothingNewThenNoneUnlessFinalAndUnlinkRestoresTheCount() {
        ChainWriter a = new ChainWriter("gateway-a");
        assertThat(a.checkpoint(true, SIGNER::signDetached)).as("an empty chain has nothing to sign").isNull();
        a.link(Map.of("n", 0));
        Map<String, Object> first = a.checkpoint(false, SIGNER::signDetached);
        assertThat(first).isNotNull();
        assertThat(a.sinceCheckpoint()).isZero();
        assertThat(a.checkpoint(false, SIGNER::signDetached)).isNull();

        a.unlink(first);

        assertThat(a.sinceCheckpoint()).isEqualTo(1);
        assertThat(a.linked()).isEqualTo(1);
        assertThat(a.checkpoint(true, SIGNER::signDetached)).isNotNull();
    }
}
