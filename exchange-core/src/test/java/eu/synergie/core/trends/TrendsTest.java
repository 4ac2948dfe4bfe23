package eu.synergie.core.trends;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.ReadScope;
import eu.synergie.core.policy.Role;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The trends of a caller over counts the index would give: judged on the last complete period, never the current one. */
class TrendsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T21:00:00Z");
    private static final Caller ANALYST = new Caller("claire.martin", "FR-DGPN", Set.of("EU-WEST"), Classification.RESTRICTED,
            Set.of(Role.ANALYST));

    private final List<TrendCounts.Count> counts = new ArrayList<>();
    private final List<ReadScope> asked = new ArrayList<>();

    @Test
    void reportWhenTheLastCompleteWeekRisesThenItFiresWithTheNumbersShown() {
        weeks("EU-WEST", "DRUG_TRAFFICKING", 2, 3, 2, 2, 3, 2, 2, 3, 18, 1);
        weeks("EU-WEST", "CORRUPTION", 4, 4, 4, 4, 4, 4, 4, 4, 4, 40);

        TrendReport report = trends().report(ANALYST, Period.WEEK, Set.of(), Set.of());

        assertThat(report.labels()).hasSize(10).endsWith("2026-W48", "2026-W49");
        assertThat(report.judged()).isEqualTo("2026-W48");
        assertThat(report.current()).isEqualTo("2026-W49");
        assertThat(report.rises()).singleElement().satisfies(rise -> {
            assertThat(rise.type()).isEqualTo("DRUG_TRAFFICKING");
            assertThat(rise.verdict().observed()).isEqualTo(18);
            assertThat(rise.verdict().expected()).isEqualTo(2.375);
            assertThat(rise.verdict().threshold()).isLessThanOrEqualTo(18);
        });
        assertThat(report.series()).filteredOn(s -> s.type().equals("CORRUPTION")).singleElement()
                .satisfies(s -> assertThat(s.verdict().fired()).as("40 in the current week is shown, not judged").isFalse());
        assertThat(asked).containsOnly(new AccessPolicy().scopeOf(ANALYST));
    }

    @Test
    void reportWhenNarrowedThenOnlyThoseRegionsAndTypes() {
        weeks("EU-WEST", "DRUG_TRAFFICKING", 2, 3, 2, 2, 3, 2, 2, 3, 18, 1);
        weeks("EU-WEST", "CORRUPTION", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);

        TrendReport report = trends().report(ANALYST, Period.WEEK, Set.of("EU-WEST"), Set.of("CORRUPTION"));

        assertThat(report.series()).extracting(TrendReport.Series::type).containsExactly("CORRUPTION");
        assertThat(report.rises()).isEmpty();
    }

    @Test
    void reportWhenTheCallerIsNoAnalystThenNothingIsCounted() {
        weeks("EU-WEST", "DRUG_TRAFFICKING", 2, 3, 2, 2, 3, 2, 2, 3, 18, 1);
        Caller feed = new Caller("feed-fr-dgpn", "FR-DGPN", Set.of("EU-WEST"), Classification.RESTRICTED, Set.of(Role.AGENCY_FEED));

        TrendReport report = trends().report(feed, Period.WEEK, Set.of(), Set.of());

        assertThat(report.series()).isEmpty();
        assertThat(asked).isEmpty();
    }

    /** Counts for the ten weeks up to the current one (W40 to W49 of 2026), oldest first. */
    private void weeks(String region, String type, long... perWeek) {
        Instant start = Period.WEEK.start(NOW);
        for (int i = perWeek.length - 1; i >= 0; i--) {
            if (perWeek[i] > 0) {
                counts.add(new TrendCounts.Count(region, type, start, perWeek[i]));
            }
            start = Period.WEEK.previousStart(start);
        }
    }

    private Trends trends() {
        TrendCounts port = new TrendCounts() {
            @Override
            public List<Count> counts(ReadScope scope, Period period, Instant from) {
                asked.add(scope);
                return counts.stream().filter(c -> !c.periodStart().isBefore(from)).toList();
            }

            @Override
            public List<Sighting> sightings(ReadScope scope, Instant from, int limit) {
                asked.add(scope);
                return List.of();
            }
        };
        return new Trends(port, new AccessPolicy(), RiseTest.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
