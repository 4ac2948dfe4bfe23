package eu.synergie.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agency's side end to end on the real stack: keygen, the request issued through the admin API,
 * cert install, then feeds of realistic notices pushed by the CLI and found by an analyst; a push killed
 * midway and run again; and a feed with malformed lines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushIT extends ExchangeIntegrationTest {

    private static final int TEN_THOUSAND = 10_000;
    private static final Path MEASUREMENTS = Path.of("target/cli-push-measurements.txt");

    private Path work;
    private Map<String, String> env;

    @BeforeAll
    void onboard() throws Exception {
        work = Files.createDirectories(Path.of("target/push-it-" + UUID.randomUUID()).toAbsolutePath());
        env = agencyEnvironment(work);
        registerAgency();

        CliRun keygen = CliRun.run(work, env, "keygen", "--agency", AGENCY, "--csr", "be-pjf.csr");
        assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
        Files.writeString(work.resolve("be-pjf-chain.pem"), issueCertificate(work.resolve("be-pjf.csr")));
        CliRun install = CliRun.run(work, env, "cert", "install", "be-pjf-chain.pem");
        assertThat(install.exitCode()).as(install.toString()).isZero();
        assertThat(install.out()).contains("Installed the certificate of BE-PJF")
                .contains("root CA CN=Synergie Exchange Root CA");
        regionCertificate(work.resolve("eu-west.pem"));
    }

    @Test
    void pushWhenTenThousandNoticesKilledMidwayThenTheRerunSendsOnlyTheRestAndExactlyTenThousandAreSearchable()
            throws Exception {
        String token = runToken();
        Path feed = TestFeeds.write(work.resolve("ten-thousand.jsonl"), 2, TEN_THOUSAND, AGENCY, "EU-WEST", token, Set.of());
        Path resume = work.resolve("ten-thousand.jsonl.synergie-resume");

        Process first = childPush(feed, "first-run.log");
        awaitAcknowledged(resume, 2_000, first, "first-run.log");
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long acknowledged = acknowledged(resume);
        assertThat(acknowledged).isBetween(2_000L, TEN_THOUSAND - 1L);

        long rerunStart = System.nanoTime();
        CliRun rerun = CliRun.run(work, env, "push", feed.toString(), "--progress", "lines");
        long rerunEnd = System.nanoTime();

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(count(rerun.out(), "skipped")).as("acknowledged before the kill, not sent again").isEqualTo(acknowledged);
        assertThat(count(rerun.out(), "accepted")).as("the rest, nothing skipped").isEqualTo(TEN_THOUSAND - acknowledged);
        assertThat(rerun.out()).doesNotContain("Rejected:");
        long searchableAt = awaitSearchable(token, TEN_THOUSAND, Duration.ofMinutes(3));
        double seconds = (rerunEnd - rerunStart) / 1e9;
        record(String.format(Locale.ROOT, "killed push: %,d acknowledged before the kill, the re-run sent the other %,d "
                        + "in %.1f s (%.0f notices/s, batches of 50); all %,d searchable %.1f s after the re-run started",
                acknowledged, TEN_THOUSAND - acknowledged, seconds, (TEN_THOUSAND - acknowledged) / seconds, TEN_THOUSAND,
                (searchableAt - rerunStart) / 1e9));
    }

    @Test
    void pushWhenInterruptedWithCtrlCThenTheRequestsInFlightAreRecordedAndReportedAndTheRerunSendsTheRest() throws Exception {
        String token = runToken();
        int total = 1_500;
        Path feed = TestFeeds.write(work.resolve("interrupted.jsonl"), 4, total, AGENCY, "EU-WEST", token, Set.of());
        Path resume = work.resolve("interrupted.jsonl.synergie-resume");

        assertThat(sigintIgnored()).as("SIGINT is ignored in this test JVM, so the child push would ignore Ctrl-C too: the "
                + "tests were started in the background by a shell without job control (run .ci/run in the foreground, or "
                + "under 'set -m')").isFalse();
        Process first = childPush(feed, "interrupted.log");
        awaitAcknowledged(resume, 200, first, "interrupted.log");
        assertThat(new ProcessBuilder("kill", "-INT", String.valueOf(first.pid())).start().waitFor()).isZero();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String log = log("interrupted.log");
        assertThat(first.exitValue()).as(log).isEqualTo(130);
        assertThat(log).contains("Stopped: interrupted").contains("Run the same command again");
        long accepted = count(log, "accepted");
        assertThat(acknowledged(resume)).as("everything the report counts as accepted is in the resume file").isEqualTo(accepted);
        assertThat(accepted).isBetween(200L, total - 1L);

        CliRun rerun = CliRun.run(work, env, "push", feed.toString(), "--progress", "none");
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(count(rerun.out(), "skipped")).isEqualTo(accepted);
        assertThat(count(rerun.out(), "accepted")).isEqualTo(total - accepted);
        awaitSearchable(token, total, Duration.ofMinutes(2));
    }

    /**
     * The figures for the report: 10,000 notices pushed in one go by the CLI in its own JVM, as an agency
     * runs it, in batches (the default) and one envelope per request. Off by default (a few minutes):
     * {@code -Dsynergie.cli.benchmark=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "synergie.cli.benchmark", matches = "true")
    void benchmarkWhenTenThousandPushedInOneGoThenThroughputAndTimeUntilSearchable() throws Exception {
        benchmark("batches of 50, 4 requests in flight (the default)", 11);
        benchmark("one envelope per request, 8 in flight", 12, "--batch-size", "1");
    }

    private void benchmark(String mode, long seed, String... options) throws Exception {
        String token = runToken();
        Path feed = TestFeeds.write(work.resolve("benchmark-" + seed + ".jsonl"), seed, TEN_THOUSAND, AGENCY, "EU-WEST", token,
                Set.of());

        long start = System.nanoTime();
        Process push = childPush(feed, "benchmark-" + seed + ".log", options);
        assertThat(push.waitFor(10, TimeUnit.MINUTES)).isTrue();
        long pushed = System.nanoTime();
        assertThat(push.exitValue()).as(log("benchmark-" + seed + ".log")).isZero();
        assertThat(count(log("benchmark-" + seed + ".log"), "accepted")).isEqualTo(TEN_THOUSAND);
        long searchableAt = awaitSearchable(token, TEN_THOUSAND, Duration.ofMinutes(5));

        double seconds = (pushed - start) / 1e9;
        record(String.format(Locale.ROOT, "benchmark (%s): %,d notices pushed by the CLI in its own JVM in %.1f s, "
                + "%.0f notices/s; all searchable %.1f s after the push started", mode, TEN_THOUSAND, seconds,
                TEN_THOUSAND / seconds, (searchableAt - start) / 1e9));
    }

    /** The CLI in its own JVM, as an agency runs it, with plain progress lines every second. */
    /**
     * Whether this process ignores SIGINT, as processes started in the background by a non-interactive shell do (and
     * their children after them, whatever they install): {@code SigIgn} in {@code /proc/self/status}, bit 2.
     */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        return Files.readAllLines(status, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("SigIgn:"))
                .map(l -> new java.math.BigInteger(l.substring("SigIgn:".length()).strip(), 16))
                .anyMatch(mask -> mask.testBit(1));
    }

    private Process childPush(Path feed, String logName, String... options) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("synergie.cli.jar", "target/synergie-cli-exec.jar"),
                "push", feed.toString(), "--progress", "lines", "--progress-interval", "1"));
        command.addAll(List.of(options));
        ProcessBuilder child = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(logName).toFile());
        child.environment().putAll(env);
        return child.start();
    }

    @Test
    void pushWhenThreeMalformedLinesThenTheyAreReportedByLineAndTheRestAcceptedWithExitCode2() throws Exception {
        String token = runToken();
        Path feed = TestFeeds.write(work.resolve("three-malformed.jsonl"), 3, 300, AGENCY, "EU-WEST", token,
                Set.of(17, 150, 289));

        CliRun push = CliRun.run(work, env, "push", feed.toString(), "--rejects", "rejects.jsonl");

        assertThat(push.exitCode()).as(push.toString()).isEqualTo(2);
        assertThat(count(push.out(), "accepted")).isEqualTo(297);
        assertThat(count(push.out(), "rejected")).isEqualTo(3);
        assertThat(push.out()).containsPattern("line 17 +INVALID_NOTICE +issuedAt must be an ISO-8601 instant")
                .containsPattern("line 150 +INVALID_NOTICE +notice is not valid JSON")
                .containsPattern("line 289 +INVALID_NOTICE +classification must be one of");
        List<String> rejects = Files.readAllLines(work.resolve("rejects.jsonl"));
        assertThat(rejects).hasSize(3).allSatisfy(line -> assertThat(line).contains("\"reason\":\"INVALID_NOTICE\""));
        awaitSearchable(token, 297, Duration.ofMinutes(1));
    }

    /**
     * Issue 16: a STIX 2.1 bundle (a report, an IP, an e-mail address, a malware SDO a notice has no place for) pushed as
     * the agency's feed: one notice, sealed by the agency and searchable; the malware named as not mapped; pushed again,
     * nothing is sent (the same conversion, the same bytes).
     */
    @Test
    void pushWhenStixBundleThenItsReportIsSearchableAsTheAgencysNoticeAndARerunSendsNothing() throws Exception {
        String token = runToken();
        Path bundle = work.resolve("bundle-" + token + ".json");
        Files.writeString(bundle, TestBundles.phishing(UUID.randomUUID().toString(), token));

        CliRun push = CliRun.run(work, env, "push", "--format", "stix", bundle.toString(), "--progress", "none");

        assertThat(push.exitCode()).as(push.toString()).isZero();
        assertThat(count(push.out(), "accepted")).isEqualTo(1);
        assertThat(push.err()).contains("not mapped: malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b (malware)");
        awaitSearchable(token, 1, Duration.ofMinutes(1));

        CliRun again = CliRun.run(work, env, "push", "--format", "stix", bundle.toString(), "--progress", "none");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("(1 acknowledged before)");
    }

    private static String runToken() {
        byte[] random = new byte[5];
        new Random().nextBytes(random);
        return "clirun" + HexFormat.of().formatHex(random).replaceAll("[0-9]", "x");
    }

    private static long count(String report, String label) {
        Matcher matcher = Pattern.compile("(?m)^  " + label + " +([\\d,]+)").matcher(report);
        assertThat(matcher.find()).as(label + " in:\n" + report).isTrue();
        return Long.parseLong(matcher.group(1).replace(",", ""));
    }

    /**
     * Until the resume file lists {@code count} acknowledged notices, within 2 minutes; fails at once if the push ends
     * before (with its log).
     */
    private void awaitAcknowledged(Path resume, long count, Process push, String logName) {
        await(String.format(Locale.ROOT, "%,d acknowledged in %s", count, resume.getFileName())).atMost(Duration.ofMinutes(2))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    long acknowledged = acknowledged(resume);
                    if (acknowledged < count) {
                        assertThat(push.isAlive()).as("the push is still running: " + log(logName)).isTrue();
                    }
                    return acknowledged;
                }, acknowledged -> acknowledged >= count);
    }

    private static long acknowledged(Path resume) throws IOException {
        if (!Files.exists(resume)) {
            return 0;
        }
        return Files.readAllLines(resume, StandardCharsets.UTF_8).stream().filter(l -> l.matches("^[0-9a-f]{32} .*")).count();
    }

    private String log(String name) {
        try {
            return Files.readString(work.resolve(name));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void record(String line) throws IOException {
        System.out.println(line);
        Files.writeString(MEASUREMENTS, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
