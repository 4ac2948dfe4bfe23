package eu.synergie.cli;

import eu.synergie.cli.config.Setting;
import eu.synergie.cli.push.Feed;
import eu.synergie.cli.push.Progress;
import eu.synergie.cli.push.PushReport;
import eu.synergie.cli.push.PushRun;
import eu.synergie.cli.push.ResumeLog;
import eu.synergie.cli.push.Sending;
import eu.synergie.client.AgencySealer;
import eu.synergie.client.ClientSettings;
import eu.synergie.client.Secret;
import eu.synergie.client.SynergieClient;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.stix.Conversion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** {@code synergie push}: a feed of notices to the exchange, resumable. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Push a feed of notices to the exchange: a file of JSON lines (one notice per line), a folder of "
                + ".json files (one notice each), or - for JSON lines on standard input.",
                "Each notice is checked against the schema, sealed with the agency's key for its region, and published "
                        + "with the feed client's token (client credentials, renewed before it expires): in batches of 50 "
                        + "when the exchange takes batches, else one per request, several requests at a time. "
                        + "Transient failures (connection, 429, 502, 503, 504) are retried with exponential back-off; "
                        + "refusals are not, and are reported with their line numbers and reasons.",
                "A resume file (next to the feed by default) records what the exchange acknowledged: after a crash, a "
                        + "kill or Ctrl-C, the same command sends only the rest. Progress: a bar with rate and ETA on a "
                        + "terminal, a plain line every few seconds otherwise."},
        footer = {"", "Example (secrets from the environment or the config file, never options):",
                "  export SYNERGIE_SERVER=https://exchange.example.eu",
                "  export SYNERGIE_CLIENT_ID=feed-be-pjf",
                "  synergie push notices.jsonl --region-cert eu-west.pem"})
final class PushCommand implements Callable<Integer> {

    private static final int DEFAULT_CONCURRENCY = 8;
    private static final int DEFAULT_BATCH_CONCURRENCY = 4;
    private static final int DEFAULT_BATCH_SIZE = 50;
    private static final int LISTED_REJECTIONS = 100;

    @ParentCommand
    SynergieCli root;

    @Parameters(index = "0", paramLabel = "FEED", description = "A JSON lines file, a folder of .json files, or - for standard input.")
    String feed;

    @Option(names = "--server", paramLabel = "URL", description = "The exchange's base URL (setting server).")
    String server;

    @Option(names = "--token-url", paramLabel = "URL", description = "The token endpoint (setting token-url).")
    String tokenUrl;

    @Option(names = "--client-id", paramLabel = "ID", description = "The feed client (setting client-id); its secret: SYNERGIE_CLIENT_SECRET.")
    String clientId;

    @Option(names = "--keystore", paramLabel = "FILE", description = "The agency's key store (setting keystore).")
    String keystore;

