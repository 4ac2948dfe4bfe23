package eu.synergie.gateway.taxii;

import eu.synergie.core.index.FeedQuery;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaxiiCursorTest {

    private static final FeedQuery.Position POSITION = new FeedQuery.Position(Instant.parse("2026-11-28T10:00:00.123Z"),
            UUID.fromString("0e2c4b1c-1111-4222-8333-444455556666"));

    @Test
    void decodeWhenEncodedThenTheSameCursor() {
        TaxiiCursor inside = new TaxiiCursor("fp", POSITION, UUID.randomUUID(), 3);
        TaxiiCursor between = new TaxiiCursor("fp", POSITION, null, 0);
        TaxiiCursor first = new TaxiiCursor("fp", null, UUID.randomUUID(), 2);

        assertThat(TaxiiCursor.decode(inside.encode(), "fp")).isEqualTo(inside);
        assertThat(TaxiiCursor.decode(between.encode(), "fp")).isEqualTo(between);
        assertThat(TaxiiCursor.decode(first.encode(), "fp")).isEqualTo(first);
        assertThat(TaxiiCursor.decode(null, "fp")).isEqualTo(TaxiiCursor.start("fp"));
    }

    @Test
    void decodeWhenAnotherReadsCursorThen400NamingIt() {
        String next = new TaxiiCursor("fp-objects", POSITION, null, 0).encode();

        assertThatThrownBy(() -> TaxiiCursor.decode(next, "fp-manifest")).isInstanceOfSatisfying(TaxiiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(400);
            assertThat(e.getMessage()).contains("next belongs to another read");
        });
    }

    @Test
    void decodeWhenAnythingElseThen400AndNeverAnotherException() {
        Random random = new Random(16L);
        String valid = new TaxiiCursor("fp", POSITION, UUID.randomUUID(), 4).encode();
        for (int c = 0; c < 5_000; c++) {
            String next = switch (c % 4) {
                case 0 -> randomText(random);
                case 1 -> Base64.getUrlEncoder().encodeToString(randomText(random).getBytes(StandardCharsets.UTF_8));
                case 2 -> mutated(valid, random);
                default -> Base64.getUrlEncoder().withoutPadding().encodeToString(("t1\nfp\n" + randomText(random) + "\n"
                        + POSITION.noticeId() + "\n-\n" + random.nextInt()).getBytes(StandardCharsets.UTF_8));
            };
            try {
                TaxiiCursor cursor = TaxiiCursor.decode(next, "fp");
                assertThat(cursor.skip()).isNotNegative();
            } catch (TaxiiException e) {
                assertThat(e.status().value()).isEqualTo(400);
            }
        }
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
            text.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
        }
        return text.toString();
    }

    private static String mutated(String valid, Random random) {
        char[] chars = valid.toCharArray();
        chars[random.nextInt(chars.length)] = "ABCxyz019-_=+/".charAt(random.nextInt(14));
        return new String(chars);
    }
}
