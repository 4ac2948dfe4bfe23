package eu.synergie.core.matching;

import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.core.integrity.Rejection;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every instance does with each record of {@code synergie.watchlists} and {@code synergie.alerts}, whoever
 * reads the topics: what the exchange authenticated, fresh and under its own key, goes to the watchlists or the
 * alert inbox; anything else is ignored and alarmed, never applied. A deleted watchlist's record appended again
 * brings nothing back; an alert appended again is the same alert (same id), shown once. A record read a second time
 * (the same bytes: every MAC is made with a fresh key, so a copy appended again) is alarmed as a replay; the matcher
 * finding the same hit again writes a new record, which is not.
 */
public final class MatchingLogReader {

    private static final int ALERTS_REMEMBERED = 100_000;

    private final MatchingRecords records;
    private final Watchlists watchlists;
    private final AlertInbox inbox;
    private final LogAlarm alarm;
    private final Set<String> watchlistsSeen = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> alertsSeen = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > ALERTS_REMEMBERED;
        }
    });

    public MatchingLogReader(MatchingRecords records, Watchlists watchlists, AlertInbox inbox, LogAlarm alarm) {
        this.records = records;
        this.watchlists = watchlists;
        this.inbox = inbox;
        this.alarm = alarm;
    }

    public void acceptWatchlist(String key, byte[] value, long offset, Instant appendedAt) {
        switch (read(key, value, appendedAt, records::readWatchlist)) {
            case MatchingRecords.Read.Valid<MatchingJson.WatchlistState> valid -> {
                boolean first = watchlistsSeen.add(Freshness.fingerprint(value));
                Watchlists.Applied applied = watchlists.apply(valid.value().id(), valid.value().watchlist());
                if (applied == Watchlists.Applied.OUTDATED) {
                    alarm.rejected(WatchlistLog.TOPIC, key, offset, Rejection.REPLAYED,
                            "the watchlist was deleted, or another one holds its id");
                } else if (applied != Watchlists.Applied.APPLIED && !first) {
                    alarm.rejected(WatchlistLog.TOPIC, key, offset, Rejection.REPLAYED, "appended a second time");
                }
            }
            case MatchingRecords.Read.Refused<MatchingJson.WatchlistState> refused ->
                    alarm.rejected(WatchlistLog.TOPIC, key, offset, refused.reason(), refused.detail());
        }
    }

    public void acceptAlert(String key, byte[] value, long offset, Instant appendedAt) {
        switch (read(key, value, appendedAt, records::readAlert)) {
            case MatchingRecords.Read.Valid<Alert> valid -> {
                if (alertsSeen.putIfAbsent(Freshness.fingerprint(value), Boolean.TRUE) != null) {
                    alarm.rejected(AlertLog.TOPIC, key, offset, Rejection.REPLAYED, "appended a second time");
                } else {
                    inbox.add(valid.value());
                }
            }
            case MatchingRecords.Read.Refused<Alert> refused -> alarm.rejected(AlertLog.TOPIC, key, offset, refused.reason(),
                    refused.detail());
        }
    }

    /** How {@link MatchingRecords} reads one record of a topic. */
    @FunctionalInterface
    private interface Reading<T> {
        MatchingRecords.Read<T> read(String key, byte[] value, Instant appendedAt);
    }

    /**
     * The record as {@link MatchingRecords} reads it, which answers every record with a reason. Should one still
     * fail otherwise (a parser's exception nobody expected, recursion deeper than the thread's stack), it is refused
     * as unreadable like the others, alarmed and counted: one record anyone could append must not stop the others.
     */
    private static <T> MatchingRecords.Read<T> read(String key, byte[] value, Instant appendedAt, Reading<T> reading) {
        try {
            return reading.read(key, value, appendedAt);
        } catch (RuntimeException | StackOverflowError e) {
            return new MatchingRecords.Read.Refused<>(Rejection.UNREADABLE,
                    "the record could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
