package eu.synergie.cli.push;

import eu.synergie.client.AgencySealer;
import eu.synergie.client.AuthenticationException;
import eu.synergie.client.ExchangeUnavailableException;
import eu.synergie.client.PublishOutcome;
import eu.synergie.client.SealedNotice;
import eu.synergie.client.UnsealableNoticeException;
import eu.synergie.crypto.envelope.EnvelopeProfile;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Pushes a feed: reads it in order, skips what the resume file records as acknowledged, and for each
 * other notice checks it, seals it and publishes it, one per request or in batches, several requests at
 * once ({@link Sending}). Acknowledgements go to the resume file as they arrive, one by one even within a
 * batch. A refused client or certificate stops the run at once (every further notice would meet the same
 * refusal); so does {@link #stop(String)}, after the requests in flight have their answers.
 */
public final class PushRun {

    public static final String INVALID = "INVALID_NOTICE";

    private final Feed feed;
    private final String server;
    private final AgencySealer sealer;
    private final Sending sending;
    private final ResumeLog resume;
    private final Progress progress;
    private final Duration progressInterval;
    private final Consumer<PushReport.Rejection> rejectionSink;

    private final LongAdder skipped = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final Map<EnvelopeProfile, LongAdder> acceptedByProfile = new EnumMap<>(Map.of(
            EnvelopeProfile.CLASSICAL, new LongAdder(), EnvelopeProfile.HYBRID, new LongAdder()));
    private final LongAdder retriedNotices = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final ConcurrentLinkedQueue<PushReport.Rejection> rejections = new ConcurrentLinkedQueue<>();
    private final AtomicReference<PushReport.Stop> stop = new AtomicReference<>();
    private volatile long startNanos;
    private volatile OptionalLong total = OptionalLong.empty();

    public PushRun(Feed feed, String server, AgencySealer sealer, Sending sending, ResumeLog resume, Progress progress,
                   Duration progressInterval, Consumer<PushReport.Rejection> rejectionSink) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.server = Objects.requireNonNull(server, "server");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.sending = Objects.requireNonNull(sending, "sending");
        this.resume = Objects.requireNonNull(resume, "resume");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.progressInterval = Objects.requireNonNull(progressInterval, "progressInterval");
        this.rejectionSink = Objects.requireNonNull(rejectionSink, "rejectionSink");
    }

    /** Runs the push to the end of the feed, or until it must stop. */
    public PushReport run() {
        startNanos = System.nanoTime();
        try {
            total = feed.count();
        } catch (IOException e) {
            total = OptionalLong.empty();
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "synergie-push-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> progress.update(snapshot()), progressInterval.toMillis(),
                progressInterval.toMillis(), TimeUnit.MILLISECONDS);
        Semaphore inFlight = new Semaphore(sending.inFlight());
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<FeedItem> chunk = new ArrayList<>(sending.batchSize());
            FeedItem item;
            while (stop.get() == null && (item = feed.next()) != null) {
                if (resume.acknowledged(item)) {
                    skipped.increment();
                    continue;
                }
                chunk.add(item);
                if (chunk.size() == sending.batchSize()) {
                    dispatch(chunk, inFlight, workers);
                    chunk = new ArrayList<>(sending.batchSize());
                }
            }
            if (!chunk.isEmpty() && stop.get() == null) {
                dispatch(chunk, inFlight, workers);
            }
        } catch (IOException e) {
            stopWith(new PushReport.Stop.Unreadable("cannot read " + feed.name() + ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopWith(new PushReport.Stop.Interrupted("interrupted"));
        } finally {
            ticker.shutdownNow();
        }
        progress.finish(snapshot());
        PushReport report = new PushReport(feed.name(), server, total, skipped.sum(), accepted.sum(), rejections.stream().toList(),
                retriedNotices.sum(), retries.sum(), elapsed(), Optional.ofNullable(stop.get()),
                resume.file().map(Object::toString), byProfile());
        return report;
    }

    private Map<EnvelopeProfile, Long> byProfile() {
        Map<EnvelopeProfile, Long> counts = new EnumMap<>(EnvelopeProfile.class);
        acceptedByProfile.forEach((profile, count) -> counts.put(profile, count.sum()));
        return counts;
    }

    /**
     * Stops taking notices from the feed (for Ctrl-C); the requests in flight finish and are recorded,
     * then {@link #run()} returns its report.
     */
    public void stop(String why) {
        stopWith(new PushReport.Stop.Interrupted(why));
    }

    /** Where the push stands now. */
    public Snapshot snapshot() {
        return new Snapshot(total, skipped.sum(), accepted.sum(), rejections.size(), retriedNotices.sum(), elapsed());
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private void dispatch(List<FeedItem> chunk, Semaphore inFlight, ExecutorService workers) throws InterruptedException {
        inFlight.acquire();
        if (stop.get() != null) {
            inFlight.release();
            return;
        }
        workers.submit(() -> {
            try {
                send(chunk);
            } finally {
                inFlight.release();
            }
        });
    }

    /** A notice ready to send. */
    private record Sealed(FeedItem item, SealedNotice notice) {
    }

    private void send(List<FeedItem> chunk) {
        List<Sealed> ready = (chunk.size() > 1 ? chunk.parallelStream() : chunk.stream())
                .map(this::seal).filter(Objects::nonNull).toList();
        if (ready.isEmpty() || stop.get() != null) {
            return;
        }
        try {
            switch (sending) {
                case Sending.OneByOne one -> {
                    for (Sealed sealed : ready) {
                        settle(sealed, one.publisher().publish(sealed.notice().envelope()));
                    }
                }
                case Sending.Batches batches -> batches.publisher().publishBatch(
                        ready.stream().map(s -> s.notice().envelope()).toList(),
                        (index, outcome) -> settle(ready.get(index), outcome));
            }
        } catch (AuthenticationException e) {
            stopWith(new PushReport.Stop.Authentication(e.getMessage()));
        } catch (ExchangeUnavailableException e) {
            stopWith(new PushReport.Stop.Unavailable(e.getMessage()));
        } catch (RuntimeException e) {
            stopWith(new PushReport.Stop.Unavailable("unexpected failure while sending: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        }
    }

    /** The notice checked and sealed, or null when it was rejected for that. */
    private Sealed seal(FeedItem item) {
        if (item.problem() != null) {
            reject(new PushReport.Rejection(item.sequence(), item.location(), INVALID, 0, item.problem()));
            return null;
        }
        try {
            return new Sealed(item, sealer.seal(item.bytes()));
        } catch (UnsealableNoticeException e) {
            reject(new PushReport.Rejection(item.sequence(), item.location(), INVALID, 0, e.getMessage()));
            return null;
        }
    }

    private void settle(Sealed sealed, PublishOutcome outcome) {
        FeedItem item = sealed.item();
        if (outcome.attempts() > 1) {
            retriedNotices.increment();
            retries.add(outcome.attempts() - 1L);
        }
        switch (outcome) {
            case PublishOutcome.Accepted a -> {
                resume.acknowledge(item, sealed.notice().noticeId().toString());
                accepted.increment();
                acceptedByProfile.get(sealed.notice().profile()).increment();
            }
            case PublishOutcome.Rejected r -> {
                reject(new PushReport.Rejection(item.sequence(), item.location(), r.reason(), r.status(), r.detail()));
                if (r.isTrustFailure()) {
                    stopWith(new PushReport.Stop.Trust("the exchange refused " + sealer.agency() + "'s envelope: "
                            + r.reason() + " (" + r.detail() + "); every other notice would be refused the same way"));
                }
            }
        }
    }

    private void reject(PushReport.Rejection rejection) {
        rejections.add(rejection);
        rejectionSink.accept(rejection);
    }

    private void stopWith(PushReport.Stop reason) {
        stop.compareAndSet(null, reason);
    }
}
