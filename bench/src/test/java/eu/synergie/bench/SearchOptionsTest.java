package eu.synergie.bench;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search benchmark's options: it widens its searches as the gateway does unless told not to (then on both targets
 * alike); it pauses the auditors' indexer only when told.
 */
class SearchOptionsTest {

    @Test
    void parseWhenNoExpandThenEveryQueryAsksTheWordsAsWrittenOnBothTargets() {
        assertThat(SearchOptions.parse(new String[]{}).expand()).isTrue();
        SearchOptions options = SearchOptions.parse(new String[]{"--no-expand"});
        assertThat(options.expand()).isFalse();

        QueryMix mix = new QueryMix(List.of("FR7630006000011234567890189"), Instant.parse("2026-12-06T00:00:00Z"), options.expand());
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            QueryMix.BenchQuery query = mix.next(random, BenchAgency.DEMO.getFirst(), List.of("EU-WEST"), List.of());
            assertThat(query.queryString("P")).contains("expand=false");
            assertThat(query.toNoticeQuery().expand()).isFalse();
            assertThat(query.withCursor("c").expand()).isFalse();
        }
        QueryMix.BenchQuery widened = new QueryMix(List.of("x"), Instant.parse("2026-12-06T00:00:00Z"))
                .next(random, BenchAgency.DEMO.getFirst(), List.of("EU-WEST"), List.of());
        assertThat(widened.queryString("P")).doesNotContain("expand=");
        assertThat(widened.toNoticeQuery().expand()).isTrue();
    }

    @Test
    void parseWhenAuditIndexerPausedThenSaysSoAndRunsItOtherwise() {
        assertThat(SearchOptions.parse(new String[]{}).auditIndexerPaused()).isFalse();
        assertThat(SearchOptions.parse(new String[]{"--reuse", "--audit-indexer-paused"}).auditIndexerPaused()).isTrue();
    }
}
