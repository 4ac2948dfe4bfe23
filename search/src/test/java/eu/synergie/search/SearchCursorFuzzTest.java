package eu.synergie.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import eu.synergie.core.index.InvalidCursorException;
import eu.synergie.core.index.NoticeFilters;
import eu.synergie.core.index.NoticeQuery;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated hostile search cursors, as a caller hands them back: each decodes to sort values or is refused with
 * {@link InvalidCursorException} ({@code INVALID_CURSOR}, 400), never another exception. Mutations of real
 * cursors (bytes of the base64 and of what it encodes) and of made-up ones; 20,000 cases per run
 * ({@code -Dsynergie.fuzz.cursor.cases}).
 */
class SearchCursorFuzzTest {

    private static final int CASES = Integer.getInteger("synergie.fuzz.cursor.cases", 20_000);
    private static final long SEED = Long.getLong("synergie.fuzz.seed", 0x5EA1ED13L);
    private static final NoticeQuery QUERY = new NoticeQuery("blanchiment", new NoticeFilters(Set.of(), Set.of("FR-DGPN"),
            Set.of(), Set.of(), Set.of(), Set.of(), null, null, null, null), NoticeQuery.Sort.RELEVANCE, 20, null, false);
    private static final List<String> PIECES = List.of("c1", "\n", "d:", "l:", "s:", "x:", "NaN", "Infinity", "-0",
            "1e999", "9223372036854775808", "0x1p3", "", "\u0000", "\ud800", "é", ":", "d", "s");

    @Test
    void decodeWhenGeneratedHostileCursorsThenSortValuesOrInvalidCursor() {
        SplittableRandom random = new SplittableRandom(SEED);
        String valid = SearchCursor.encode(QUERY, List.of(FieldValue.of(1.25), FieldValue.of(1_764_000_000_000L),
                FieldValue.of("6f1c2b1e")));
        String plain = new String(Base64.getUrlDecoder().decode(valid), StandardCharsets.UTF_8);
        String fingerprint = plain.split("\n")[1];
        Map<String, Integer> refusals = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int decoded = 0;
        for (int i = 0; i < CASES; i++) {
            String cursor = switch (random.nextInt(4)) {
                case 0 -> mutate(valid, random);
                case 1 -> encode(mutate(plain, random));
                case 2 -> {
                    // The right version and fingerprint, then made-up sort values.
                    StringBuilder made = new StringBuilder("c1\n").append(fingerprint);
                    for (int n = random.nextInt(5); n > 0; n--) {
                        made.append('\n').append(PIECES.get(random.nextInt(PIECES.size())))
                                .append(PIECES.get(random.nextInt(PIECES.size())));
                    }
                    yield encode(made.toString());
                }
                default -> {
                    byte[] noise = new byte[random.nextInt(200)];
                    random.nextBytes(noise);
                    yield random.nextBoolean() ? new String(noise, StandardCharsets.ISO_8859_1)
                            : Base64.getUrlEncoder().encodeToString(noise);
                }
            };
            NoticeQuery next = QUERY.after(cursor);
            if (next.cursor() == null) {
                continue; // a blank cursor is no cursor: the first page, as the index reads it
            }
            try {
                assertThat(SearchCursor.decode(next, 3)).hasSize(3);
                decoded++;
            } catch (InvalidCursorException e) {
                refusals.merge(e.getMessage(), 1, Integer::sum);
            } catch (Throwable t) {
                failures.add("case " + i + ": " + t.getClass().getName() + ": " + t.getMessage());
            }
        }
        System.out.printf("SearchCursorFuzzTest: %,d cases (seed %d); decoded %,d; refused %s%n", CASES, SEED, decoded,
                refusals);
        assertThat(failures).as("seed " + SEED + ": cases that ended otherwise than decoded or INVALID_CURSOR").isEmpty();
        assertThat(refusals).containsKeys("cursor is malformed",
                "cursor belongs to another query: repeat the same q, filters and sort");
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static String mutate(String text, SplittableRandom random) {
        int at = random.nextInt(text.length());
        return switch (random.nextInt(4)) {
            case 0 -> text.substring(0, at) + (char) random.nextInt(0x3000) + text.substring(at + 1);
            case 1 -> text.substring(0, at);
            case 2 -> text.substring(0, at) + PIECES.get(random.nextInt(PIECES.size())) + text.substring(at);
            default -> text.substring(0, at) + text.substring(at + 1);
        };
    }
}
