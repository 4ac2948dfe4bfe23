package eu.synergie.core.audit;

import eu.synergie.core.integrity.TestStamps;
import eu.synergie.crypto.audit.ChainDefect;
import eu.synergie.crypto.audit.ChainVerifier;
import eu.synergie.crypto.audit.ChainWriter;
import eu.synergie.crypto.audit.HashChain;
import eu.synergie.crypto.stamp.ExchangeSigner;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The auditors' indexer against an index in memory with the real one's rules: it indexes only entries that continue
 * their writer's chain, never lets a second entry take a genuine one's place, marks what a signed checkpoint covers
 * as verified, and alarms everything it leaves out with the defect {@code verify} would name.
 */
class AuditIndexerTest {

    private static final String TOPIC = "synergie.audit";
    private static final ExchangeSigner SIGNER = TestStamps.signer(Clock.systemUTC());
    private static final ChainVerifier.SignatureCheck CHECK = (content, signature) -> {
        TestStamps.SIGNATURES.verifyDetached(content, signature);
        return true;
    };

    private final MemoryAuditIndex index = new MemoryAuditIndex();
    private final TestStamps.RecordingAlarm alarm = new TestStamps.RecordingAlarm();
    private final AuditIndexer indexer = new AuditIndexer(index, CHECK, alarm, TOPIC, 100);
    private final List<AuditIndexer.Logged> log = new ArrayList<>();

    private static Map<String, Object> event(String subject) {
        return AuditEventJson.toJson(new AuditEvent(Instant.parse("2026-11-28T10:00:00Z"), AuditAction.SEARCH, subject, "FR-DGPN",
                "PJ-MRS-2026-0412", new AuditEvent.Query("x", Map.of(), 1), List.of("n1"), List.of(), null, AuditOutcome.SUCCESS));
    }

    /** Appends {@code entry} to the log; returns its position. */
    private long append(Map<String, Object> entry) {
        long position = log.size();
        log.add(new AuditIndexer.Logged(position, entry == null ? "junk" : writerOf(entry), entry));
        return position;
    }

    private static String writerOf(Map<String, Object> entry) {
        return HashChain.linkOf(entry).map(HashChain.Link::writer).orElse(null);
    }

