package eu.synergie.core.matching;

import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.integrity.Rejection;
import eu.synergie.core.integrity.TestStamps;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import eu.synergie.crypto.stamp.ExchangeMac;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every instance does with the records of {@code synergie.watchlists} and {@code synergie.alerts}: only what
 * the exchange authenticated reaches the watchlists and the analysts' alerts; forged, unsigned, mis-keyed and
 * replayed records are ignored and alarmed, and a deleted watchlist stays deleted.
 */
class MatchingLogReaderTest {

    private static final Freshness FRESHNESS = new Freshness(Duration.ofMinutes(5));
    private static final Caller CLAIRE = new Caller("claire.martin", "FR-DGPN", Set.of("EU-WEST"), Classification.CONFIDENTIAL,
            Set.of(Role.ANALYST));

    private final MatchingRecords records = new MatchingRecords(TestStamps.mac(Clock.systemUTC()), FRESHNESS);
    private final Watchlists watchlists = new Watchlists();
    private final AlertInbox inbox = new AlertInbox(new AccessPolicy(), 100);
    private final TestStamps.RecordingAlarm alarm = new TestStamps.RecordingAlarm();
    private final MatchingLogReader reader = new MatchingLogReader(records, watchlists, inbox, alarm);
    private final Watchlist watchlist = Watchlist.create(CLAIRE, "Go-fast A7", List.of(java.util.Map.entry("PHONE", "06 12 34 56 78")),
            null, Set.of(), Set.of(), Instant.now());
    private long offset;

    @Test
    void acceptAlertWhenAuthenticatedThenShownElseIgnoredAndAlarmed() {
        Alert genuine = AlertJsonTest.HIT;
        Alert forged = AlertJsonTest.OVER;

        reader.acceptAlert("FR-DGPN", MatchingJson.writeAlert(forged), offset++, Instant.now());
        reader.acceptAlert("FR-DGPN", new ExchangeMac(TestStamps.aesKey(), Clock.systemUTC()).seal(MatchingJson.writeAlert(forged)),
                offset++, Instant.now());
        reader.acceptAlert("BE-PJF", records.alert(forged), offset++, Instant.now());
        reader.acceptAlert("FR-DGPN", null, offset++, Instant.now());
        reader.acceptAlert("FR-DGPN", records.alert(genuine), offset++, Instant.now());

        assertThat(inbox.visibleTo(CLAIRE, 10)).extracting(Alert::id).containsExactly(genuine.id());
        assertThat(alarm.reasons()).containsExactly(Rejection.UNSIGNED, Rejection.FORGED, Rejection.MISKEYED, Rejection.UNSIGNED);
        assertThat(alarm.raised).extracting(TestStamps.RecordingAlarm.Raised::offset).containsExactly(0L, 1L, 2L, 3L);
        assertThat(alarm.raised).allSatisfy(r -> assertThat(r.detail()).doesNotContain("FR7630006000011234567890189"));
    }

