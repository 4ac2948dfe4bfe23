package eu.synergie.bench;

import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeJson;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final NoticeGenerator generator = new NoticeGenerator(7, NOW, BenchAgency.DEMO);
    private static final List<NoticeGenerator.Generated> notices = IntStream.range(0, 2000).mapToObj(generator::generate).toList();

    @Test
    void generateWhenSameSeedAndIndexThenSameNotice() {
        assertThat(new NoticeGenerator(7, NOW, BenchAgency.DEMO).generate(1234)).isEqualTo(generator.generate(1234));
        assertThat(new NoticeGenerator(8, NOW, BenchAgency.DEMO).generate(1234).notice())
                .isNotEqualTo(generator.generate(1234).notice());
    }

    @Test
    void generateWhenWrittenAsJsonThenReadBackAsTheSameValidNotice() {
        for (NoticeGenerator.Generated n : notices) {
            assertThat(NoticeJson.read(NoticeJson.write(n.notice()))).isEqualTo(n.notice());
        }
    }

    @Test
    void generateWhenManyThenFrenchFirstAndEveryLanguageAgencyAndRegion() {
        Map<String, Integer> languages = new HashMap<>();
        notices.forEach(n -> languages.merge(n.notice().language(), 1, Integer::sum));
        assertThat(languages).containsOnlyKeys("fr", "es", "de", "nl", "ar", "en");
        assertThat(languages.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey()).isEqualTo("fr");
        assertThat(notices.stream().map(n -> n.agency().code()).distinct())
                .containsExactlyInAnyOrder("FR-DGPN", "BE-PJF", "DE-BKA", "ES-CNP", "MA-DGSN");
        assertThat(notices.stream().map(n -> n.notice().region()).distinct()).containsExactlyInAnyOrder("EU-WEST", "EU-CENTRAL", "MED");
        assertThat(notices.stream().flatMap(n -> n.notice().entities().stream()).map(Entity::kind).distinct())
                .containsExactlyInAnyOrder(EntityKind.values());
    }

    @Test
    void generateWhenAgencyPublishesThenOnlyToItsOwnRegions() {
        for (NoticeGenerator.Generated n : notices) {
            assertThat(n.agency().regionNames()).contains(n.notice().region());
            assertThat(n.notice().originAgency()).isEqualTo(n.agency().code());
        }
    }

    @Test
    void generateWhenTokensThenEachFoundInItsOwnSummaryOnly() {
        Set<String> tokens = new HashSet<>();
        for (NoticeGenerator.Generated n : notices) {
            assertThat(n.notice().summary()).contains(n.token());
            assertThat(tokens.add(n.token())).isTrue();
        }
        assertThat(NoticeGenerator.token(0)).isEqualTo("sx0000000");
        assertThat(NoticeGenerator.token(199_999)).hasSize(9);
    }

    @Test
    void ibanWhenGeneratedThenCheckDigitsVerify() {
        SplittableRandom random = new SplittableRandom(1);
        for (String country : List.of("FR", "BE", "DE", "ES", "NL", "MA", "AL")) {
            for (int i = 0; i < 200; i++) {
                String iban = NoticeGenerator.iban(random, country).replace(" ", "");
                String rearranged = iban.substring(4) + iban.substring(0, 4);
                StringBuilder digits = new StringBuilder();
                rearranged.chars().forEach(c -> digits.append(Character.isDigit(c) ? String.valueOf((char) c) : String.valueOf(c - 'A' + 10)));
                assertThat(new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue()).as(iban).isEqualTo(1);
            }
        }
    }

    @Test
    void imoWhenGeneratedThenCheckDigitVerifies() {
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 500; i++) {
            String imo = NoticeGenerator.imo(random);
            int sum = 0;
            for (int d = 0; d < 6; d++) {
                sum += (imo.charAt(d) - '0') * (7 - d);
            }
            assertThat(imo).hasSize(7);
            assertThat(sum % 10).isEqualTo(imo.charAt(6) - '0');
        }
    }

    @Test
    void readerOfWhenSampledThenThatAnalystMayReadIt() {
        long readable = notices.stream().map(NoticeGenerator.Generated::notice).map(Notice::markings)
                .filter(m -> LatencyProbe.readerOf(m).isPresent()).count();
        assertThat(readable).isGreaterThan(notices.size() * 8L / 10);
    }
}
