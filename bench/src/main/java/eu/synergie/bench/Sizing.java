package eu.synergie.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sizing model of the cluster load benchmark: from the CPU each process used in a measured phase, what one core of
 * each role gives (notices/s, searches/s) and how many cores of each role a deployment needs for a target load.
 *
 * <p>Why CPU and not wall-clock rates: on one machine every process of a profile shares the same cores, so a profile's
 * rate is what those cores give to all of its processes at once. The CPU a role spends per notice or per search is
 * what carries over to machines of their own (less the contention, which inflates it somewhat). The model is linear:
 * a role's cores = notices/s × its CPU per notice + searches/s × its CPU per search, at a chosen utilisation.
 */
final class Sizing {

    /** What a process does in the exchange, from the label {@link CpuAccounting} gives it. */
    enum Role {
        GATEWAY("gateway"), ELASTICSEARCH("Elasticsearch"), KAFKA("Kafka"), KEYCLOAK("Keycloak"), PROXY("HAProxy"),
        CLIENT("load client"), OTHER("other");

        final String label;

        Role(String label) {
            this.label = label;
        }

        static Role of(String process) {
            if (process.startsWith("gateway")) {
                return GATEWAY;
            }
            if (process.startsWith("Elasticsearch")) {
                return ELASTICSEARCH;
            }
            if (process.startsWith("Kafka")) {
                return KAFKA;
            }
            if (process.startsWith("Keycloak")) {
                return KEYCLOAK;
            }
            if (process.startsWith("HAProxy")) {
                return PROXY;
            }
            if (process.startsWith("benchmark JVM")) {
                return CLIENT;
            }
            return OTHER;
        }
    }

    /** The roles a deployment sizes; Keycloak, the load client and the rest are not the exchange's load. */
    static final List<Role> SIZED = List.of(Role.GATEWAY, Role.ELASTICSEARCH, Role.KAFKA, Role.PROXY);

    /**
     * One measured phase: its rate (notices/s end to end, or searches/s) and the cores each role kept busy meanwhile.
     */
    record Phase(double rate, Map<Role, Double> cores) {

        Phase {
            if (!(rate > 0)) {
                throw new IllegalArgumentException("a phase's rate must be positive, not " + rate);
            }
            cores = Map.copyOf(cores);
        }

        /** From {@link CpuAccounting#byProcess}: cores per process label, summed by role. */
        static Phase of(double rate, Map<String, Double> coresByProcess) {
            Map<Role, Double> byRole = new EnumMap<>(Role.class);
            coresByProcess.forEach((process, used) -> byRole.merge(Role.of(process), used, Double::sum));
            return new Phase(rate, byRole);
        }

        double cores(Role role) {
            return cores.getOrDefault(role, 0.0);
        }

        /** Milliseconds of CPU the role spent per notice (or search). */
        double cpuMillisEach(Role role) {
            return cores(role) * 1000 / rate;
        }

        /** Notices (or searches) per second that one core of the role gives; NaN when the role used no CPU. */
        double perCore(Role role) {
            double used = cores(role);
            return used > 0 ? rate / used : Double.NaN;
        }
    }

    /** A profile's two phases and how many processes of each role it ran. */
    record Profile(String name, Map<Role, Integer> processes, Phase ingestion, Phase search) {

        Profile {
            processes = Map.copyOf(processes);
        }

        int processes(Role role) {
            return processes.getOrDefault(role, 0);
        }

        /** Searches per second per process of the role (e.g. per Elasticsearch node), at the analysts measured. */
        double searchesPerProcess(Role role) {
            int count = processes(role);
            return count > 0 ? search.rate() / count : Double.NaN;
        }

        /** Cores of the role for {@code notices}/s and {@code searches}/s at once, each core busy {@code utilisation} of the time. */
        double coresFor(Role role, double notices, double searches, double utilisation) {
            if (!(utilisation > 0 && utilisation <= 1)) {
                throw new IllegalArgumentException("utilisation is in (0, 1], not " + utilisation);
            }
            return (notices * ingestion.cpuMillisEach(role) + searches * search.cpuMillisEach(role)) / 1000 / utilisation;
        }
    }

    /** A load to size for. */
    record Target(double notices, double searches) {
    }

    static final List<Target> TARGETS = List.of(new Target(100, 50), new Target(500, 200), new Target(2000, 500));
    static final double UTILISATION = 0.6;

    private Sizing() {
    }

    /** The report's lines: the per-core figures of each profile measured, then cores for the targets from the last one. */
    static List<String> report(List<Profile> profiles) {
        List<String> lines = new ArrayList<>();
        if (profiles.isEmpty()) {
            return lines;
        }
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-14s", "role"));
        for (Profile p : profiles) {
            head.append(String.format(Locale.ROOT, " | %-44s", p.name() + ": CPU ms per notice / per search"));
            head.append(String.format(Locale.ROOT, " | %-34s", p.name() + ": notices/s, searches/s per core"));
        }
        lines.add(head.toString());
        for (Role role : SIZED) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-14s", role.label));
            for (Profile p : profiles) {
                row.append(String.format(Locale.ROOT, " | %-44s", number(p.ingestion().cpuMillisEach(role), 2) + " / "
                        + number(p.search().cpuMillisEach(role), 2)));
                row.append(String.format(Locale.ROOT, " | %-34s", number(p.ingestion().perCore(role), 0) + ", "
                        + number(p.search().perCore(role), 0)));
            }
            lines.add(row.toString());
        }
        for (Profile p : profiles) {
            lines.add(String.format(Locale.ROOT, "%s, at the analysts measured: %s searches/s per Elasticsearch node (%d), %s per gateway (%d)",
                    p.name(), number(p.searchesPerProcess(Role.ELASTICSEARCH), 1), p.processes(Role.ELASTICSEARCH),
                    number(p.searchesPerProcess(Role.GATEWAY), 1), p.processes(Role.GATEWAY)));
        }
        Profile model = profiles.getLast();
        lines.add("");
        lines.add(String.format(Locale.ROOT, "cores to provision, from the %s's CPU costs, each core kept %.0f %% busy (headroom for a failed member):",
                model.name(), 100 * UTILISATION));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-34s", "target"));
        SIZED.forEach(role -> header.append(String.format(Locale.ROOT, " | %13s", role.label)));
        lines.add(header.toString());
        for (Target target : TARGETS) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-34s",
                    String.format(Locale.ROOT, "%,.0f notices/s + %,.0f searches/s", target.notices(), target.searches())));
            SIZED.forEach(role -> row.append(String.format(Locale.ROOT, " | %13s",
                    number(model.coresFor(role, target.notices(), target.searches(), UTILISATION), 1))));
            lines.add(row.toString());
        }
        return lines;
    }

    static String number(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
