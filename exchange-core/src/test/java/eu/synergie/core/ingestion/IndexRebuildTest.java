package eu.synergie.core.ingestion;

import eu.synergie.core.envelope.TestExchange;
import eu.synergie.core.index.IndexGenerations;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.index.NoticeIndexWriter;
import eu.synergie.core.intake.InMemoryNoticeLog;
import eu.synergie.crypto.pki.KeyCredential;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The rebuild against our own ports: the notice log and the index generations, both in memory. */
class IndexRebuildTest {

    private final TestExchange exchange = new TestExchange();
    private final KeyCredential dgpn = exchange.agency("FR-DGPN");
    /** The broker's append time for the next appends; now when null. */
    private Instant appendAt;
    private final InMemoryNoticeLog log = new InMemoryNoticeLog(() -> appendAt != null ? appendAt : Instant.now(), 3);
    private final Generations generations = new Generations();
    private final IndexRebuild rebuild = new IndexRebuild(exchange.opener(), exchange.gate(), eu.synergie.core.policy.ReleaseRule.none(), generations, log, Clock.systemUTC(), region -> { });
    private final List<RebuildProgress> progress = new ArrayList<>();

    @Test
    void rebuildWhenLogHoldsGoodAndRefusedEnvelopesThenNewGenerationHoldsTheGoodOnesAndTheOldIsDropped() {
        String old = generations.current("EU-WEST");
        List<UUID> good = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            good.add(append(dgpn, "FR-DGPN"));
        }
        append(new TestExchange().agency("FR-DGPN"), "FR-DGPN");

        RebuildProgress done = rebuild.rebuild("EU-WEST", progress::add);

        assertThat(done.state()).isEqualTo(RebuildProgress.State.DONE);
        assertThat(done.total()).isEqualTo(6);
        assertThat(done.read()).isEqualTo(6);
        assertThat(done.indexed()).isEqualTo(5);
        assertThat(generations.current("EU-WEST")).isEqualTo(done.generation()).isNotEqualTo(old);
        assertThat(generations.documents(done.generation()).keySet()).containsExactlyInAnyOrderElementsOf(good);
        assertThat(generations.dropped).containsExactly(old);
        assertThat(progress).as("told after each batch of 3, then done").extracting(RebuildProgress::state)
                .containsExactly(RebuildProgress.State.RUNNING, RebuildProgress.State.RUNNING, RebuildProgress.State.DONE);
    }

    @Test
    void rebuildWhenEnvelopesArriveDuringTheFirstPassThenTheSecondPassTakesThemIntoTheNewGeneration() {
        append(dgpn, "FR-DGPN");
        List<UUID> meanwhile = new ArrayList<>();
        log.duringReplay = () -> {
            log.duringReplay = () -> { };
            meanwhile.add(append(dgpn, "FR-DGPN"));
            meanwhile.add(append(dgpn, "FR-DGPN"));
        };

        RebuildProgress done = rebuild.rebuild("EU-WEST", progress::add);

        assertThat(done.state()).isEqualTo(RebuildProgress.State.DONE);
        assertThat(done.total()).isEqualTo(3);
        assertThat(generations.documents(done.generation())).hasSize(3).containsKeys(meanwhile.toArray(UUID[]::new));
    }

    @Test
    void rebuildWhenTheAgencyLeftTheRegionSinceThenWhatItAppendedAsAMemberIsKept() {
        Instant left = exchange.trust.withdrawRegion("FR-DGPN", "EU-WEST", "admin").history().getLast().from();
        appendAt = left.minusNanos(1);
        UUID asMember = append(dgpn, "FR-DGPN");
        appendAt = left;
        UUID afterLeaving = append(dgpn, "FR-DGPN");

        RebuildProgress done = rebuild.rebuild("EU-WEST", progress::add);

        assertThat(generations.documents(done.generation()).keySet()).containsExactly(asMember).doesNotContain(afterLeaving);
        assertThat(done.read()).isEqualTo(2);
    }

    @Test
    void rebuildWhenTheLogStopsAnsweringThenFailedWithWhyAndTheCurrentGenerationStillServes() {
        String old = generations.current("EU-WEST");
        append(dgpn, "FR-DGPN");
        log.duringReplay = () -> log.unavailable = true;

        RebuildProgress failed = rebuild.rebuild("EU-WEST", progress::add);

        assertThat(failed.state()).isEqualTo(RebuildProgress.State.FAILED);
        assertThat(failed.failure()).contains("did not answer");
        assertThat(generations.current("EU-WEST")).isEqualTo(old);
        assertThat(generations.dropped).isEmpty();
    }

    private UUID append(KeyCredential signer, String agency) {
        UUID id = UUID.randomUUID();
        log.append("EU-WEST", id.toString(), exchange.seal(TestExchange.notice(id, agency, "EU-WEST"), signer, "EU-WEST"));
        return id;
    }

    /** Our {@link IndexGenerations} port in memory: documents by generation, the current one per region. */
    private static final class Generations implements IndexGenerations {
        private final Map<String, RecordingIndex> byGeneration = new LinkedHashMap<>();
        private final Map<String, String> current = new HashMap<>();
        final List<String> dropped = new ArrayList<>();
        private int made;

        String current(String region) {
            return current.computeIfAbsent(region, this::newGeneration);
        }

        Map<UUID, IndexedNotice> documents(String generation) {
            return byGeneration.get(generation).current;
        }

        @Override
        public String newGeneration(String region) {
            String generation = "notices-" + region.toLowerCase() + "-g" + (++made);
            byGeneration.put(generation, new RecordingIndex());
            return generation;
        }

        @Override
        public NoticeIndexWriter writingTo(String generation) {
            return byGeneration.get(generation);
        }

        @Override
        public List<String> promote(String region, String generation) {
            String replaced = current(region);
            current.put(region, generation);
            return List.of(replaced);
        }

        @Override
        public void drop(List<String> generations) {
            dropped.addAll(generations);
            generations.forEach(byGeneration::remove);
        }
    }
}
