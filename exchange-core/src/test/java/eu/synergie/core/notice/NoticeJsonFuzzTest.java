package eu.synergie.core.notice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated hostile notice JSON (a seeded generator of ours), as it reaches {@link NoticeJson#read} from inside an
 * envelope: each case ends in a {@link Notice} or an {@link InvalidNoticeException}, never another exception or an
 * Error. Mutations: bytes flipped, cut, inserted and deleted (invalid UTF-8 included), every field removed, set to
 * another JSON type or duplicated, values nested thousands of levels deep, huge numbers and strings, lone
 * surrogates, hundreds of entities. 10,000 cases per run ({@code -Dsynergie.fuzz.json.cases}).
 */
class NoticeJsonFuzzTest {

    private static final int CASES = Integer.getInteger("synergie.fuzz.json.cases", 10_000);
    private static final long SEED = Long.getLong("synergie.fuzz.seed", 0x5EA1ED13L);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VALID = """
            {"noticeId":"6f1c2b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b","originAgency":"FR-DGPN","region":"EU-WEST",
             "type":"WANTED_PERSON","title":"Évadé de la maison d'arrêt","summary":"Vu à Lille","language":"fr",
             "issuedAt":"2026-11-28T10:00:00Z","validUntil":"2027-11-28T00:00:00Z","classification":"RESTRICTED",
             "handlingCode":"H3","handlingNote":"ne pas diffuser","tlp":"RED","releasableTo":["BE-PJF"],
             "dissemination":"POINTER","sourceReliability":"B","infoReliability":"2","caseRef":"PJ-1","version":2,
             "status":"ACTIVE","entities":[{"kind":"PHONE","value":"+33612345678"},
             {"kind":"PERSON","value":"Jean DUPONT","attributes":{"birthDate":"1980-02-01","nationality":"FR"}},
             {"kind":"IBAN","value":"FR7630006000011234567890189"},{"kind":"EMAIL","value":"a@example.org"}]}
            """;
    private static final List<JsonNode> ODD_VALUES = List.of(JsonNodeFactory.instance.nullNode(),
            JsonNodeFactory.instance.booleanNode(true), JsonNodeFactory.instance.numberNode(-1),
            JsonNodeFactory.instance.numberNode(new java.math.BigDecimal("1e999999")),
            JsonNodeFactory.instance.numberNode(new java.math.BigInteger("9".repeat(400))),
            JsonNodeFactory.instance.stringNode(""), JsonNodeFactory.instance.stringNode("x".repeat(100_000)),
            JsonNodeFactory.instance.stringNode("\ud800\u0000\u202e"), JsonNodeFactory.instance.arrayNode(),
            JsonNodeFactory.instance.objectNode());

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void readWhenGeneratedHostileJsonThenNoticeOrInvalidNotice() {
        SplittableRandom random = new SplittableRandom(SEED);
        ObjectNode valid = (ObjectNode) JSON.readTree(VALID);
        List<String> fields = new ArrayList<>(valid.propertyNames());
        Map<String, Integer> kinds = new TreeMap<>();
        Map<String, Integer> refusals = new TreeMap<>();
        Map<String, Long> millis = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int read = 0;
        long started = System.nanoTime();
        for (int i = 0; i < CASES; i++) {
            String kind;
            byte[] input;
            ObjectNode tree = valid.deepCopy();
            String field = fields.get(random.nextInt(fields.size()));
            switch (random.nextInt(9)) {
                case 0 -> {
                    kind = "bytes";
                    input = byteMutation(VALID.getBytes(StandardCharsets.UTF_8), random);
                }
                case 1 -> {
                    kind = "field removed";
                    tree.remove(field);
                    input = JSON.writeValueAsBytes(tree);
                }
                case 2 -> {
                    kind = "field of another type";
                    tree.set(field, ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
                    input = JSON.writeValueAsBytes(tree);
                }
                case 3 -> {
                    kind = "entity field of another type";
                    ObjectNode entity = (ObjectNode) tree.get("entities").get(random.nextInt(4));
                    List<String> names = List.of("kind", "value", "attributes", "unknown");
                    entity.set(names.get(random.nextInt(names.size())), ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
                    input = JSON.writeValueAsBytes(tree);
                }
                case 4 -> {
                    kind = "duplicate field";
                    String json = JSON.writeValueAsString(tree);
                    input = (json.substring(0, json.length() - 1) + ",\"" + field + "\":"
                            + JSON.writeValueAsString(ODD_VALUES.get(random.nextInt(5))) + "}").getBytes(StandardCharsets.UTF_8);
                }
                case 5 -> {
                    kind = "deep nesting";
                    int depth = 1_000 + random.nextInt(50_000);
                    String nested = random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                            : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                    String json = JSON.writeValueAsString(tree);
                    int at = json.indexOf("\"" + field + "\":") + field.length() + 3;
                    int end = json.indexOf(',', at);
                    input = (json.substring(0, at) + nested + (end < 0 ? "}" : json.substring(end)))
                            .getBytes(StandardCharsets.UTF_8);
                }
                case 6 -> {
                    kind = "many entities";
                    ArrayNode entities = (ArrayNode) tree.get("entities");
                    for (int n = random.nextInt(300); n > 0; n--) {
                        entities.add(entities.get(n % 4).deepCopy());
                    }
                    input = JSON.writeValueAsBytes(tree);
                }
                case 7 -> {
                    kind = "not an object";
                    input = JSON.writeValueAsBytes(ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
                }
                default -> {
                    kind = "random bytes";
                    input = new byte[random.nextInt(512)];
                    random.nextBytes(input);
                }
            }
            kinds.merge(kind, 1, Integer::sum);
            long start = System.nanoTime();
            try {
                assertThat(NoticeJson.read(input)).isNotNull();
                read++;
            } catch (InvalidNoticeException e) {
                refusals.merge(kind, 1, Integer::sum);
            } catch (Throwable t) {
                failures.add("case " + i + " (" + kind + " " + field + "): " + t.getClass().getName() + ": " + t.getMessage());
            }
            millis.merge(kind, (System.nanoTime() - start) / 1_000_000, Long::sum);
        }
        System.out.printf("NoticeJsonFuzzTest: %,d cases (seed %d) in %,d ms; read %,d; refused as INVALID_NOTICE by "
                + "mutation %s%n  by mutation %s%n  ms reading by mutation %s%n", CASES, SEED, (System.nanoTime() - started) / 1_000_000, read,
                refusals, kinds, millis);
        assertThat(failures).as("seed " + SEED + ": cases that ended otherwise than read or INVALID_NOTICE").isEmpty();
        assertThat(refusals).containsKeys("bytes", "field removed", "field of another type", "deep nesting");
        assertThat(refusals.get("duplicate field")).as("a repeated key is always refused").isEqualTo(kinds.get("duplicate field"));
    }

    private static byte[] byteMutation(byte[] valid, SplittableRandom random) {
        int at = random.nextInt(valid.length);
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] bytes = valid.clone();
                bytes[at] ^= (byte) (1 << random.nextInt(8));
                yield bytes;
            }
            case 1 -> Arrays.copyOf(valid, at);
            case 2 -> {
                byte[] inserted = {(byte) 0xc3, (byte) 0x28, (byte) 0xed, (byte) 0xa0, (byte) 0x80, 0x00, '"', '\\', '{'};
                byte[] bytes = new byte[valid.length + 1];
                System.arraycopy(valid, 0, bytes, 0, at);
                bytes[at] = inserted[random.nextInt(inserted.length)];
                System.arraycopy(valid, at, bytes, at + 1, valid.length - at);
                yield bytes;
            }
            default -> {
                byte[] bytes = new byte[valid.length - 1];
                System.arraycopy(valid, 0, bytes, 0, at);
                System.arraycopy(valid, at + 1, bytes, at, valid.length - at - 1);
                yield bytes;
            }
        };
    }
}
