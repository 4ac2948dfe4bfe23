package eu.synergie.bench;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the benchmark JVM's CPU goes, by stage of the pipeline: a JDK Flight Recorder recording of
 * execution samples, each sample put in the path it serves (publish request, indexer, search…) and the
 * deepest stage of ours or of a library its stack is in (open: decrypt, open: signature, Kafka client,
 * Elasticsearch client…). The recording is kept for a closer look with {@code jfr} or JDK Mission Control.
 */
final class StageProfile {

    /** A stage, recognised by a frame of this class (and method, when given). */
    private record Rule(String classPrefix, String method, String stage) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("org.apache.catalina", null, "Tomcat (HTTP parsing, I/O)"),
            new Rule("org.apache.coyote", null, "Tomcat (HTTP parsing, I/O)"),
            new Rule("org.apache.tomcat", null, "Tomcat (HTTP parsing, I/O)"),
            new Rule("org.springframework.security", null, "JWT / security filters"),
            new Rule("com.nimbusds", null, "JWT / security filters"),
            new Rule("eu.synergie.gateway.api.BatchPublishController", null, "batch controller (NDJSON lines, JSON, status lines)"),
            new Rule("java.util.Base64", null, "base64 decoding"),
            new Rule("eu.synergie.core.intake", null, "publish rule"),
            new Rule("eu.synergie.core.ingestion", null, "ingestion (batch, versions)"),
            new Rule("eu.synergie.core.envelope.NoticeOpener", null, "open: trust checks"),
            new Rule("eu.synergie.core.envelope.NoticeOpener", "sha256", "open: signer fingerprint"),
            new Rule("eu.synergie.core.envelope.MarkingsLabel", null, "open: markings = label"),
            new Rule("eu.synergie.core.trust", null, "open: trust checks"),
            new Rule("eu.synergie.crypto.envelope.EnvelopeOpener", null, "open: CMS / ASN.1 parsing"),
            new Rule("eu.synergie.crypto.envelope.EnvelopeOpener", "certificateOf", "open: certificate decoding"),
            new Rule("eu.synergie.crypto.envelope.EnvelopeOpener", "certificates", "open: certificate decoding"),
            new Rule("eu.synergie.crypto.envelope.EnvelopeOpener", "decrypt", "open: ECDH + AES-GCM decrypt"),
            new Rule("eu.synergie.crypto.envelope.EnvelopeOpener", "verifySignature", "open: ECDSA signature verify"),
            new Rule("eu.synergie.crypto.envelope.EnvelopeOpener", "requireChainToAnchor", "open: certificate path"),
            new Rule("eu.synergie.crypto.envelope.SecurityLabels", null, "open: security label"),
            new Rule("eu.synergie.core.notice.NoticeJson", null, "notice JSON parsing"),
            new Rule("eu.synergie.search", null, "search module (documents, queries)"),
            new Rule("eu.synergie.core.notice.Folding", null, "text folding"),
            new Rule("co.elastic", null, "Elasticsearch client (JSON, HTTP)"),
            new Rule("org.apache.hc", null, "Elasticsearch client (JSON, HTTP)"),
            new Rule("org.springframework.kafka", null, "Kafka client"),
            new Rule("org.apache.kafka", null, "Kafka client"),
            new Rule("eu.synergie.gateway.audit", null, "audit (events, hash chain, canonical JSON)"),
            new Rule("eu.synergie.core.audit", null, "audit (events, hash chain, canonical JSON)"),
            new Rule("eu.synergie.crypto.audit", null, "audit (events, hash chain, canonical JSON)"),
            new Rule("ch.qos.logback", null, "logging"),
            new Rule("eu.synergie.bench", null, "benchmark load client"));

    private final Recording recording = new Recording();
    private final Path file;

    StageProfile(Path file) {
        this.file = file;
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        // Stalls of every thread at once, which the samples cannot show. (Where a request waits is not recorded: the
        // gateway serves on virtual threads, whose parks JFR does not record as jdk.ThreadPark events.)
        recording.enable("jdk.GCPhasePause");
        recording.setName("synergie-load-benchmark");
    }

    void start() {
        recording.start();
    }

    /** Stops, writes the recording, and answers the table of stages. */
    List<String> stop() throws IOException {
        recording.stop();
        recording.dump(file);
        recording.close();
        Map<String, Integer> byPath = new HashMap<>();
        Map<String, Integer> byStage = new HashMap<>();
        Pauses pauses = new Pauses();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.GCPhasePause")) {
                pauses.add(event.getDuration());
                continue;
            }
            if (!type.equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            RecordedThread thread = event.getThread("sampledThread");
            String path = pathOf(stack, thread == null ? "" : thread.getJavaName());
            String stage = stageOf(stack);
            byPath.merge(path, 1, Integer::sum);
            byStage.merge(path + "  >  " + stage, 1, Integer::sum);
            total++;
        }
        List<String> lines = new ArrayList<>();
        lines.add("JFR execution samples: " + total + " (recording: " + file + ")");
        int all = Math.max(1, total);
        byPath.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).forEach(p -> {
            lines.add(String.format("  %5.1f %%  %s", 100.0 * p.getValue() / all, p.getKey()));
            byStage.entrySet().stream().filter(s -> s.getKey().startsWith(p.getKey() + "  >  "))
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .filter(s -> 100.0 * s.getValue() / all >= 0.3)
                    .forEach(s -> lines.add(String.format("      %5.1f %%  %s", 100.0 * s.getValue() / all,
                            s.getKey().substring(p.getKey().length() + 5))));
        });
        lines.add("garbage collection pauses (the JVM's threads stopped for them; time to reach the safepoint and other "
                + "stops not included): " + pauses);
        return lines;
    }

    /** The recording's garbage collection pauses. */
    private static final class Pauses {
        int count;
        long totalNanos;
        long longestNanos;

        void add(Duration duration) {
            count++;
            totalNanos += duration.toNanos();
            longestNanos = Math.max(longestNanos, duration.toNanos());
        }

        @Override
        public String toString() {
            return String.format("%d, %.1f ms in all, the longest %.1f ms", count, totalNanos / 1e6, longestNanos / 1e6);
        }
    }

    private static String pathOf(RecordedStackTrace stack, String threadName) {
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (type.equals("eu.synergie.core.ingestion.kafka.NoticeTopicListener")) {
                return "indexer (consumer thread)";
            }
            if (type.equals("eu.synergie.gateway.api.BatchPublishController")) {
                return "publish (batch requests)";
            }
            if (type.equals("eu.synergie.gateway.api.NoticeController")) {
                return "search requests (GET /api/v1/notices)";
            }
        }
        return threadName == null || threadName.isEmpty() ? "virtual threads, other" : CpuAccounting.groupOf(threadName);
    }

    private static String stageOf(RecordedStackTrace stack) {
        List<RecordedFrame> frames = stack.getFrames();
        String stage = "other";
        for (int i = frames.size() - 1; i >= 0; i--) {
            RecordedFrame frame = frames.get(i);
            String type = frame.getMethod().getType().getName();
            String method = frame.getMethod().getName();
            String best = null;
            for (Rule rule : RULES) {
                if (type.startsWith(rule.classPrefix()) && (rule.method() == null || rule.method().equals(method))) {
                    best = rule.stage();
                }
            }
            if (best != null) {
                stage = best;
            }
        }
        return stage;
    }
}
