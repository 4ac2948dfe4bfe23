package eu.synergie.core.matching;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.ReadScope;
import eu.synergie.core.policy.Role;
import eu.synergie.core.trends.Period;
import eu.synergie.core.trends.RiseTest;
import eu.synergie.core.trends.Sighting;
import eu.synergie.core.trends.TrendCounts;
import eu.synergie.core.trends.Trends;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Rises told to the watchlists that watch them: once each, to their owner only, under the owner's entitlements. */
class RiseAlertsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T21:00:00Z");
    private static final Caller CLAIRE = new Caller("claire.martin", "FR-DGPN", Set.of("EU-WEST", "MED"),
            Classification.CONFIDENTIAL, Set.of(Role.ANALYST));

    private final Watchlists watchlists = new Watchlists();
    private final AlertInbox inbox = new AlertInbox(new AccessPolicy(), 100);
    private final List<Alert> appended = new ArrayList<>();
    private final List<ReadScope> counted = new ArrayList<>();

    @Test
    void checkWhenALastWeekRisesThenToldOnceToTheOwnerAndReadableOnlyByThem() {
        Watchlist rises = Watchlist.create(CLAIRE, "Hausses", List.of(), null, Set.of(), Set.of(), NOW, true);
        watchlists.apply(rises.id(), rises);
        Watchlist values = Watchlist.create(CLAIRE, "Valeurs", List.of(java.util.Map.entry("PHONE", "0612345678")), null,
                Set.of(), Set.of(), NOW);
        watchlists.apply(values.id(), values);
        RiseAlerts alerts = riseAlerts();

        List<Alert> first = alerts.check();
        List<Alert> again = alerts.check();

        assertThat(first).singleElement().isInstanceOfSatisfying(Alert.TrendRise.class, rise -> {
            assertThat(rise.region()).isEqualTo("EU-WEST");
            assertThat(rise.type()).isEqualTo("CYBERCRIME");
            assertThat(rise.period()).isEqualTo("2026-W48");
            assertThat(rise.observed()).isEqualTo(9);
            assertThat(rise.recipientSubject()).isEqualTo("claire.martin");
        });
        assertThat(again).as("told once").isEmpty();
        assertThat(appended).hasSize(1);
        assertThat(counted).as("counted under the owner's entitlements as saved").containsOnly(new AccessPolicy().scopeOf(CLAIRE));

        Alert told = first.getFirst();
        inbox.add(told);
        assertThat(inbox.shownTo(CLAIRE, told)).isPresent();
        assertThat(inbox.shownTo(new Caller("luc.peeters", "FR-DGPN", Set.of("EU-WEST"), Classification.SECRET,
                Set.of(Role.ANALYST)), told)).as("another analyst of her agency").isEmpty();
        assertThat(inbox.shownTo(new Caller("claire.martin", "FR-DGPN", Set.of("MED"), Classification.CONFIDENTIAL,
                Set.of(Role.ANALYST)), told)).as("her token no longer grants the region").isEmpty();
        assertThat(inbox.shownTo(new Caller("claire.martin", "FR-DGPN", Set.of("EU-WEST"), Classification.RESTRICTED,
                Set.of(Role.ANALYST)), told)).as("her clearance no longer covers what was counted").isEmpty();

        // Another instance, or this one restarted: it reads the alert back from the log, and the inbox lets it go.
        AlertInbox small = new AlertInbox(new AccessPolicy(), 1);
        RiseAlerts restarted = riseAlerts(small);
        small.add(told);
        small.add(new Alert.OverCorrelation("o1", "FR-DGPN", NOW, java.util.UUID.randomUUID(),
                new eu.synergie.core.notice.Markings("EU-WEST", "FR-DGPN", Classification.RESTRICTED,
                        eu.synergie.core.notice.HandlingCode.H1, null, eu.synergie.core.notice.Tlp.AMBER, Set.of(),
                        eu.synergie.core.notice.Dissemination.FULL), "PHONE", "+33612345678", 30));
        assertThat(small.visibleTo(CLAIRE, 10)).as("let go by the inbox").doesNotContain(told);
        assertThat(restarted.check()).as("told once all the same").isEmpty();
        assertThat(MatchingJson.readAlert(MatchingJson.writeAlert(told))).isEqualTo(told);
    }

    private RiseAlerts riseAlerts() {
        return riseAlerts(inbox);
    }

    private RiseAlerts riseAlerts(AlertInbox into) {
        TrendCounts counts = new TrendCounts() {
            @Override
            public List<Count> counts(ReadScope scope, Period period, Instant from) {
                counted.add(scope);
                List<Count> weeks = new ArrayList<>();
                Instant week = period.previousStart(NOW);
                weeks.add(new Count("EU-WEST", "CYBERCRIME", week, 9));
                for (int i = 0; i < 8; i++) {
                    week = period.previousStart(week);
                    weeks.add(new Count("EU-WEST", "CYBERCRIME", week, 1));
                    weeks.add(new Count("MED", "CORRUPTION", week, 2));
                }
                return weeks;
            }

            @Override
            public List<Sighting> sightings(ReadScope scope, Instant from, int limit) {
                return List.of();
            }
        };
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new RiseAlerts(watchlists, new Trends(counts, new AccessPolicy(), RiseTest.DEFAULT, clock), appended::addAll,
                into, Period.WEEK, clock);
    }

    @Test
    void watchlistWhenSavedBeforeWatchlistsWatchedRisesThenReadAsWatchingNone() {
        String saved = """
                {"id":"w-2026-11","watchlist":{"id":"w-2026-11","ownerSubject":"claire.martin","ownerAgency":"FR-DGPN",
                 "ownerRegions":["EU-WEST"],"ownerClearance":"CONFIDENTIAL","name":"Go-fast A7",
                 "values":[{"kind":"PHONE","value":"06 12 34 56 78","normalized":"+33612345678"}],"text":null,
                 "types":[],"regions":[],"createdAt":"2026-11-20T08:00:00Z"}}""";

        MatchingJson.WatchlistState state = MatchingJson.readWatchlist(saved.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(state.watchlist().rises()).isFalse();
        assertThat(state.watchlist().values()).hasSize(1);
    }
}
