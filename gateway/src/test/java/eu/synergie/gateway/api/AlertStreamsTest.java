package eu.synergie.gateway.api;

import eu.synergie.core.matching.Alert;
import eu.synergie.core.matching.AlertInbox;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client that stops reading holds up nobody: the alerts follower hands each alert to every stream without
 * waiting, a healthy stream gets every alert, and the stalled one, too far behind, is dropped and closed.
 */
class AlertStreamsTest {

    private static final Caller CLAIRE = new Caller("claire.martin", "FR-DGPN", Set.of("EU-WEST", "MED"),
            Classification.CONFIDENTIAL, Set.of(Role.ANALYST));
    private static final Caller PIERRE = new Caller("pierre.durand", "FR-DGPN", Set.of("EU-WEST"),
            Classification.RESTRICTED, Set.of(Role.ANALYST));

    private final AlertInbox inbox = new AlertInbox(new AccessPolicy(), 1000);
    private final AlertStreams streams = new AlertStreams(inbox);

    @AfterEach
    void stop() {
        streams.stop();
    }

    /** A client whose connection no longer drains: every write blocks until the writing thread is interrupted. */
    private static final class StalledEmitter extends SseEmitter {
        final CountDownLatch completed = new CountDownLatch(1);
        final CountDownLatch writing = new CountDownLatch(1);

        @Override
        public void send(SseEventBuilder builder) throws IOException {
            writing.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                throw new InterruptedIOException("write interrupted");
            }
        }

        @Override
        public void complete() {
            completed.countDown();
        }
    }

    /** A client that reads everything. */
    private static final class ReadingEmitter extends SseEmitter {
        final List<SseEventBuilder> events = new CopyOnWriteArrayList<>();

        @Override
        public void send(SseEventBuilder builder) {
            events.add(builder);
        }
    }

    private static Alert hit(int n) {
        Markings markings = new Markings("EU-WEST", "FR-DGPN", Classification.RESTRICTED, HandlingCode.H1, null, Tlp.AMBER,
                Set.of(), Dissemination.FULL);
        return new Alert.Hit("alert-" + n, "FR-DGPN", Instant.now(), UUID.randomUUID(), markings, "IBAN",
                "FR7630006000011234567890189", Alert.Form.POINTER, null, "ES-CNP", null, "REF-" + n);
    }

    @Test
    void openWhenOneClientStopsReadingThenTheOthersGetEveryAlertAndTheStalledStreamIsDroppedAndClosed() throws Exception {
        streams.start();
        StalledEmitter stalled = new StalledEmitter();
        ReadingEmitter reading = new ReadingEmitter();
        List<String> audited = new CopyOnWriteArrayList<>();
        streams.open(CLAIRE, stalled, alert -> SseEmitter.event().name("alert").id(alert.id()), alert -> { });
        streams.open(PIERRE, reading, alert -> SseEmitter.event().name("alert").id(alert.id()), alert -> audited.add(alert.id()));
        assertThat(stalled.writing.await(10, TimeUnit.SECONDS)).as("the stalled client's first write is blocked").isTrue();
        int alerts = AlertStreams.MAX_QUEUED + 50;

        // As the alerts follower does: it must never wait for a stream. Alerts come in bursts of half a queue, each
        // once the reading client has had the last one (a reader is dropped only when it falls a whole queue behind,
        // which a burst of all of them at once could do to it on a busy machine); the stalled client never drains.
        int burst = AlertStreams.MAX_QUEUED / 2;
        for (int start = 0; start < alerts; start += burst) {
            int from = start;
            int to = Math.min(alerts, start + burst);
            CompletableFuture.runAsync(() -> {
                for (int i = from; i < to; i++) {
                    inbox.add(hit(i));
                }
            }).get(30, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> reading.events.size() == to + 1);
        }

        assertThat(reading.events).hasSize(alerts + 1);
        assertThat(audited).hasSize(alerts).first().isEqualTo("alert-0");
        assertThat(stalled.completed.await(30, TimeUnit.SECONDS)).as("the stalled stream was closed").isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> streams.openStreams() == 1);
    }

    @Test
    void stopWhenStreamsAreOpenThenEachEndsWithoutTheStoppingThreadWaitingOnAWrite() throws Exception {
        streams.start();
        StalledEmitter stalled = new StalledEmitter();
        ReadingEmitter reading = new ReadingEmitter();
        streams.open(CLAIRE, stalled, alert -> SseEmitter.event(), alert -> { });
        streams.open(PIERRE, reading, alert -> SseEmitter.event(), alert -> { });
        assertThat(stalled.writing.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture.runAsync(streams::stop).get(30, TimeUnit.SECONDS);

        assertThat(stalled.completed.await(30, TimeUnit.SECONDS)).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> streams.openStreams() == 0);
        SseEmitter late = new ReadingEmitter();
        streams.open(CLAIRE, late, alert -> SseEmitter.event(), alert -> { });
        assertThat(streams.openStreams()).as("a stream opened while stopping ends at once").isZero();
    }
}