    @Test
    void acceptWhenTheSameAuthenticatedRecordIsAppendedTwiceThenAppliedOnceAndTheCopyAlarmed() {
        byte[] alert = records.alert(AlertJsonTest.HIT);
        byte[] saved = records.watchlist(new MatchingJson.WatchlistState(watchlist.id(), watchlist));

        reader.acceptAlert("FR-DGPN", alert, 0, Instant.now());
        reader.acceptAlert("FR-DGPN", alert, 1, Instant.now());
        reader.acceptAlert("FR-DGPN", records.alert(AlertJsonTest.HIT), 2, Instant.now());
        reader.acceptWatchlist(watchlist.id(), saved, 3, Instant.now());
        reader.acceptWatchlist(watchlist.id(), saved, 4, Instant.now());

        assertThat(inbox.visibleTo(CLAIRE, 10)).as("the same hit found again is the same alert").hasSize(1);
        assertThat(watchlists.get(watchlist.id())).contains(watchlist);
        assertThat(alarm.raised).extracting(TestStamps.RecordingAlarm.Raised::offset, TestStamps.RecordingAlarm.Raised::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, Rejection.REPLAYED),
                        org.assertj.core.groups.Tuple.tuple(4L, Rejection.REPLAYED));
    }

    @Test
    void acceptAlertWhenAuthenticatedAlertAppendedLongAfterThenReplayed() {
        reader.acceptAlert("FR-DGPN", records.alert(AlertJsonTest.HIT), 9, Instant.now().plus(Duration.ofHours(1)));

        assertThat(inbox.visibleTo(CLAIRE, 10)).isEmpty();
        assertThat(alarm.reasons()).containsExactly(Rejection.REPLAYED);
    }

    @Test
    void acceptWatchlistWhenDeletedThenItsRecordAppendedAgainBringsNothingBack() {
        byte[] saved = records.watchlist(new MatchingJson.WatchlistState(watchlist.id(), watchlist));
        reader.acceptWatchlist(watchlist.id(), saved, offset++, Instant.now());
        assertThat(watchlists.get(watchlist.id())).contains(watchlist);

        reader.acceptWatchlist(watchlist.id(), records.watchlist(new MatchingJson.WatchlistState(watchlist.id(), null)), offset++,
                Instant.now());
        reader.acceptWatchlist(watchlist.id(), saved, offset++, Instant.now());

        assertThat(watchlists.get(watchlist.id())).isEmpty();
        assertThat(alarm.raised).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(Rejection.REPLAYED);
            assertThat(r.offset()).isEqualTo(2);
            assertThat(r.key()).isEqualTo(watchlist.id());
        });
    }

    @Test
    void acceptWatchlistWhenTheInstanceThatDeletedItReadsItsCreationBackLateThenSilentButACopyIsAReplay() {
        byte[] saved = records.watchlist(new MatchingJson.WatchlistState(watchlist.id(), watchlist));
        byte[] deletion = records.watchlist(new MatchingJson.WatchlistState(watchlist.id(), null));
        watchlists.apply(watchlist.id(), watchlist);
        watchlists.apply(watchlist.id(), null);

        reader.acceptWatchlist(watchlist.id(), saved, 0, Instant.now());
        reader.acceptWatchlist(watchlist.id(), deletion, 1, Instant.now());
        assertThat(alarm.raised).as("its own changes coming back").isEmpty();

        reader.acceptWatchlist(watchlist.id(), saved, 2, Instant.now());
        assertThat(watchlists.get(watchlist.id())).isEmpty();
        assertThat(alarm.reasons()).containsExactly(Rejection.REPLAYED);
    }

    @Test
    void acceptWatchlistWhenForgedUnsignedOrStaleThenNotInForce() {
        byte[] json = MatchingJson.writeWatchlist(new MatchingJson.WatchlistState(watchlist.id(), watchlist));

        reader.acceptWatchlist(watchlist.id(), json, offset++, Instant.now());
        reader.acceptWatchlist(watchlist.id(), new ExchangeMac(TestStamps.aesKey(), Clock.systemUTC()).seal(json), offset++,
                Instant.now());
        reader.acceptWatchlist(watchlist.id(), null, offset++, Instant.now());
        // After compaction kept only a replayed copy, a new instance reads nothing else for the key.
        reader.acceptWatchlist(watchlist.id(), records.watchlist(new MatchingJson.WatchlistState(watchlist.id(), watchlist)),
                offset++, Instant.now().plus(Duration.ofHours(1)));

        assertThat(watchlists.get(watchlist.id())).isEmpty();
        assertThat(watchlists.ofOwner(CLAIRE.subject())).isEmpty();
        assertThat(alarm.reasons()).containsExactly(Rejection.UNSIGNED, Rejection.FORGED, Rejection.UNSIGNED, Rejection.REPLAYED);
    }

    @Test
    void acceptWhenReadingARecordFailsOtherwiseThanWithAReasonThenUnreadableAndTheFollowingStillApplied() {
        Alert genuine = AlertJsonTest.HIT;
        byte[] saved = records.watchlist(new MatchingJson.WatchlistState(watchlist.id(), watchlist));

        // Reading checks freshness against the append time; without one it fails in a way nobody planned for.
        reader.acceptAlert("FR-DGPN", records.alert(AlertJsonTest.OVER), offset++, null);
        reader.acceptWatchlist(watchlist.id(), records.watchlist(new MatchingJson.WatchlistState(watchlist.id(), null)),
                offset++, null);
        reader.acceptAlert("FR-DGPN", records.alert(genuine), offset++, Instant.now());
        reader.acceptWatchlist(watchlist.id(), saved, offset++, Instant.now());

        assertThat(inbox.visibleTo(CLAIRE, 10)).extracting(Alert::id).containsExactly(genuine.id());
        assertThat(watchlists.get(watchlist.id())).contains(watchlist);
        assertThat(alarm.raised).extracting(TestStamps.RecordingAlarm.Raised::reason)
                .containsExactly(Rejection.UNREADABLE, Rejection.UNREADABLE);
        assertThat(alarm.raised).extracting(TestStamps.RecordingAlarm.Raised::detail)
                .containsOnly("the record could not be read (NullPointerException)");
    }
}
