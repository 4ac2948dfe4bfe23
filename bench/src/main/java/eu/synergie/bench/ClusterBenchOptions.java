package eu.synergie.bench;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The options of a cluster load benchmark run. Every option has a default; {@code --help} lists them.
 *
 * @param notices        N, the notices measured end to end on each profile
 * @param warmup         notices pushed end to end on each profile before measuring
 * @param batch          envelopes per {@code POST /api/v1/notices/batch} request
 * @param concurrency    batch requests in flight at once
 * @param sampleEvery    one notice in this many has its publish → searchable latency measured
 * @param analysts       analysts searching at once in the search phase, back to back
 * @param searchSeconds  measured seconds of the search phase
 * @param searchWarmup   seconds of searching before the measured window (not recorded)
 * @param gateways       gateways of the cluster profile, behind HAProxy
 * @param profiles       the profiles run, in this order: single node first, then the cluster
 * @param seed           the generator's and the query mix's seed: the same seed gives the same notices
 * @param home           where both profiles keep their data and logs (emptied at start)
 * @param gatewayJar     the gateway's executable jar, which every gateway process runs
 */
record ClusterBenchOptions(int notices, int warmup, int batch, int concurrency, int sampleEvery, int analysts, int searchSeconds,
                           int searchWarmup, int gateways, Set<Profile> profiles, long seed, Path home, Path gatewayJar) {

    /** What a run measures. */
    enum Profile {
        /** Kafka, Elasticsearch and Keycloak of infra's LocalStack, one gateway process. */
        SINGLE("single node"),
        /** Infra's ClusterStack: 3 brokers, 3 Elasticsearch nodes, gateways behind HAProxy. */
        CLUSTER("cluster");

        final String label;

        Profile(String label) {
            this.label = label;
        }
    }

    static final String USAGE = """
            usage: ClusterLoadBenchmark [--notices N] [--warmup W] [--batch B] [--concurrency C] [--sample-every S]
                                        [--analysts A] [--search-seconds S] [--search-warmup S] [--gateways G]
                                        [--profiles single,cluster] [--seed X] [--home DIR] [--gateway-jar JAR]
              --notices N          notices measured end to end on each profile (default 20000)
              --warmup W           notices pushed end to end before measuring, on each profile (default N/20, 200 to 2000)
              --batch B            envelopes per batch request (default 2000)
              --concurrency C      batch requests in flight (default 5, one per agency)
              --sample-every S     measure the publish -> searchable latency of one notice in S (default 100)
              --analysts A         analysts searching at once, back to back, in the search phase (default 32)
              --search-seconds S   measured seconds of the search phase (default 60)
              --search-warmup S    seconds of searching before the measured window, not recorded (default 10)
              --gateways G         gateways of the cluster profile, behind HAProxy (default 2, at least 2)
              --profiles LIST      which profiles, among single and cluster (default single,cluster)
              --seed X             generator and query mix seed (default 2026)
              --home DIR           data and logs of both profiles, emptied at start (default target/cluster-bench-stack)
              --gateway-jar JAR    the gateway's executable jar (default ../gateway/target/synergie-gateway-exec.jar)
            """;

    ClusterBenchOptions {
        profiles = profiles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(profiles));
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("--profiles needs single, cluster or both");
        }
        if (gateways < 2) {
            throw new IllegalArgumentException("--gateways must be 2 or more: the cluster profile runs at least 2");
        }
        if (warmup < 0 || searchWarmup < 0) {
            throw new IllegalArgumentException("--warmup and --search-warmup must be 0 or more");
        }
    }

    /** The profiles to run, single node first. */
    List<Profile> ordered() {
        return profiles.stream().sorted().toList();
    }

    static ClusterBenchOptions parse(String[] args) {
        List<String> words = OptionWords.of(args);
        int notices = 20_000;
        Integer warmup = null;
        int batch = 2000;
        int concurrency = 5;
        int sampleEvery = 100;
        int analysts = 32;
        int searchSeconds = 60;
        int searchWarmup = 10;
        int gateways = 2;
        Set<Profile> profiles = EnumSet.allOf(Profile.class);
        long seed = 2026;
        Path home = Path.of("target/cluster-bench-stack");
        Path gatewayJar = Path.of("../gateway/target/synergie-gateway-exec.jar");
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--notices" -> notices = OptionWords.positive(word, OptionWords.value(words, ++i, word));
                case "--warmup" -> warmup = Integer.parseInt(OptionWords.value(words, ++i, word));
                case "--batch" -> batch = OptionWords.positive(word, OptionWords.value(words, ++i, word));
                case "--concurrency" -> concurrency = OptionWords.positive(word, OptionWords.value(words, ++i, word));
                case "--sample-every" -> sampleEvery = OptionWords.positive(word, OptionWords.value(words, ++i, word));
                case "--analysts" -> analysts = OptionWords.positive(word, OptionWords.value(words, ++i, word));
                case "--search-seconds" -> searchSeconds = OptionWords.positive(word, OptionWords.value(words, ++i, word));
                case "--search-warmup" -> searchWarmup = Integer.parseInt(OptionWords.value(words, ++i, word));
                case "--gateways" -> gateways = OptionWords.positive(word, OptionWords.value(words, ++i, word));
                case "--profiles" -> profiles = profiles(OptionWords.value(words, ++i, word));
                case "--seed" -> seed = Long.parseLong(OptionWords.value(words, ++i, word));
                case "--home" -> home = Path.of(OptionWords.value(words, ++i, word));
                case "--gateway-jar" -> gatewayJar = Path.of(OptionWords.value(words, ++i, word));
                case "--help", "-h" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + word);
            }
        }
        int w = warmup != null ? warmup : Math.max(200, Math.min(2000, notices / 20));
        return new ClusterBenchOptions(notices, w, batch, concurrency, sampleEvery, analysts, searchSeconds, searchWarmup,
                gateways, profiles, seed, home.toAbsolutePath().normalize(), gatewayJar.toAbsolutePath().normalize());
    }

    private static Set<Profile> profiles(String list) {
        Set<Profile> profiles = EnumSet.noneOf(Profile.class);
        for (String name : list.split(",")) {
            String key = name.strip().toUpperCase(Locale.ROOT);
            try {
                profiles.add(Profile.valueOf(key));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--profiles: unknown profile " + name.strip() + " (single, cluster)");
            }
        }
        return profiles;
    }
}
