package eu.synergie.core.matching;

import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.core.integrity.Rejection;

import java.time.Instant;

/**
 * What every instance does with each record of {@code synergie.watchlists} and {@code synergie.alerts}, whoever
 * reads the topics: what the exchange authenticated, fresh and under its own key, goes to the watchlists or the
 * alert inbox; anything else is ignored and alarmed, never applied. A deleted watchlist's record appended again
 * brings nothing back; an alert appended again is the same alert (same id), shown once.
 */
public final class MatchingLogReader {

    private final MatchingRecords records;
    private final Watchlists watchlists;
    private final AlertInbox inbox;
    private final LogAlarm alarm;

    public MatchingLogReader(MatchingRecords records, Watchlists watchlists, AlertInbox inbox, LogAlarm alarm) {
        this.records = records;
        this.watchlists = watchlists;
        this.inbox = inbox;
        this.alarm = alarm;
    }

    public void acceptWatchlist(String key, byte[] value, long offset, Instant appendedAt) {
        switch (records.readWatchlist(key, value, appendedAt)) {
            case MatchingRecords.Read.Valid<MatchingJson.WatchlistState> valid -> {
                if (watchlists.apply(valid.value().id(), valid.value().watchlist()) == Watchlists.Applied.OUTDATED) {
                    alarm.rejected(WatchlistLog.TOPIC, key, offset, Rejection.REPLAYED,
                            "the watchlist was deleted, or another one holds its id");
                }
            }
            case MatchingRecords.Read.Refused<MatchingJson.WatchlistState> refused ->
                    alarm.rejected(WatchlistLog.TOPIC, key, offset, refused.reason(), refused.detail());
        }
    }

    public void acceptAlert(String key, byte[] value, long offset, Instant appendedAt) {
        switch (records.readAlert(key, value, appendedAt)) {
            case MatchingRecords.Read.Valid<Alert> valid -> inbox.add(valid.value());
            case MatchingRecords.Read.Refused<Alert> refused -> alarm.rejected(AlertLog.TOPIC, key, offset, refused.reason(),
                    refused.detail());
        }
    }
}