    @Option(names = "--region-cert", paramLabel = "FILE", description = "A region's recipient certificate, PEM (repeatable; setting region-certs).")
    List<String> regionCerts = List.of();

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "auto",
            description = "Envelope profile: auto (default: hybrid for each region whose ML-KEM-768 certificate is given, "
                    + "when the key store holds the agency's post-quantum keys; classical otherwise), classical, or "
                    + "hybrid (refused unless every region given can be sealed hybrid).")
    String profile;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Requests in flight at once (setting concurrency; default 8 one by one, 4 in batches).")
    Integer concurrency;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Envelopes per request when the exchange takes batches (setting batch-size; default 50; 1: one per request).")
    Integer batchSize;

    @Option(names = "--resume-file", paramLabel = "FILE", description = "The resume file (default: FEED.synergie-resume beside the feed).")
    String resumeFile;

    @Option(names = "--no-resume", description = "Neither read nor write a resume file: send everything.")
    boolean noResume;

    @Option(names = "--restart", description = "Forget what the resume file records and send everything again.")
    boolean restart;

    @Option(names = "--rejects", paramLabel = "FILE", description = "Also write every rejection to FILE, as JSON lines.")
    String rejects;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar on a terminal, lines otherwise), bar, lines or none.")
    String progress;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between progress lines when not on a terminal (default 5).")
    int progressInterval;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = StixBundles.NOTICES,
            description = "notices (default: JSON lines or a folder of .json files) or stix (one STIX 2.1 bundle: each "
                    + "report becomes a notice; review first with synergie convert).")
    String format;

    @Option(names = "--region", paramLabel = "REGION",
            description = "With --format stix: the region of the notices (default: the only region certificate given).")
    String region;

    @Option(names = "--accept-unmapped-markings",
            description = "With --format stix: push even when a marking of the bundle cannot be read (the notices then "
                    + "carry the agency's markings only, not that marking's protection).")
    boolean acceptUnmappedMarkings;

    @Option(names = "--config", paramLabel = "FILE", description = "The config file.")
    String config;

    @Override
    public Integer call() throws IOException {
        boolean stix = StixBundles.isStix(format);
        if (!stix && (region != null || acceptUnmappedMarkings)) {
            // A notice names its own region; the options would be silently ignored.
            throw new CliFailure(ExitCode.USAGE, (region != null ? "--region" : "--accept-unmapped-markings")
                    + " applies to --format stix only");
        }
        Io io = root.io();
        Invocation run = Invocation.of(io, config, Invocation.options(Setting.SERVER, server, Setting.TOKEN_URL, tokenUrl,
                Setting.CLIENT_ID, clientId, Setting.KEYSTORE, keystore, Setting.REGION_CERTS, regionCerts,
                Setting.CONCURRENCY, concurrency, Setting.BATCH_SIZE, batchSize));
        URI serverUrl = run.settings.url(Setting.SERVER, "push");
        URI tokenEndpoint = run.settings.url(Setting.TOKEN_URL, "push");
        String client = run.settings.required(Setting.CLIENT_ID, "push");
        Secret secret = Secret.of(run.settings.required(Setting.CLIENT_SECRET, "push"));
        int perRequest = run.settings.count(Setting.BATCH_SIZE, DEFAULT_BATCH_SIZE, 1, 1000);
        if (run.settings.paths(Setting.REGION_CERTS).isEmpty()) {
            run.settings.required(Setting.REGION_CERTS, "push");
        }
        AgencySealer sealer = run.sealer("push", profile);
        Progress shown = progress(io);

        try (Feed notices = stix ? stixFeed(run, sealer) : readsStdin(feed) ? Feed.of("standard input", io.in())
                : Feed.open(io.path(feed), feed);
             ResumeLog resume = resume(run, serverUrl);
             Rejections rejections = new Rejections(rejects == null ? null : io.path(rejects));
             SynergieClient exchange = SynergieClient.create(ClientSettings.of(serverUrl, tokenEndpoint, client, secret))) {
            exchange.authenticate();
            Sending sending = sending(run, exchange, perRequest);
            OptionalLong total = notices.count();
            io.out().println("Pushing " + notices.name() + (total.isPresent() ? String.format(Locale.ROOT, " (%,d notices)",
                    total.getAsLong()) : "") + " to " + serverUrl + " as " + sealer.agency() + ", "
                    + (sending.batchSize() > 1 ? "in batches of " + sending.batchSize() + ", " + sending.inFlight() + " at a time"
                    : "one per request, " + sending.inFlight() + " at a time")
                    + "; " + profiles(sealer)
                    + resume.file().map(f -> "; resume file " + f + (resume.previouslyAcknowledged() > 0
                    ? String.format(Locale.ROOT, " (%,d acknowledged before)", resume.previouslyAcknowledged()) : "")).orElse(""));
            PushRun push = new PushRun(notices, serverUrl.toString(), sealer, sending, resume, shown,
                    drawsBar(io) ? Duration.ofMillis(200) : Duration.ofSeconds(Math.max(1, progressInterval)),
                    rejections);
            CountDownLatch reported = new CountDownLatch(1);
            Thread onSignal = new Thread(() -> {
                push.stop("interrupted: the requests in flight were completed and recorded");
                try {
                    reported.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "synergie-push-interrupt");
            Runtime.getRuntime().addShutdownHook(onSignal);
            PushReport report;
            try {
                report = push.run();
                io.out().print(report.render(LISTED_REJECTIONS));
                io.out().flush();
            } finally {
                reported.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(onSignal);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it has what it waited for
                }
            }
            return ExitCode.of(report.status()).code();
        }
    }

    // The bundle's reports as notices of the sealer's agency; the resume file then works as for any feed (a notice
    // converted the same way twice has the same bytes).
    private Feed stixFeed(Invocation run, AgencySealer sealer) {
        String target = region;
        if (target == null) {
            if (sealer.regions().size() != 1) {
                throw new CliFailure(ExitCode.USAGE, "--format stix needs --region (the region certificates given are for "
                        + String.join(", ", sealer.regions()) + ")");
            }
            target = sealer.regions().iterator().next();
        }
        String name = readsStdin(feed) ? "standard input" : feed;
        List<Conversion> conversions = StixBundles.convert(run.read(feed, "the bundle"), name, sealer.agency(), target,
                run.io.err());
        StixBundles.requireMarkingsRead(conversions, name, acceptUnmappedMarkings);
        List<Map.Entry<String, byte[]>> notices = new ArrayList<>();
        for (Conversion conversion : conversions) {
            notices.add(Map.entry("notice " + conversion.notice().noticeId(), NoticeJson.write(conversion.notice())));
        }
        return Feed.of(name, notices);
    }

    // "profile hybrid for EU-WEST, classical for MED".
    private static String profiles(AgencySealer sealer) {
        Map<String, List<String>> regionsByProfile = new java.util.TreeMap<>();
        sealer.profiles().forEach((region, profile) -> regionsByProfile
                .computeIfAbsent(profile.name().toLowerCase(Locale.ROOT), p -> new ArrayList<>()).add(region));
        List<String> parts = new ArrayList<>();
        regionsByProfile.forEach((profile, regions) -> parts.add(profile + " for " + String.join(", ", regions)));
        return "profile " + (parts.isEmpty() ? "none (no region)" : String.join(", ", parts));
    }

    // Batches when the exchange takes them (it answers an empty one), else one envelope per request.
    private static Sending sending(Invocation run, SynergieClient exchange, int perRequest) {
        if (perRequest > 1) {
            if (exchange.supportsBatches()) {
                return new Sending.Batches(exchange, perRequest,
                        run.settings.count(Setting.CONCURRENCY, DEFAULT_BATCH_CONCURRENCY, 1, 64));
            }
            run.io.err().println("synergie: the exchange takes no batches; sending one envelope per request");
        }
        return new Sending.OneByOne(exchange, run.settings.count(Setting.CONCURRENCY, DEFAULT_CONCURRENCY, 1, 64));
    }

    private Progress progress(Io io) {
        return switch (progress) {
            case "none" -> Progress.NONE;
            case "bar", "auto" -> drawsBar(io) ? Progress.bar(io.out(), terminalWidth(io)) : Progress.lines(io.out());
            case "lines" -> Progress.lines(io.out());
            default -> throw new CliFailure(ExitCode.USAGE, "--progress must be auto, bar, lines or none");
        };
    }

    private boolean drawsBar(Io io) {
        return "bar".equals(progress) || "auto".equals(progress) && io.terminal();
    }

    private ResumeLog resume(Invocation run, URI serverUrl) {
        if (noResume) {
            return ResumeLog.disabled();
        }
        Path file;
        if (resumeFile != null) {
            file = run.io.path(resumeFile);
        } else if (readsStdin(feed)) {
            run.io.err().println("synergie: warning: no resume file for standard input (give --resume-file to have one)");
            return ResumeLog.disabled();
        } else {
            Path input = run.io.path(feed).toAbsolutePath().normalize();
            file = input.resolveSibling(input.getFileName() + ".synergie-resume");
        }
        return ResumeLog.open(file, serverUrl.toString(), restart);
    }

    private static boolean readsStdin(String feed) {
        return Invocation.STDIO.equals(feed);
    }

    private static int terminalWidth(Io io) {
        try {
            return Integer.parseInt(io.environment().getOrDefault("COLUMNS", "100"));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    /** Every rejection as a JSON line, when asked for. */
    private static final class Rejections implements Consumer<PushReport.Rejection>, AutoCloseable {

        private static final JsonMapper JSON = JsonMapper.builder().build();
        private final Writer writer;

        Rejections(Path file) throws IOException {
            this.writer = file == null ? null : new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        }

        @Override
        public synchronized void accept(PushReport.Rejection rejection) {
            if (writer == null) {
                return;
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("location", rejection.location());
            line.put("reason", rejection.reason());
            line.put("status", rejection.status());
            line.put("detail", rejection.detail());
            try {
                writer.write(JSON.writeValueAsString(line) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void close() throws IOException {
            if (writer != null) {
                writer.close();
            }
        }
    }
}
