package eu.synergie.crypto.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each kind of tampering on a log of two interleaved chains, found at the entry that was tampered with.
 * Entries are deep-copied through a fresh map before being altered, as an attacker editing stored JSON would.
 */
class ChainVerifierTest {

    /** A log of 10 entries: writer A at even positions, B at odd ones. */
    private static List<Map<String, Object>> log() {
        ChainWriter a = new ChainWriter("gateway-a");
        ChainWriter b = new ChainWriter("gateway-b");
        List<Map<String, Object>> log = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            log.add((i % 2 == 0 ? a : b).link(Map.of("action", "SEARCH", "subject", "user" + i, "noticeIds", List.of("n" + i))));
        }
        return log;
    }

    /** Walked just after it was written: no entry is old enough to need a checkpoint yet. */
    private static ChainVerification verify(List<Map<String, Object>> log) {
        Instant now = Instant.now();
        ChainVerifier verifier = new ChainVerifier((content, signature) -> false, now, Duration.ofSeconds(30));
        for (int i = 0; i < log.size(); i++) {
            verifier.accept(i, now, log.get(i));
        }
        return verifier.result();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withEvent(Map<String, Object> entry, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(entry);
        Map<String, Object> event = new LinkedHashMap<>((Map<String, Object>) entry.get("event"));
        event.put(field, value);
        copy.put("event", event);
        return copy;
    }

    private static Map<String, Object> rehashed(Map<String, Object> entry) {
        Map<String, Object> copy = new LinkedHashMap<>(entry);
        copy.put("hash", HashChain.hashOf(copy));
        return copy;
    }

    @Test
    void verifyWhenUntouchedThenIntactWithCountAndChains() {
        assertThat(verify(log())).isEqualTo(new ChainVerification.Intact(10, 2));
    }

    @Test
    void verifyWhenEmptyThenIntactWithNothing() {
        assertThat(verify(List.of())).isEqualTo(new ChainVerification.Intact(0, 0));
    }

    @Test
    void verifyWhenEventChangedInPlaceThenAlteredAtIt() {
        List<Map<String, Object>> log = log();
        log.set(4, withEvent(log.get(4), "subject", "someone-else"));

        assertThat(verify(log)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.position()).isEqualTo(4);
            assertThat(b.defect()).isEqualTo(ChainDefect.ALTERED);
            assertThat(b.detail()).contains("gateway-a#2").doesNotContain("someone-else");
        });
    }

    @Test
    void verifyWhenEventChangedAndRehashedThenAlteredAtItThroughItsSuccessor() {
        List<Map<String, Object>> log = log();
        log.set(5, rehashed(withEvent(log.get(5), "noticeIds", List.of())));

        assertThat(verify(log)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.position()).isEqualTo(5);
            assertThat(b.defect()).isEqualTo(ChainDefect.ALTERED);
        });
    }

    @Test
    void verifyWhenEntryRemovedThenRemovedAtTheEntryAfterTheGap() {
        List<Map<String, Object>> log = log();
        log.remove(4); // gateway-a#2; gateway-a#3 moves to position 5

        assertThat(verify(log)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.position()).isEqualTo(5);
            assertThat(b.defect()).isEqualTo(ChainDefect.REMOVED);
            assertThat(b.detail()).contains("entries 2 to 2 of gateway-a");
        });
    }

    @Test
    void verifyWhenFirstEntryOfAChainRemovedThenRemovedAtTheNewFirst() {
        List<Map<String, Object>> log = log();
        log.remove(1); // gateway-b#0

        assertThat(verify(log)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.position()).isEqualTo(2);
            assertThat(b.defect()).isEqualTo(ChainDefect.REMOVED);
        });
    }

    @Test
    void verifyWhenForgedEntryTakesTheNextSequenceThenInsertedAtTheForgery() {
        List<Map<String, Object>> log = log();
        // A well-formed forgery: it continues gateway-a#1 with sequence 2 and a correct hash, just before the genuine #2.
        Map<String, Object> genuine = log.get(4);
        Map<String, Object> forged = rehashed(withEvent(genuine, "subject", "nobody"));
        log.add(4, forged);

        assertThat(verify(log)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.position()).isEqualTo(4);
            assertThat(b.defect()).isEqualTo(ChainDefect.INSERTED);
        });
    }

    @Test
    void verifyWhenForgedEntryFollowsTheGenuineOneThenInsertedAtTheForgery() {
        List<Map<String, Object>> log = log();
        log.add(5, rehashed(withEvent(log.get(4), "subject", "nobody")));

        assertThat(verify(log)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.position()).isEqualTo(5);
            assertThat(b.defect()).isEqualTo(ChainDefect.INSERTED);
        });
    }

    @Test
    void verifyWhenOldEntryReplayedLaterThenInsertedAtTheReplay() {
        List<Map<String, Object>> log = log();
        log.add(8, log.get(2));

        assertThat(verify(log)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.position()).isEqualTo(8);
            assertThat(b.defect()).isEqualTo(ChainDefect.INSERTED);
        });
    }

    @Test
    void verifyWhenForgedEntryWithBadLinkBeforeTheGenuineNextThenInsertedAtTheForgery() {
        List<Map<String, Object>> log = log();
        Map<String, Object> forged = new ChainWriter("gateway-a").link(Map.of("action", "SEARCH"));
        Map<String, Object> chain = new LinkedHashMap<>(HashChain.entry("gateway-a", 2, "ab".repeat(32), Map.of("action", "SEARCH")));
        log.add(4, chain);

        assertThat(forged).isNotNull();
        assertThat(verify(log)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.position()).isEqualTo(4);
            assertThat(b.defect()).isEqualTo(ChainDefect.INSERTED);
        });
    }

    @Test
    void verifyWhenNotAnEntryThenMalformedAtIt() {
        List<Map<String, Object>> log = log();
        log.add(3, Map.of("action", "SEARCH"));

        assertThat(verify(log)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.position()).isEqualTo(3);
            assertThat(b.defect()).isEqualTo(ChainDefect.MALFORMED);
        });
    }

    @Test
    void verifyWhenTwoChainsBrokenThenTheFirstIsReportedAndBothListed() {
        List<Map<String, Object>> log = log();
        log.set(7, withEvent(log.get(7), "subject", "x"));
        log.set(2, rehashed(withEvent(log.get(2), "subject", "y")));

        assertThat(verify(log)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.position()).isEqualTo(2);
            assertThat(b.defects()).extracting(ChainVerification.Defect::position, ChainVerification.Defect::writer)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "gateway-a"), org.assertj.core.groups.Tuple.tuple(7L, "gateway-b"));
        });
    }

    @Test
    void verifyWhenMoreJunkWritersThanTheCapThenOnlyTheCapIsFollowedAndTheRestIsCountedInOneDefect() {
        int cap = 500;
        int junk = 20_000;
        Instant now = Instant.now();
        ChainVerifier verifier = new ChainVerifier((content, signature) -> false, now, Duration.ofSeconds(30), cap);
        List<Map<String, Object>> log = log();
        long position = 0;
        for (Map<String, Object> entry : log) {
            verifier.accept(position++, now, entry);
        }
        Map<String, Object> template = HashChain.entry("junk", 0, HashChain.GENESIS, Map.of("action", "SEARCH"));
        for (int i = 0; i < junk; i++) {
            // One-entry chains of made-up writers, appended long ago: each followed one is an unsigned tail.
            Map<String, Object> entry = new LinkedHashMap<>(template);
            entry.put("chain", Map.of("writer", "junk-" + i, "sequence", 0, "previous", HashChain.GENESIS));
            entry.put("hash", HashChain.hashOf(entry));
            verifier.accept(position++, now.minus(Duration.ofHours(1)), entry);
        }
        // A chain that starts once the cap is reached is not followed, only counted: even tampered with, it shows no ALTERED.
        Map<String, Object> tampered = withEvent(new ChainWriter("gateway-late").link(Map.of("action", "OPEN")), "subject", "x");
        verifier.accept(position, now, tampered);

        assertThat(verifier.followed()).as("writers held in memory").isEqualTo(cap);
        assertThat(verifier.result()).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.entries()).isEqualTo(log.size() + junk + 1);
            assertThat(b.counts()).containsEntry(ChainDefect.UNSIGNED_TAIL, (long) cap - 2)
                    .containsEntry(ChainDefect.TOO_MANY_WRITERS, 1L).doesNotContainKey(ChainDefect.ALTERED);
            assertThat(b.defects()).hasSizeLessThanOrEqualTo(ChainVerifier.MAX_DEFECTS + ChainDefect.values().length);
            assertThat(b.defects()).filteredOn(d -> d.defect() == ChainDefect.TOO_MANY_WRITERS).singleElement().satisfies(d -> {
                assertThat(d.position()).isEqualTo(log.size() + cap - 2);
                assertThat(d.detail()).contains((junk - (cap - 2) + 1) + " entries", "first " + cap);
            });
            assertThat(b.total()).isEqualTo(cap - 2 + 1);
        });
    }

    @Test
    void verifyWhenManyJunkRecordsComeFirstThenTheWalkGoesOnAndALaterDefectIsCountedAndListed() {
        List<Map<String, Object>> log = new ArrayList<>();
        for (int i = 0; i < 3 * ChainVerifier.MAX_DEFECTS; i++) {
            log.add(Map.of("junk", i));
        }
        List<Map<String, Object>> genuine = log();
        genuine.set(6, withEvent(genuine.get(6), "subject", "someone-else"));
        log.addAll(genuine);

        assertThat(verify(log)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.entries()).isEqualTo(log.size());
            assertThat(b.position()).isZero();
            assertThat(b.counts()).containsExactlyInAnyOrderEntriesOf(Map.of(ChainDefect.MALFORMED, 3L * ChainVerifier.MAX_DEFECTS,
                    ChainDefect.ALTERED, 1L));
            assertThat(b.defects()).hasSize(ChainVerifier.MAX_DEFECTS + 1);
            assertThat(b.defects().getLast()).satisfies(d -> {
                assertThat(d.defect()).isEqualTo(ChainDefect.ALTERED);
                assertThat(d.position()).isEqualTo(3L * ChainVerifier.MAX_DEFECTS + 6);
            });
        });
    }

    @Test
    void verifyWhenWriterNameIsTooLongThenMalformed() {
        Map<String, Object> entry = HashChain.entry("w".repeat(HashChain.MAX_WRITER_LENGTH + 1), 0, HashChain.GENESIS,
                Map.of("action", "SEARCH"));

        assertThat(verify(List.of(entry))).isInstanceOfSatisfying(ChainVerification.Broken.class,
                b -> assertThat(b.defect()).isEqualTo(ChainDefect.MALFORMED));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new ChainWriter("w".repeat(HashChain.MAX_WRITER_LENGTH + 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unlinkWhenEntryNeverLoggedThenNextEntryTakesItsPlace() {
        ChainWriter writer = new ChainWriter("gateway-a");
        Map<String, Object> first = writer.link(Map.of("n", 1));
        writer.unlink(writer.link(Map.of("n", 2)));
        Map<String, Object> second = writer.link(Map.of("n", 3));

        assertThat(verify(List.of(first, second))).isEqualTo(new ChainVerification.Intact(2, 1));
        assertThat(writer.linked()).isEqualTo(2);
    }
}