    /** The log from {@code from} on, given to the indexer as one batch. */
    private void index(int from) {
        indexer.accept(List.copyOf(log.subList(from, log.size())), 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> forged(Map<String, Object> genuine, String subject) {
        Map<String, Object> copy = new LinkedHashMap<>(genuine);
        Map<String, Object> event = new LinkedHashMap<>((Map<String, Object>) genuine.get("event"));
        event.put("subject", subject);
        copy.put("event", event);
        copy.put("hash", HashChain.hashOf(copy));
        return copy;
    }

    @Test
    void acceptWhenChainContinuesThenEveryEventIndexedAndWhatTheCheckpointCoversVerified() {
        ChainWriter writer = new ChainWriter("gateway-a");
        for (int i = 0; i < 3; i++) {
            append(writer.link(event("claire.martin")));
        }
        append(writer.checkpoint(false, SIGNER::signDetached));
        append(writer.link(event("claire.martin")));

        index(0);

        assertThat(index.records.keySet()).containsExactly("gateway-a:0", "gateway-a:1", "gateway-a:2", "gateway-a:4");
        assertThat(index.shown("gateway-a", 2).verified()).isTrue();
        assertThat(index.shown("gateway-a", 4).verified()).as("waits for the next checkpoint").isFalse();
        assertThat(index.heads.get("gateway-a")).isEqualTo(new ChainHead("gateway-a", 4, (String) log.get(4).entry().get("hash"),
                4, 2, false));
        assertThat(alarm.raised).isEmpty();
    }

    @Test
    void acceptWhenForgedEntryTakesAGenuineSequenceLaterThenNotIndexedAndTheGenuineOneStays() {
        ChainWriter writer = new ChainWriter("gateway-a");
        Map<String, Object> genuine = writer.link(event("claire.martin"));
        append(genuine);
        append(writer.link(event("claire.martin")));
        index(0);
        long forgery = append(forged(genuine, "nobody"));
        append(writer.link(event("claire.martin")));
        append(writer.checkpoint(true, SIGNER::signDetached));

        index(2);

        assertThat(index.records.get("gateway-a:0").hash()).isEqualTo(genuine.get("hash"));
        assertThat(index.records.values()).noneMatch(r -> r.event().subject().equals("nobody"));
        assertThat(index.records).containsKey("gateway-a:2");
        assertThat(index.shown("gateway-a", 0).verified()).isTrue();
        assertThat(alarm.raised).singleElement().satisfies(raised -> {
            assertThat(raised.offset()).isEqualTo(forgery);
            assertThat(raised.reason()).isEqualTo(ChainDefect.INSERTED);
            assertThat(raised.key()).isEqualTo("gateway-a");
            assertThat(raised.detail()).contains("gateway-a#0").doesNotContain("nobody");
        });
    }

    @Test
    void acceptWhenEntriesDoNotLinkThenNoneIndexedEachAlarmedWithItsDefect() {
        ChainWriter writer = new ChainWriter("gateway-a");
        append(writer.link(event("claire.martin")));
        Map<String, Object> skipped = writer.link(event("claire.martin"));
        long afterGap = append(writer.link(event("gap")));
        long lateStart = append(HashChain.entry("gateway-x", 5, "ab".repeat(32), event("late-start")));
        long badGenesis = append(HashChain.entry("gateway-y", 0, "cd".repeat(32), event("bad-genesis")));
        long badLink = append(HashChain.entry("gateway-a", 1, "ef".repeat(32), event("bad-link")));
        Map<String, Object> altered = new LinkedHashMap<>(skipped);
        altered.put("event", event("altered"));
        long alteredAt = append(altered);
        long junk = append(null);

        index(0);

        assertThat(index.records.keySet()).containsExactly("gateway-a:0");
        assertThat(alarm.raised).extracting(TestStamps.RecordingAlarm.Raised::offset, TestStamps.RecordingAlarm.Raised::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(afterGap, ChainDefect.REMOVED),
                        org.assertj.core.groups.Tuple.tuple(lateStart, ChainDefect.REMOVED),
                        org.assertj.core.groups.Tuple.tuple(badGenesis, ChainDefect.INSERTED),
                        org.assertj.core.groups.Tuple.tuple(badLink, ChainDefect.INSERTED),
                        org.assertj.core.groups.Tuple.tuple(alteredAt, ChainDefect.ALTERED),
                        org.assertj.core.groups.Tuple.tuple(junk, ChainDefect.MALFORMED));
        assertThat(alarm.raised).allSatisfy(r -> assertThat(r.detail()).doesNotContain("gap", "late-start", "bad-", "altered"));
        assertThat(index.heads.get("gateway-a").sequence()).as("the head stays where the chain is").isZero();
    }

    @Test
    void acceptWhenForgedEntryLinksBeforeTheGenuineNextThenItIsIndexedButNeverVerifiedAndTheGenuineChainIsAlarmed() {
        ChainWriter writer = new ChainWriter("gateway-a");
        append(writer.link(event("claire.martin")));
        Map<String, Object> genuine = writer.link(event("claire.martin"));
        long forgery = append(forged(genuine, "nobody"));
        long taken = append(genuine);
        long checkpoint = append(writer.checkpoint(false, SIGNER::signDetached));

        index(0);

        assertThat(index.shown("gateway-a", 1).event().subject()).isEqualTo("nobody");
        assertThat(index.shown("gateway-a", 1).verified()).as("no checkpoint of the exchange covers a forgery").isFalse();
        assertThat(index.shown("gateway-a", 0).verified()).isFalse();
        assertThat(alarm.raised).extracting(TestStamps.RecordingAlarm.Raised::offset).containsExactly(taken, checkpoint);
        assertThat(alarm.reasons()).containsOnly(ChainDefect.INSERTED);
        assertThat(forgery).isEqualTo(1);
    }

    @Test
    void acceptWhenEntryFollowsTheFinalCheckpointOrACheckpointIsNotTheExchangesThenForgedAndTheChainGoesOn() {
        ChainWriter writer = new ChainWriter("gateway-a");
        append(writer.link(event("claire.martin")));
        ChainWriter impostor = new ChainWriter("gateway-a");
        impostor.link(event("claire.martin"));
        // The same head signed by another key: not the exchange's.
        long wrongKey = append(impostor.checkpoint(false, bytes -> SIGNER.signDetached("other content".getBytes())));
        append(writer.link(event("claire.martin")));
        append(writer.checkpoint(true, SIGNER::signDetached));
        long extension = append(HashChain.entry("gateway-a", 3, (String) log.getLast().entry().get("hash"), event("nobody")));
        long taken = append(forged(log.get(2).entry(), "nobody"));

        index(0);

        assertThat(index.records.keySet()).containsExactly("gateway-a:0", "gateway-a:1");
        assertThat(index.shown("gateway-a", 1).verified()).isTrue();
        assertThat(index.heads.get("gateway-a").closed()).isTrue();
        assertThat(alarm.raised).extracting(TestStamps.RecordingAlarm.Raised::offset, TestStamps.RecordingAlarm.Raised::reason)
                .as("as verify names them: an entry that would continue the closed chain is forged, a taken number inserted")
                .containsExactly(org.assertj.core.groups.Tuple.tuple(wrongKey, ChainDefect.FORGED),
                        org.assertj.core.groups.Tuple.tuple(extension, ChainDefect.FORGED),
                        org.assertj.core.groups.Tuple.tuple(taken, ChainDefect.INSERTED));
    }

    @Test
    void acceptWhenRestartedThenTheChainContinuesFromTheStoredHeadAndWhatWasReadBeforeIsSkippedQuietly() {
        ChainWriter writer = new ChainWriter("gateway-a");
        append(writer.link(event("claire.martin")));
        append(writer.link(event("claire.martin")));
        long forgery = append(forged(log.get(1).entry(), "nobody"));
        index(0);
        assertThat(alarm.raised).hasSize(1);
        append(writer.link(event("claire.martin")));
        append(writer.checkpoint(false, SIGNER::signDetached));

        // Another instance (or this one restarted) reads the log again from where the index says, quietly up to the
        // offset the previous one committed.
        AuditIndexer restarted = new AuditIndexer(index, CHECK, alarm, TOPIC, 100);
        assertThat(restarted.resumeAt()).isEqualTo(2);
        restarted.accept(List.copyOf(log.subList(0, log.size())), forgery + 1);

        assertThat(index.records.keySet()).containsExactly("gateway-a:0", "gateway-a:1", "gateway-a:2");
        assertThat(index.shown("gateway-a", 2).verified()).isTrue();
        assertThat(alarm.raised).as("the forgery was alarmed when first read, not again").hasSize(1);
        assertThat(index.headLookups).isEqualTo(2);
    }

    @Test
    void acceptWhenTheIndexFailsThenNothingIsHeldAndTheSameBatchGivenAgainIsIndexedAndAlarmedOnce() {
        ChainWriter writer = new ChainWriter("gateway-a");
        append(writer.link(event("claire.martin")));
        append(HashChain.entry("gateway-a", 7, "ab".repeat(32), event("gap")));
        index.failingStores = 1;

        assertThatThrownBy(() -> index(0)).isInstanceOf(IllegalStateException.class);
        assertThat(alarm.raised).isEmpty();
        index(0);

        assertThat(index.records).containsOnlyKeys("gateway-a:0");
        assertThat(alarm.reasons()).containsExactly(ChainDefect.REMOVED);
    }

    @Test
    void acceptWhenTheIndexHoldsAnotherEntryUnderTheIdThenItStaysContestedAndIsNeverShownVerified() {
        ChainWriter writer = new ChainWriter("gateway-a");
        Map<String, Object> genuine = writer.link(event("claire.martin"));
        // What an earlier version, which replaced records by id, may have left: a forgery under the genuine id.
        index.records.put("gateway-a:0", new AuditRecord("gateway-a", 0, 99, (String) forged(genuine, "nobody").get("hash"),
                AuditEventJson.fromJson(event("nobody")), false));
        long position = append(genuine);
        append(writer.checkpoint(false, SIGNER::signDetached));

        index(0);

        assertThat(index.shown("gateway-a", 0).event().subject()).isEqualTo("nobody");
        assertThat(index.shown("gateway-a", 0).verified()).isFalse();
        assertThat(alarm.raised).singleElement().satisfies(r -> {
            assertThat(r.offset()).isEqualTo(position);
            assertThat(r.reason()).isEqualTo(ChainDefect.INSERTED);
            assertThat(r.detail()).contains("contested");
        });
    }

    @Test
    void acceptWhenManyJunkWritersThenAtMostTheBoundIsHeldInMemoryAndTheRestLookedUp() {
        AuditIndexer small = new AuditIndexer(index, CHECK, alarm, TOPIC, 10);
        for (int i = 0; i < 1000; i++) {
            append(new ChainWriter("junk-" + i).link(event("nobody")));
        }
        small.accept(List.copyOf(log), 0);
        ChainWriter late = new ChainWriter("junk-0");
        late.link(event("nobody"));
        append(late.link(event("nobody")));
        small.accept(List.copyOf(log.subList(1000, 1001)), 0);

        assertThat(small.held()).isEqualTo(10);
        assertThat(index.records).hasSize(1001).containsKey("junk-0:1");
        assertThat(index.shown("junk-500", 0).verified()).as("chains nobody signed").isFalse();
        assertThat(index.headLookups).as("one lookup per batch").isEqualTo(2);
    }
}
