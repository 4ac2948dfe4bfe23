package eu.synergie.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the CPU went during a phase, from what Linux and the JVM already count: the whole machine
 * ({@code /proc/stat}, so that other people's builds show), each server we started (the process tree
 * under each child of this JVM), and the threads of this JVM grouped by what they do (the gateway runs
 * here: request handling, the indexer's consumer, the Kafka producer, the Elasticsearch client).
 * A phase's figures are the difference of two snapshots; a thread that ended in between is not counted.
 */
final class CpuAccounting {

    /** CPU time consumed so far, per account, in nanoseconds; and the machine's busy and total time. */
    record Snapshot(long atNanos, long machineBusy, long machineTotal, Map<String, Long> processes, Map<String, Long> threads,
                    long jvmTotal, Map<String, Long> jvmInternals) {
    }

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on Linux

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    CpuAccounting() {
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
    }

    Snapshot snapshot() {
        long[] machine = machine();
        Map<String, Long> processes = new TreeMap<>();
        ProcessHandle self = ProcessHandle.current();
        self.descendants().forEach(p -> {
            ProcessHandle top = topOf(p, self);
            long cpu = p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            processes.merge(serverOf(top), cpu, Long::sum);
        });
        Map<String, Long> byGroup = new TreeMap<>();
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (cpu > 0) {
                byGroup.merge(groupOf(infos[i].getThreadName()), cpu, Long::sum);
            }
        }
        long jvm = self.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        return new Snapshot(System.nanoTime(), machine[0], machine[1], processes, byGroup, jvm, jvmInternals());
    }

    /**
     * The JVM's own threads, which the thread MX bean does not show, by what they do: Linux names them
     * ({@code GC Thread#0}, {@code G1 Conc#0}, {@code C2 CompilerThre}…) in {@code /proc/self/task/<tid>/comm}.
     */
    private static Map<String, Long> jvmInternals() {
        Map<String, Long> internals = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String comm = Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).strip();
                    String kind = comm.startsWith("GC Thread") || comm.startsWith("G1 ") ? "garbage collection"
                            : comm.contains("CompilerThre") ? "JIT compilation" : null;
                    if (kind != null) {
                        String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        // utime and stime: the 14th and 15th fields of the line, the 12th and 13th after the name
                        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        internals.merge(kind, ticks * NANOS_PER_TICK, Long::sum);
                    }
                } catch (IOException | RuntimeException ended) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException notLinux) {
            // no /proc: the report says "JVM itself" without the split
        }
        return internals;
    }

    /** Lines that say, for the phase between two snapshots, how many cores each account kept busy. */
    static List<String> report(Snapshot from, Snapshot to) {
        return report(from, to, "benchmark JVM (gateway in-process + load client)");
    }

    /** The same, this JVM named {@code jvmLabel} (what runs in it). */
    static List<String> report(Snapshot from, Snapshot to, String jvmLabel) {
        double seconds = (to.atNanos() - from.atNanos()) / 1e9;
        List<String> lines = new ArrayList<>();
        double machineBusy = (to.machineBusy() - from.machineBusy()) * NANOS_PER_TICK / 1e9 / seconds;
        double machineAll = (to.machineTotal() - from.machineTotal()) * NANOS_PER_TICK / 1e9 / seconds;
        double jvm = cores(to.jvmTotal() - from.jvmTotal(), seconds);
        Map<String, Double> processes = byProcess(from, to, jvmLabel);
        double ours = processes.values().stream().mapToDouble(Double::doubleValue).sum();
        lines.add(String.format("machine: %.2f of %.0f cores busy; ours %.2f, everything else on the machine %.2f",
                machineBusy, machineAll, ours, Math.max(0, machineBusy - ours)));
        processes.forEach((name, used) -> lines.add(String.format("  %-50s %5.2f cores", name, used)));
        double threadsSum = 0;
        List<Map.Entry<String, Long>> groups = new ArrayList<>(to.threads().entrySet());
        groups.sort((a, b) -> Long.compare(b.getValue() - from.threads().getOrDefault(b.getKey(), 0L),
                a.getValue() - from.threads().getOrDefault(a.getKey(), 0L)));
        for (var entry : groups) {
            double used = cores(entry.getValue() - from.threads().getOrDefault(entry.getKey(), 0L), seconds);
            threadsSum += used;
            if (used >= 0.005) {
                lines.add(String.format("    %-48s %5.2f cores", entry.getKey(), used));
            }
        }
        lines.add(String.format("    %-48s %5.2f cores", "JVM itself (GC, JIT and other non-Java threads)", Math.max(0, jvm - threadsSum)));
        for (var entry : to.jvmInternals().entrySet()) {
            lines.add(String.format("      %-46s %5.2f cores", "of which " + entry.getKey(),
                    cores(entry.getValue() - from.jvmInternals().getOrDefault(entry.getKey(), 0L), seconds)));
        }
        return lines;
    }

    /**
     * Cores each process kept busy on average between two snapshots: this JVM first (as {@code jvmLabel}), then each
     * server we started, by {@link #serverOf} label.
     */
    static Map<String, Double> byProcess(Snapshot from, Snapshot to, String jvmLabel) {
        double seconds = (to.atNanos() - from.atNanos()) / 1e9;
        Map<String, Double> processes = new LinkedHashMap<>();
        processes.put(jvmLabel, cores(to.jvmTotal() - from.jvmTotal(), seconds));
        for (var entry : to.processes().entrySet()) {
            processes.put(entry.getKey(), cores(entry.getValue() - from.processes().getOrDefault(entry.getKey(), 0L), seconds));
        }
        return processes;
    }

    /** The resident memory of each server we started (its whole process tree) and of this JVM, in bytes, now. */
    static Map<String, Long> residentMemory(String jvmLabel) {
        Map<String, Long> memory = new LinkedHashMap<>();
        ProcessHandle self = ProcessHandle.current();
        memory.put(jvmLabel, resident(self.pid()));
        Map<String, Long> servers = new TreeMap<>();
        self.descendants().forEach(p -> servers.merge(serverOf(topOf(p, self)), resident(p.pid()), Long::sum));
        memory.putAll(servers);
        return memory;
    }

    private static long resident(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended meanwhile: nothing resident
        }
        return 0;
    }

    private static ProcessHandle topOf(ProcessHandle process, ProcessHandle self) {
        ProcessHandle top = process;
        while (top.parent().isPresent() && top.parent().get().pid() != self.pid()) {
            top = top.parent().get();
        }
        return top;
    }

    /** Cores kept busy between two snapshots by everything that is not ours: other people's work on the machine. */
    static double elsewhere(Snapshot from, Snapshot to) {
        double seconds = (to.atNanos() - from.atNanos()) / 1e9;
        double machineBusy = (to.machineBusy() - from.machineBusy()) * NANOS_PER_TICK / 1e9 / seconds;
        double ours = cores(to.jvmTotal() - from.jvmTotal(), seconds);
        for (var entry : to.processes().entrySet()) {
            ours += cores(entry.getValue() - from.processes().getOrDefault(entry.getKey(), 0L), seconds);
        }
        return Math.max(0, machineBusy - ours);
    }

    private static double cores(long nanos, double seconds) {
        return Math.max(0, nanos / 1e9 / seconds);
    }

    /** What a thread of this JVM works for, from the names the libraries give their threads. */
    static String groupOf(String name) {
        if (name.startsWith("synergie-indexer")) {
            return "indexer consumer (open, verify, bulk)";
        }
        if (name.startsWith("ForkJoinPool-") && name.contains("worker")) {
            return "virtual-thread carriers (HTTP requests, indexer consumer)";
        }
        if (name.startsWith("http-nio") || name.startsWith("tomcat")) {
            return "Tomcat connector";
        }
        if (name.startsWith("kafka-producer-network-thread")) {
            return "Kafka producer I/O";
        }
        if (name.startsWith("kafka-") || name.contains("trust")) {
            return "other Kafka clients";
        }
        if (name.startsWith("bench-")) {
            return "benchmark load client (" + name.replaceAll("-\\d+$", "") + ")";
        }
        if (name.contains("CompilerThread")) {
            return "JIT compiler";
        }
        if (name.startsWith("elasticsearch") || name.startsWith("I/O dispatcher") || name.startsWith("httpclient")) {
            return "Elasticsearch client I/O";
        }
        return "other: " + name.replaceAll("[-#]?\\d+$", "");
    }

    /**
     * What a child of this JVM runs: infra's guard names each server in its arguments ({@code synergie-kafka},
     * {@code synergie-gateway} …) and starts it in the server's own folder, whose name tells the members of a
     * cluster apart ({@code Kafka broker [broker-2]}, {@code gateway [gateway-1]}).
     */
    static String serverOf(ProcessHandle top) {
        String[] arguments = commandLine(top).split("\0");
        String guard = Arrays.stream(arguments).filter(a -> a.matches("synergie-[a-z][a-z0-9-]*")).findFirst().orElse("");
        String kind = switch (guard) {
            case "synergie-elasticsearch" -> "Elasticsearch node";
            case "synergie-kafka" -> "Kafka broker";
            case "synergie-keycloak" -> "Keycloak";
            case "synergie-gateway" -> "gateway";
            case "synergie-haproxy" -> "HAProxy";
            default -> null;
        };
        if (kind == null) {
            String command = String.join(" ", arguments);
            return "other child: " + command.substring(0, Math.min(40, command.length()));
        }
        return kind + " [" + folderOf(top) + "]";
    }

    private static String folderOf(ProcessHandle process) {
        try {
            Path folder = Files.readSymbolicLink(Path.of("/proc", String.valueOf(process.pid()), "cwd")).getFileName();
            return folder == null ? "/" : folder.toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "pid " + process.pid();
        }
    }

    private static String commandLine(ProcessHandle process) {
        try (var in = Files.newInputStream(Path.of("/proc", String.valueOf(process.pid()), "cmdline"))) {
            return new String(in.readNBytes(16 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return process.info().command().orElse("?");
        }
    }

    /** Busy and total ticks of all CPUs since boot. */
    private static long[] machine() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[]{total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[]{0, 1};
        }
    }

    /** The load averages, as {@code uptime} prints them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
