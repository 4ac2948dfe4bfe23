package eu.synergie.core.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Our {@link NoticeLog} port in memory, for tests: one partition per region, each envelope stamped with the
 * append time {@code appendTime} gives (as the broker's log-append time), replayed in batches of {@code batchSize}.
 */
public final class InMemoryNoticeLog implements NoticeLog {

    private final Map<String, List<LoggedEnvelope>> topics = new ConcurrentHashMap<>();
    private final Supplier<Instant> appendTime;
    private final int batchSize;
    /** Run before each replay hands out its first batch: what else happens to the log meanwhile. */
    public volatile Runnable duringReplay = () -> { };
    /** When set, every read fails as a log that does not answer. */
    public volatile boolean unavailable;

    public InMemoryNoticeLog(Supplier<Instant> appendTime, int batchSize) {
        this.appendTime = appendTime;
        this.batchSize = batchSize;
    }

    @Override
    public synchronized LogPosition append(String region, String noticeId, byte[] envelope) {
        String topic = NoticeLog.topicOf(region);
        List<LoggedEnvelope> log = topics.computeIfAbsent(topic, t -> new ArrayList<>());
        LoggedEnvelope logged = new LoggedEnvelope(topic, 0, log.size(), noticeId, envelope.clone(), appendTime.get());
        log.add(logged);
        return new LogPosition(topic, 0, logged.offset());
    }

    @Override
    public CompletableFuture<LogPosition> appendAsync(String region, String noticeId, byte[] envelope) {
        return CompletableFuture.completedFuture(append(region, noticeId, envelope));
    }

    @Override
    public synchronized Optional<byte[]> read(LogPosition position) {
        List<LoggedEnvelope> log = topics.getOrDefault(position.topic(), List.of());
        return position.offset() < log.size() ? Optional.of(log.get((int) position.offset()).envelope()) : Optional.empty();
    }

    @Override
    public synchronized LogOffsets end(String region) {
        requireAvailable();
        return new LogOffsets(Map.of(0, (long) logOf(region).size()));
    }

    @Override
    public void replay(String region, LogOffsets from, LogOffsets to, Consumer<List<LoggedEnvelope>> batches) {
        requireAvailable();
        duringReplay.run();
        long next = from.byPartition().getOrDefault(0, 0L);
        long end = to.byPartition().getOrDefault(0, 0L);
        while (next < end) {
            requireAvailable();
            List<LoggedEnvelope> batch;
            synchronized (this) {
                List<LoggedEnvelope> log = logOf(region);
                batch = List.copyOf(log.subList((int) next, (int) Math.min(end, Math.min(next + batchSize, log.size()))));
            }
            if (batch.isEmpty()) {
                throw new LogUnavailableException("the log ends before offset " + end, null);
            }
            batches.accept(batch);
            next += batch.size();
        }
    }

    /** Everything appended to {@code region}, in order. */
    public synchronized List<LoggedEnvelope> all(String region) {
        return List.copyOf(logOf(region));
    }

    private List<LoggedEnvelope> logOf(String region) {
        return topics.getOrDefault(NoticeLog.topicOf(region), List.of());
    }

    private void requireAvailable() {
        if (unavailable) {
            throw new LogUnavailableException("the notice log did not answer", null);
        }
    }
}
