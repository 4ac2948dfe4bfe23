package eu.synergie.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The options of a search benchmark run. Every option has a default; {@code --help} lists them.
 *
 * @param notices         N, the synthetic notices loaded into the index before any search
 * @param concurrencies   the numbers of analysts searching at once, one measured step each
 * @param warmupSeconds   searching before each measured window, per step, target and round (not recorded)
 * @param warmupSearches  searches back to back through each target before the first step (not recorded): the JIT's warm-up
 * @param durationSeconds measured seconds per step and target, split over the rounds
 * @param rounds          alternations gateway/direct per step, so that drift in the machine's load hits both
 * @param thinkMillis     mean pause of an analyst between two searches (exponential); 0 searches back to back
 * @param loadBatch       documents per bulk request while loading
 * @param loadConcurrency bulk requests in flight while loading
 * @param seed            the generator's and the query mix's seed
 * @param reuse           keep Elasticsearch's data and skip the load when the index already holds N notices
 * @param profile         after the measurements, one more (unrecorded) gateway window under JFR: where the gateway's CPU goes
 * @param expand          whether searches are widened across languages (the gateway's default), on both targets alike
 * @param home            where the stack keeps its data and logs
 */
record SearchOptions(int notices, List<Integer> concurrencies, int warmupSeconds, int warmupSearches, int durationSeconds, int rounds,
                     int thinkMillis, int loadBatch, int loadConcurrency, long seed, boolean reuse, boolean profile,
                     boolean expand, boolean auditIndexerPaused, Path home) {

    static final String USAGE = """
            usage: SearchBenchmark [--notices N] [--concurrency 1,8,32] [--warmup S] [--warmup-searches W] [--duration S] [--rounds R]
                                   [--think MS] [--load-batch B] [--load-concurrency C] [--seed X] [--reuse] [--profile]
                                   [--no-expand] [--audit-indexer-paused] [--home DIR]
              --notices N          notices loaded into the index (default 20000)
              --concurrency LIST   analysts searching at once, one step each (default 1,8,32)
              --warmup S           seconds of searching before each measured window, not recorded (default 5)
              --warmup-searches W  searches back to back through each target before the first step, not recorded,
                                   so that the JIT has compiled both paths (default 10000)
              --duration S         measured seconds per step and target (gateway, direct), split over the rounds (default 30)
              --rounds R           gateway/direct alternations per step, order swapped each round (default 2)
              --think MS           mean pause between an analyst's searches (exponential); 0 = back to back (default 0)
              --load-batch B       documents per bulk request while loading (default 1000)
              --load-concurrency C bulk requests in flight while loading (default 3)
              --seed X             generator and query mix seed (default 2026)
              --reuse              keep the Elasticsearch data of the last run; load only if it does not hold N notices
              --profile            after the measurements, JFR-record one more gateway window at the highest
                                   concurrency (not recorded as latency) and print where the gateway's CPU went,
                                   and the JVM's garbage collection pauses
              --no-expand          search the words as written (expand=false), not widened across languages, on both
                                   targets: the widening's own cost, against a run without this option
              --audit-indexer-paused
                                   pause the auditors' indexer during the measured windows: every search is still
                                   audited (appended to Kafka), not indexed into Elasticsearch meanwhile; the indexing's
                                   share of the gateway's latency, against a run without this option
              --home DIR           stack data and logs (default target/search-bench-stack)
            """;

    static SearchOptions parse(String[] args) {
        List<String> words = OptionWords.of(args);
        int notices = 20_000;
        List<Integer> concurrencies = List.of(1, 8, 32);
        int warmup = 5;
        int warmupSearches = 10_000;
        int duration = 30;
        int rounds = 2;
        int think = 0;
        int loadBatch = 1000;
        int loadConcurrency = 3;
        long seed = 2026;
        boolean reuse = false;
        boolean profile = false;
        boolean expand = true;
        boolean auditIndexerPaused = false;
        Path home = Path.of("target/search-bench-stack");
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--notices" -> notices = OptionWords.positive(word, OptionWords.value(words, ++i, word));
                case "--concurrency" -> concurrencies = Arrays.stream(OptionWords.value(words, ++i, word).split(","))
                        .map(c -> OptionWords.positive(word, c)).toList();
                case "--warmup" -> warmup = Integer.parseInt(OptionWords.value(words, ++i, word));
                case "--warmup-searches" -> warmupSearches = Integer.parseInt(OptionWords.value(words, ++i, word).replace("_", "").replace(",", ""));
                case "--duration" -> duration = OptionWords.positive(word, OptionWords.value(words, ++i, word));
                case "--rounds" -> rounds = OptionWords.positive(word, OptionWords.value(words, ++i, word));
                case "--think" -> think = Integer.parseInt(OptionWords.value(words, ++i, word));
                case "--load-batch" -> loadBatch = OptionWords.positive(word, OptionWords.value(words, ++i, word));
                case "--load-concurrency" -> loadConcurrency = OptionWords.positive(word, OptionWords.value(words, ++i, word));
                case "--seed" -> seed = Long.parseLong(OptionWords.value(words, ++i, word));
                case "--reuse" -> reuse = true;
                case "--profile" -> profile = true;
                case "--no-expand" -> expand = false;
                case "--audit-indexer-paused" -> auditIndexerPaused = true;
                case "--home" -> home = Path.of(OptionWords.value(words, ++i, word));
                case "--help", "-h" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + word);
            }
        }
        if (warmup < 0 || warmupSearches < 0 || think < 0) {
            throw new IllegalArgumentException("--warmup, --warmup-searches and --think must be 0 or more");
        }
        return new SearchOptions(notices, concurrencies, warmup, warmupSearches, duration, rounds, think, loadBatch, loadConcurrency, seed,
                reuse, profile, expand, auditIndexerPaused, home.toAbsolutePath().normalize());
    }
}
