package eu.synergie.cli.push;

import eu.synergie.client.AgencySealer;
import eu.synergie.client.AuthenticationException;
import eu.synergie.client.BatchPublisher;
import eu.synergie.client.EnvelopePublisher;
import eu.synergie.client.ExchangeUnavailableException;
import eu.synergie.client.PublishOutcome;
import eu.synergie.client.SealingProfile;
import eu.synergie.client.TestNotices;
import eu.synergie.client.TestPki;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.crypto.envelope.EnvelopeOpener;
import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.crypto.envelope.HybridEnvelopeOpener;
import eu.synergie.crypto.pki.KeyCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class PushRunTest {

    private static final String SERVER = "https://exchange.example.eu";
    private static final TestPki PKI = new TestPki();
    private static final KeyCredential EU_WEST = PKI.region("EU-WEST");
    private static final AgencySealer SEALER = new AgencySealer(PKI.agency("BE-PJF"), List.of(EU_WEST.certificate()));

    @TempDir
    Path folder;

    /** Opens what it is sent with the region's key, like the exchange, and answers what {@code decide} says. */
    private static final class FakeExchange implements EnvelopePublisher {

        final List<UUID> received = new CopyOnWriteArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        private final Function<Notice, PublishOutcome> decide;
        private final EnvelopeOpener opener = new EnvelopeOpener(PKI.root.certificate());

        FakeExchange(Function<Notice, PublishOutcome> decide) {
            this.decide = decide;
        }

        @Override
        public PublishOutcome publish(byte[] envelope) {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                Notice notice = NoticeJson.read(opener.open(envelope, List.of(EU_WEST)).content());
                Thread.sleep(2); // an exchange that takes its time, so that requests overlap: not a wait for anything
                PublishOutcome outcome = decide.apply(notice);
                if (outcome instanceof PublishOutcome.Accepted) {
                    received.add(notice.noticeId());
                }
                return outcome;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    private static PublishOutcome accepted(Notice notice) {
        return new PublishOutcome.Accepted(notice.noticeId().toString(), notice.region(), "synergie.notices.EU-WEST", 0, 1, 1);
    }

    private Path feed(int count, Set<Integer> malformedLines) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int line = 1; line <= count; line++) {
            String json = TestNotices.notice().title("Note " + line, "fr").json();
            if (malformedLines.contains(line)) {
                json = switch (line % 3) {
                    case 0 -> json.substring(0, json.length() / 2);
                    case 1 -> json.replace("\"AMBER\"", "\"AMBRE\"");
                    default -> json.replaceFirst("\"noticeId\":\"[^\"]+\",", "");
                };
            }
            lines.add(json);
        }
        Path file = folder.resolve("feed.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private PushReport push(Path file, EnvelopePublisher exchange, ResumeLog resume) throws IOException {
        try (Feed feed = Feed.open(file)) {
            return new PushRun(feed, SERVER, SEALER, new Sending.OneByOne(exchange, 4), resume, Progress.NONE,
                    Duration.ofSeconds(60), r -> { }).run();
        }
    }

    @Test
    void runWhenThreeMalformedLinesThenThoseReportedWithLineNumbersAndTheRestAccepted() throws IOException {
        Path file = feed(30, Set.of(4, 11, 27));
        FakeExchange exchange = new FakeExchange(PushRunTest::accepted);

        PushReport report = push(file, exchange, ResumeLog.disabled());

        assertThat(report.accepted()).isEqualTo(27);
        assertThat(exchange.received).hasSize(27);
        assertThat(report.rejections()).extracting(PushReport.Rejection::location)
                .containsExactly("line 4", "line 11", "line 27");
        assertThat(report.rejections()).allSatisfy(r -> assertThat(r.reason()).isEqualTo(PushRun.INVALID));
        assertThat(report.rejections().get(0).detail()).contains("tlp");
        assertThat(report.rejections().get(1).detail()).contains("noticeId");
        assertThat(report.rejections().get(2).detail()).contains("not valid JSON");
        assertThat(report.status()).isEqualTo(PushReport.Status.PARTIAL);
        assertThat(report.render(100)).contains("line 4").contains("line 11").contains("line 27");
    }

    @Test
    void runWhenExchangeRejectsSomeThenReasonsReportedAndTheOthersAccepted() throws IOException {
        Path file = feed(10, Set.of());
        FakeExchange exchange = new FakeExchange(n -> n.title().equals("Note 7")
                ? new PublishOutcome.Rejected(422, "UNKNOWN_REGION", "region EU-WEST is not served", 1) : accepted(n));

        PushReport report = push(file, exchange, ResumeLog.disabled());

        assertThat(report.accepted()).isEqualTo(9);
        assertThat(report.rejections()).containsExactly(
                new PushReport.Rejection(7, "line 7", "UNKNOWN_REGION", 422, "region EU-WEST is not served"));
        assertThat(report.stop()).isEmpty();
    }

    @Test
    void runWhenRunAgainAfterTheExchangeWentAwayThenOnlyWhatWasNotAcknowledgedIsSent() throws IOException {
        Path file = feed(60, Set.of());
        Path resumeFile = folder.resolve("feed.jsonl.synergie-resume");
        AtomicInteger calls = new AtomicInteger();
        FakeExchange failing = new FakeExchange(n -> {
            if (calls.incrementAndGet() > 25) {
                throw new ExchangeUnavailableException("HTTP 503", null);
            }
            return accepted(n);
        });

        PushReport first;
        try (ResumeLog resume = ResumeLog.open(resumeFile, SERVER, false)) {
            first = push(file, failing, resume);
        }
        assertThat(first.status()).isEqualTo(PushReport.Status.PARTIAL);
        assertThat(first.stop()).containsInstanceOf(PushReport.Stop.Unavailable.class);
        assertThat(first.accepted()).isEqualTo(25);

        FakeExchange working = new FakeExchange(PushRunTest::accepted);
        PushReport second;
        try (ResumeLog resume = ResumeLog.open(resumeFile, SERVER, false)) {
            second = push(file, working, resume);
        }

        assertThat(second.status()).isEqualTo(PushReport.Status.COMPLETE);
        assertThat(second.skipped()).isEqualTo(25);
        assertThat(second.accepted()).isEqualTo(35);
        Set<UUID> all = ConcurrentHashMap.newKeySet();
        all.addAll(failing.received);
        all.addAll(working.received);
        assertThat(all).as("nothing skipped").hasSize(60);
        assertThat(failing.received.size() + working.received.size()).as("nothing sent twice").isEqualTo(60);
    }

    @Test
    void runWhenSignerRefusedThenStopsAtOnceWithTrustStatus() throws IOException {
        Path file = feed(200, Set.of());
        FakeExchange exchange = new FakeExchange(n -> new PublishOutcome.Rejected(422, "UNKNOWN_SIGNER",
                "signer certificate is not registered", 1));

        PushReport report = push(file, exchange, ResumeLog.disabled());

        assertThat(report.status()).isEqualTo(PushReport.Status.TRUST);
        assertThat(report.stop()).containsInstanceOf(PushReport.Stop.Trust.class);
        assertThat(report.rejections().size()).as("only those in flight").isLessThanOrEqualTo(8);
        assertThat(report.notSent().getAsLong()).isGreaterThan(150);
    }

    @Test
    void runWhenClientRefusedThenStopsWithAuthenticationStatus() throws IOException {
        Path file = feed(50, Set.of());
        FakeExchange exchange = new FakeExchange(n -> {
            throw new AuthenticationException("the token endpoint refused client feed-be-pjf (HTTP 401)");
        });

        PushReport report = push(file, exchange, ResumeLog.disabled());

        assertThat(report.status()).isEqualTo(PushReport.Status.AUTHENTICATION);
        assertThat(report.render(10)).contains("Stopped: the token endpoint refused client feed-be-pjf");
    }

    @Test
    void runWhenSomeNeededRetriesThenCountedAndNotOtherwiseDifferent() throws IOException {
        Path file = feed(10, Set.of());
        FakeExchange exchange = new FakeExchange(n -> n.title().equals("Note 3") || n.title().equals("Note 5")
                ? new PublishOutcome.Accepted(n.noticeId().toString(), "EU-WEST", "t", 0, 0, 3) : accepted(n));

        PushReport report = push(file, exchange, ResumeLog.disabled());

        assertThat(report.status()).isEqualTo(PushReport.Status.COMPLETE);
        assertThat(report.retriedNotices()).isEqualTo(2);
        assertThat(report.retries()).isEqualTo(4);
    }

    @Test
    void runWhenManyNoticesThenSeveralInFlightButNeverMoreThanTheConcurrency() throws IOException {
        Path file = feed(80, Set.of());
        FakeExchange exchange = new FakeExchange(PushRunTest::accepted);

        PushReport report = push(file, exchange, ResumeLog.disabled());

        assertThat(report.accepted()).isEqualTo(80);
        assertThat(report.total()).isEqualTo(OptionalLong.of(80));
        assertThat(exchange.maxInFlight.get()).isBetween(2, 4);
    }

    /** The fake exchange's batch endpoint: each envelope as {@link FakeExchange} decides, in order. */
    private static BatchPublisher batches(FakeExchange exchange, AtomicInteger requests) {
        return (envelopes, listener) -> {
            requests.incrementAndGet();
            for (int i = 0; i < envelopes.size(); i++) {
                listener.outcome(i, exchange.publish(envelopes.get(i)));
            }
        };
    }

    private PushReport pushInBatches(Path file, BatchPublisher publisher, ResumeLog resume) throws IOException {
        try (Feed feed = Feed.open(file)) {
            return new PushRun(feed, SERVER, SEALER, new Sending.Batches(publisher, 10, 2), resume, Progress.NONE,
                    Duration.ofSeconds(60), r -> { }).run();
        }
    }

    @Test
    void runWhenInBatchesThenMalformedLinesReportedAndTheRestSentTenPerRequest() throws IOException {
        Path file = feed(95, Set.of(4, 50, 95));
        FakeExchange exchange = new FakeExchange(PushRunTest::accepted);
        AtomicInteger requests = new AtomicInteger();

        PushReport report = pushInBatches(file, batches(exchange, requests), ResumeLog.disabled());

        assertThat(report.accepted()).isEqualTo(92);
        assertThat(report.rejections()).extracting(PushReport.Rejection::location).containsExactly("line 4", "line 50", "line 95");
        assertThat(requests.get()).isEqualTo(10);
        assertThat(exchange.received).hasSize(92).doesNotHaveDuplicates();
    }

    @Test
    void runWhenABatchIsCutShortThenTheAcknowledgedOnesAreRecordedAndTheRerunSendsTheRest() throws IOException {
        Path file = feed(100, Set.of());
        Path resumeFile = folder.resolve("feed.jsonl.synergie-resume");
        FakeExchange exchange = new FakeExchange(PushRunTest::accepted);
        AtomicInteger requests = new AtomicInteger();
        BatchPublisher cutInTheThirdBatch = (envelopes, listener) -> {
            if (requests.incrementAndGet() >= 3) {
                for (int i = 0; i < 4; i++) {
                    listener.outcome(i, exchange.publish(envelopes.get(i)));
                }
                throw new ExchangeUnavailableException("connection reset", null);
            }
            for (int i = 0; i < envelopes.size(); i++) {
                listener.outcome(i, exchange.publish(envelopes.get(i)));
            }
        };

        PushReport first;
        try (ResumeLog resume = ResumeLog.open(resumeFile, SERVER, false)) {
            first = pushInBatches(file, cutInTheThirdBatch, resume);
        }
        assertThat(first.status()).isEqualTo(PushReport.Status.PARTIAL);
        PushReport second;
        try (ResumeLog resume = ResumeLog.open(resumeFile, SERVER, false)) {
            second = pushInBatches(file, batches(exchange, new AtomicInteger()), resume);
        }

        assertThat(second.skipped()).isEqualTo(first.accepted());
        assertThat(first.accepted() + second.accepted()).isEqualTo(100);
        assertThat(exchange.received).as("each notice exactly once").hasSize(100).doesNotHaveDuplicates();
    }

    @Test
    void runWhenSealerHybridForTheRegionThenHybridEnvelopesTheRegionOpensAndTheReportCountsThem() throws IOException {
        KeyCredential kem = PKI.regionKem("EU-WEST");
        AgencySealer hybrid = new AgencySealer(PKI.agency("BE-PJF"), PKI.agencyPostQuantum("BE-PJF"),
                List.of(EU_WEST.certificate(), kem.certificate()), SealingProfile.AUTO);
        HybridEnvelopeOpener opener = new HybridEnvelopeOpener(PKI.root.certificate(), PKI.mlDsaRoot.certificate(), 1 << 20,
                EnvelopeOpener.Originator.MUST_BE_RECIPIENT);
        List<UUID> opened = new CopyOnWriteArrayList<>();
        EnvelopePublisher exchange = envelope -> {
            assertThat(EnvelopeProfile.of(envelope)).isEqualTo(EnvelopeProfile.HYBRID);
            Notice notice = NoticeJson.read(opener.open(envelope, List.of(EU_WEST, kem)).content());
            opened.add(notice.noticeId());
            return accepted(notice);
        };

        PushReport report;
        try (Feed feed = Feed.open(feed(5, Set.of()))) {
            report = new PushRun(feed, SERVER, hybrid, new Sending.OneByOne(exchange, 2), ResumeLog.disabled(), Progress.NONE,
                    Duration.ofSeconds(60), r -> { }).run();
        }

        assertThat(opened).hasSize(5);
        assertThat(report.acceptedByProfile()).containsEntry(EnvelopeProfile.HYBRID, 5L).containsEntry(EnvelopeProfile.CLASSICAL, 0L);
        assertThat(report.render(10)).contains("sealed hybrid 5").doesNotContain("classical");
    }
}
