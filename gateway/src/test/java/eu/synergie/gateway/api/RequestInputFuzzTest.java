package eu.synergie.gateway.api;

import eu.synergie.core.ExchangeException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated hostile request input that the gateway parses itself: search parameters (every query-string field),
 * NDJSON batch bodies and their lines. Each case ends in a result or in one of our refusals, which
 * {@link Problems} answers with a 4xx and a reason; never another exception, never a 500. 20,000 cases each per
 * run ({@code -Dsynergie.fuzz.request.cases}).
 */
class RequestInputFuzzTest {

    private static final int CASES = Integer.getInteger("synergie.fuzz.request.cases", 20_000);
    private static final long SEED = Long.getLong("synergie.fuzz.seed", 0x5EA1ED13L);
    private static final List<String> PIECES = List.of("", " ", ",", "CYBERCRIME", "cybercrime", "WANTED_PERSON",
            "FR-DGPN", "EU-WEST", "RESTRICTED", "SECRET", "AMBER STRICT", "AMBER+STRICT", "amber_strict", "RED", "H0", "H4",
            "2026-11-28", "2026-11-28T10:00:00Z", "2026-02-30", "+999999999-12-31", "-1", "0", "101", "newest", "relevance",
            "PHONE", "IBAN", "\u0000", "\ud800", "é", "漢", "%", "\"", "*", "(", "x".repeat(5_000), "1e9", "NaN",
            "true", "null");

    @Test
    void toQueryWhenGeneratedHostileParametersThenQueryOrInvalidParameter() {
        SplittableRandom random = new SplittableRandom(SEED);
        Map<String, Integer> refusals = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int queries = 0;
        for (int i = 0; i < CASES; i++) {
            SearchParameters parameters = new SearchParameters(maybe(random), random.nextInt(4) == 0 ? null
                    : random.nextInt(-5, 120), maybe(random), maybe(random), random.nextBoolean(), list(random),
                    list(random), list(random), list(random), list(random), list(random), maybe(random), maybe(random),
                    maybe(random), maybe(random), random.nextInt(3) == 0 ? null : random.nextBoolean(), maybe(random));
            try {
                assertThat(parameters.toQuery()).isNotNull();
                queries++;
            } catch (ExchangeException.Refused e) {
                Problems.Answer answer = Problems.of(e);
                assertThat(answer.status().is4xxClientError()).isTrue();
                refusals.merge(answer.reason(), 1, Integer::sum);
            } catch (Throwable t) {
                failures.add("case " + i + " (" + parameters + "): " + t.getClass().getName() + ": " + t.getMessage());
            }
        }
        System.out.printf("RequestInputFuzzTest search parameters: %,d cases (seed %d); queries %,d; refused %s%n",
                CASES, SEED, queries, refusals);
        assertThat(failures).as("seed " + SEED).isEmpty();
        assertThat(refusals).containsOnlyKeys("INVALID_PARAMETER");
    }

    @Test
    void envelopeOfWhenGeneratedHostileBatchLinesThenBytesOrMalformedLine() throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        String valid = "{\"envelope\":\"" + Base64.getEncoder().encodeToString(new byte[300]) + "\"}";
        Map<String, Integer> refusals = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int envelopes = 0;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < CASES; i++) {
            String line = switch (random.nextInt(6)) {
                case 0 -> mutate(valid, random);
                case 1 -> "[".repeat(1_000 + random.nextInt(20_000));
                case 2 -> "{\"envelope\":" + List.of("1", "null", "[]", "{}", "\"\"", "\"!!\"", "\"QQ\"", "true")
                        .get(random.nextInt(8)) + "}";
                case 3 -> "{\"envelope\":\"" + "A".repeat(random.nextInt(9)) + "\",\"envelope\":\"AAAA\"}";
                case 4 -> PIECES.get(random.nextInt(PIECES.size()));
                default -> {
                    byte[] noise = new byte[random.nextInt(300)];
                    random.nextBytes(noise);
                    yield new String(noise, StandardCharsets.ISO_8859_1).replace('\n', ' ');
                }
            };
            if (body.length() < 2_000_000) {
                body.append(line).append(random.nextBoolean() ? "\n" : "\r\n");
            }
            try {
                assertThat(BatchPublishController.envelopeOf(line)).isNotNull();
                envelopes++;
            } catch (ExchangeException.Refused e) {
                refusals.merge(Problems.of(e).reason(), 1, Integer::sum);
            } catch (Throwable t) {
                failures.add("case " + i + ": " + t.getClass().getName() + ": " + t.getMessage());
            }
        }
        // The same lines as one body: every line comes back, whole or reported as too long, and nothing else.
        NdjsonLines lines = new NdjsonLines(new StringReader(body.toString()), 4_096);
        int read = 0;
        for (String line = lines.next(); line != null; line = lines.next()) {
            assertThat(line == NdjsonLines.TOO_LONG || line.length() <= 4_096).isTrue();
            read++;
        }
        System.out.printf("RequestInputFuzzTest batch lines: %,d cases (seed %d); envelopes %,d; refused %s; a body of "
                + "%,d chars read as %,d lines%n", CASES, SEED, envelopes, refusals, body.length(), read);
        assertThat(failures).as("seed " + SEED).isEmpty();
        assertThat(refusals).containsOnlyKeys("MALFORMED_LINE");
        assertThat(read).isEqualTo(body.toString().split("\n", -1).length - 1);
    }

    private static String maybe(SplittableRandom random) {
        if (random.nextInt(3) != 0) {
            return null;
        }
        StringBuilder value = new StringBuilder();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            value.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        return value.toString();
    }

    private static List<String> list(SplittableRandom random) {
        if (random.nextInt(3) != 0) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (int n = random.nextInt(3); n > 0; n--) {
            values.add(random.nextInt(10) == 0 ? null : maybe(random));
        }
        return values;
    }

    private static String mutate(String line, SplittableRandom random) {
        int at = random.nextInt(line.length());
        return switch (random.nextInt(3)) {
            case 0 -> line.substring(0, at) + (char) random.nextInt(0x250) + line.substring(at + 1);
            case 1 -> line.substring(0, at);
            default -> line.substring(0, at) + PIECES.get(random.nextInt(PIECES.size())) + line.substring(at);
        };
    }
}
