package eu.synergie.bench;

import eu.synergie.crypto.envelope.EnvelopeProfile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of a run. Every option has a default; {@code --help} lists them.
 *
 * @param notices       N, the notices measured end to end and in the raw bulk
 * @param warmup        notices pushed end to end before any measurement, to warm the JIT and the servers
 * @param batch         envelopes per {@code POST /api/v1/notices/batch} request
 * @param concurrency   batch requests in flight at once (one per agency by default)
 * @param rawBatch      documents per raw bulk request
 * @param rawConcurrency raw bulk requests in flight at once
 * @param sampleEvery   one notice in this many has its publish → searchable latency measured
 * @param rate          notices per second offered end to end, paced batch by batch; 0 for as fast as the gateway takes them
 * @param seed          the generator's seed: the same seed gives the same notices
 * @param profile       record the end-to-end phase with JFR and print where the CPU went, by stage
 * @param home          where the stack keeps its data and logs (emptied at start)
 * @param gatewayProperties extra Spring properties for the gateway ({@code key=value}), to try a setting
 * @param envelopes     the end-to-end phases, one per envelope profile, in this order: {@code [CLASSICAL]} (the default),
 *                      {@code [HYBRID]}, or {@code [CLASSICAL, HYBRID]} for both in one run on the same stack
 */
record BenchOptions(int notices, int warmup, int batch, int concurrency, int rawBatch, int rawConcurrency, int sampleEvery,
                    int rate, long seed, boolean profile, Path home, List<String> gatewayProperties,
                    List<EnvelopeProfile> envelopes) {

    static final String USAGE = """
            usage: LoadBenchmark [--notices N] [--warmup W] [--batch B] [--concurrency C] [--raw-batch RB]
                                 [--raw-concurrency RC] [--sample-every S] [--rate R] [--seed X] [--profile] [--home DIR]
                                 [--gateway-property KEY=VALUE]... [--envelopes classical|hybrid|both]
              --notices N          notices measured (default 20000)
              --warmup W           notices pushed end to end before measuring (default N/20, 200 to 2000)
              --batch B            envelopes per batch request (default 2000)
              --concurrency C      batch requests in flight (default 5, one per agency)
              --raw-batch RB       documents per raw bulk request (default 1000)
              --raw-concurrency RC raw bulk requests in flight (default 2, one per core here)
              --sample-every S     measure the latency of one notice in S (default 100)
              --rate R             offer R notices/s end to end instead of pushing flat out (default 0: flat out);
                                   for latency below saturation, with small batches (e.g. --rate 200 --batch 100)
              --seed X             generator seed (default 2026)
              --profile            JFR-record the end-to-end phase and print CPU by pipeline stage
              --home DIR           stack data and logs, emptied at start (default target/bench-stack)
              --gateway-property KEY=VALUE
                                   a Spring property for the gateway, e.g. spring.kafka.listener.concurrency=2
              --envelopes E        classical (default), hybrid (ML-KEM-768 + ECDH, ECDSA + ML-DSA-65; issue 20), or
                                   both: a second end-to-end phase of N new notices sealed hybrid after the classical
                                   one, on the same stack, each after a warm-up of W of its own kind, reported side by side
            """;

    static BenchOptions parse(String[] args) {
        List<String> words = OptionWords.of(args);
        int notices = 20_000;
        Integer warmup = null;
        int batch = 2000;
        int concurrency = 5;
        int rawBatch = 1000;
        int rawConcurrency = 2;
        int sampleEvery = 100;
        int rate = 0;
        long seed = 2026;
        boolean profile = false;
        Path home = Path.of("target/bench-stack");
        List<String> gatewayProperties = new ArrayList<>();
        List<EnvelopeProfile> envelopes = List.of(EnvelopeProfile.CLASSICAL);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--notices" -> notices = OptionWords.positive(word, OptionWords.value(words, ++i, word));
                case "--warmup" -> warmup = Integer.parseInt(OptionWords.value(words, ++i, word));
                case "--batch" -> batch = OptionWords.positive(word, OptionWords.value(words, ++i, word));
                case "--concurrency" -> concurrency = OptionWords.positive(word, OptionWords.value(words, ++i, word));
                case "--raw-batch" -> rawBatch = OptionWords.positive(word, OptionWords.value(words, ++i, word));
                case "--raw-concurrency" -> rawConcurrency = OptionWords.positive(word, OptionWords.value(words, ++i, word));
                case "--sample-every" -> sampleEvery = OptionWords.positive(word, OptionWords.value(words, ++i, word));
                case "--rate" -> rate = OptionWords.positive(word, OptionWords.value(words, ++i, word));
                case "--seed" -> seed = Long.parseLong(OptionWords.value(words, ++i, word));
                case "--profile" -> profile = true;
                case "--home" -> home = Path.of(OptionWords.value(words, ++i, word));
                case "--gateway-property" -> {
                    String property = OptionWords.value(words, ++i, word);
                    if (!property.contains("=")) {
                        throw new IllegalArgumentException(word + " needs KEY=VALUE");
                    }
                    gatewayProperties.add(property);
                }
                case "--envelopes" -> envelopes = switch (OptionWords.value(words, ++i, word)) {
                    case "classical" -> List.of(EnvelopeProfile.CLASSICAL);
                    case "hybrid" -> List.of(EnvelopeProfile.HYBRID);
                    case "both" -> List.of(EnvelopeProfile.CLASSICAL, EnvelopeProfile.HYBRID);
                    case String other -> throw new IllegalArgumentException(word + " is classical, hybrid or both, not " + other);
                };
                case "--help", "-h" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + word);
            }
        }
        int w = warmup != null ? Math.max(0, warmup) : Math.max(200, Math.min(2000, notices / 20));
        return new BenchOptions(notices, w, batch, concurrency, rawBatch, rawConcurrency, sampleEvery, rate, seed, profile,
                home.toAbsolutePath().normalize(), List.copyOf(gatewayProperties), envelopes);
    }
}
