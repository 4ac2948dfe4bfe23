package eu.synergie.core.ingestion;

import eu.synergie.core.envelope.NoticeOpener;
import eu.synergie.core.index.IndexGenerations;
import eu.synergie.core.intake.LogOffsets;
import eu.synergie.core.intake.LoggedEnvelope;
import eu.synergie.core.intake.NoticeLog;
import eu.synergie.core.policy.PublishGate;
import eu.synergie.core.policy.ReleaseRule;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Rebuilds a region's index from the log, the system of record: reads the region's log from the start
 * into a new generation while the current one keeps serving, switches the alias, then reads once more
 * from where the first pass ended to what the log holds after the switch, so that whatever the live
 * indexers wrote into the old generation meanwhile is in the new one too. Only then is the old one
 * dropped. Every envelope meets the publish rule again as of its append time, as the live indexer judged it;
 * envelopes refused again are not dead-lettered twice. A notice its agency holds for an approver is held again, unless
 * it was released since.
 */
public final class IndexRebuild {

    private final NoticeOpener opener;
    private final PublishGate gate;
    private final ReleaseRule release;
    private final java.util.function.Consumer<String> rebuilt;
    private final IndexGenerations generations;
    private final NoticeLog log;
    private final Clock clock;

    /**
     * @param rebuilt told the region once its new generation serves and holds all the log: four-eyes release looks
     *                again at what it holds (a release during the rebuild went to the generation it replaced)
     */
    public IndexRebuild(NoticeOpener opener, PublishGate gate, ReleaseRule release, IndexGenerations generations, NoticeLog log,
                        Clock clock, java.util.function.Consumer<String> rebuilt) {
        this.opener = opener;
        this.gate = gate;
        this.release = release;
        this.rebuilt = rebuilt;
        this.generations = generations;
        this.log = log;
        this.clock = clock;
    }

    /**
     * Runs the rebuild, telling {@code progress} after each batch; never throws: a failure (the log or the index
     * unavailable) ends in a {@link RebuildProgress.State#FAILED} progress, the current generation still serving.
     */
    public RebuildProgress rebuild(String region, Consumer<RebuildProgress> progress) {
        Instant started = clock.instant();
        long[] counts = new long[2];
        String generation = null;
        try {
            generation = generations.newGeneration(region);
            String filling = generation;
            NoticeIngestion into = new NoticeIngestion(opener, gate, release, generations.writingTo(generation),
                    letters -> { }, clock);
            LogOffsets end = log.end(region);
            log.replay(region, LogOffsets.START, end, batch -> ingest(into, batch, counts,
                    () -> progress.accept(running(region, end.total(), counts, filling, started))));
            List<String> replaced = generations.promote(region, generation);
            LogOffsets grown = log.end(region);
            log.replay(region, end, grown, batch -> ingest(into, batch, counts,
                    () -> progress.accept(running(region, grown.total(), counts, filling, started))));
            rebuilt.accept(region);
            generations.drop(replaced);
            RebuildProgress done = new RebuildProgress(region, RebuildProgress.State.DONE, grown.total(), counts[0], counts[1],
                    generation, started, clock.instant(), null);
            progress.accept(done);
            return done;
        } catch (RuntimeException e) {
            RebuildProgress failed = new RebuildProgress(region, RebuildProgress.State.FAILED, 0, counts[0], counts[1],
                    generation, started, clock.instant(), e.getMessage());
            progress.accept(failed);
            return failed;
        }
    }

    private static void ingest(NoticeIngestion into, List<LoggedEnvelope> batch, long[] counts, Runnable report) {
        if (batch.isEmpty()) {
            return;
        }
        NoticeIngestion.BatchOutcome outcome = into.ingest(batch);
        counts[0] += batch.size();
        counts[1] += outcome.indexed();
        report.run();
    }

    private static RebuildProgress running(String region, long total, long[] counts, String generation, Instant started) {
        return new RebuildProgress(region, RebuildProgress.State.RUNNING, total, counts[0], counts[1], generation, started,
                null, null);
    }
}
