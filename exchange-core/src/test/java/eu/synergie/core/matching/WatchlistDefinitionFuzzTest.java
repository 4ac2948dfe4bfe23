package eu.synergie.core.matching;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated hostile watchlist definitions, as an analyst's request carries them: each is created and compiled
 * (its text parsed as the matcher will) or refused with an {@link IllegalArgumentException} naming the field,
 * never another exception or an Error; a refused one never reaches the matcher. 10,000 cases per run
 * ({@code -Dsynergie.fuzz.watchlist.cases}).
 */
class WatchlistDefinitionFuzzTest {

    private static final int CASES = Integer.getInteger("synergie.fuzz.watchlist.cases", 10_000);
    private static final long SEED = Long.getLong("synergie.fuzz.seed", 0x5EA1ED13L);
    private static final Caller OWNER = new Caller("claire", "FR-DGPN", Set.of("EU-WEST"), Classification.RESTRICTED,
            Set.of(Role.ANALYST));
    private static final List<String> PIECES = List.of("", " ", "\"", "(", ")", "+", "-", "|", "*", "~2", "\\", "AND",
            "blanchiment", "Müller", "محمد", "漢字", "\u0000", "\ud800", "\u202e", "FR7630006000011234567890189",
            "+33 6 12 34 56 78", "a@b.c", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "0x", "1.2.3.4", "%00", "${jndi:x}",
            "<script>", "x".repeat(600));

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void createWhenGeneratedHostileDefinitionsThenCompiledOrRefusedNamingTheField() {
        SplittableRandom random = new SplittableRandom(SEED);
        Watchlists compiled = new Watchlists();
        Map<String, Integer> refusals = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int created = 0;
        long started = System.nanoTime();
        for (int i = 0; i < CASES; i++) {
            String name = random.nextInt(8) == 0 ? null : text(random, 3);
            List<Map.Entry<String, String>> values = new ArrayList<>();
            for (int n = random.nextInt(random.nextInt(20) == 0 ? 600 : 4); n > 0; n--) {
                String kind = random.nextInt(4) == 0 ? text(random, 1)
                        : EntityKind.values()[random.nextInt(EntityKind.values().length)].name().toLowerCase();
                values.add(Map.entry(kind, random.nextInt(10) == 0 ? "" : text(random, 4)));
            }
            String query = random.nextInt(3) == 0 ? null : random.nextInt(10) == 0 ? nested(random) : text(random, 12);
            Set<String> types = new HashSet<>();
            for (int n = random.nextInt(3); n > 0; n--) {
                types.add(random.nextBoolean() ? "CYBERCRIME" : text(random, 1));
            }
            try {
                Watchlist watchlist = Watchlist.create(OWNER, name, values, query, types, Set.of(text(random, 1)),
                        Instant.now());
                compiled.apply(watchlist.id(), watchlist);
                created++;
            } catch (IllegalArgumentException e) {
                refusals.merge(e.getMessage().replaceAll("\".*", "…"), 1, Integer::sum);
            } catch (Throwable t) {
                failures.add("case " + i + ": " + t.getClass().getName() + ": " + t.getMessage());
            }
        }
        System.out.printf("WatchlistDefinitionFuzzTest: %,d cases (seed %d) in %,d ms; created %,d; refused %s%n",
                CASES, SEED, (System.nanoTime() - started) / 1_000_000, created, refusals);
        assertThat(failures).as("seed " + SEED + ": cases that ended otherwise than created or refused").isEmpty();
        assertThat(created).isPositive();
        assertThat(refusals).isNotEmpty();
    }

    private static String text(SplittableRandom random, int maxPieces) {
        StringBuilder text = new StringBuilder();
        for (int n = 1 + random.nextInt(maxPieces); n > 0; n--) {
            text.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        return text.toString();
    }

    /** Parentheses and quotes nested as deep as the length limit allows. */
    private static String nested(SplittableRandom random) {
        int depth = 50 + random.nextInt(250);
        return "(".repeat(depth) + (random.nextBoolean() ? "\"a b\"" : "a*") + ")".repeat(random.nextInt(depth + 1));
    }
}
