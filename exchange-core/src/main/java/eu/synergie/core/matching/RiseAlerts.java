package eu.synergie.core.matching;

import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.trends.Period;
import eu.synergie.core.trends.TrendReport;
import eu.synergie.core.trends.Trends;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The rises the watchlists that watch them are told of: for each, the trends of its regions and types counted under
 * its owner's entitlements as saved (as a watchlist's matches are), and an alert for each series whose last complete
 * period rose. The alert's id is what it is about (watchlist, region, type, period), and every such alert read from the
 * log is remembered for its period, so a rise is told once however often it is checked, by however many instances,
 * and after a restart, even once the inbox has let it go.
 */
public final class RiseAlerts {

    private final Watchlists watchlists;
    private final Trends trends;
    private final AlertLog log;
    private final Period period;
    private final Clock clock;
    /** The rise alerts known, by id, with the period each is about: those of the last two periods judged. */
    private final Map<String, String> told = new HashMap<>();

    /** @param inbox whose every new alert read from the log is looked at: the rises told, by any instance */
    public RiseAlerts(Watchlists watchlists, Trends trends, AlertLog log, AlertInbox inbox, Period period, Clock clock) {
        this.watchlists = Objects.requireNonNull(watchlists, "watchlists");
        this.trends = Objects.requireNonNull(trends, "trends");
        this.log = Objects.requireNonNull(log, "log");
        this.period = Objects.requireNonNull(period, "period");
        this.clock = Objects.requireNonNull(clock, "clock");
        inbox.subscribe(alert -> {
            if (alert instanceof Alert.TrendRise rise) {
                remember(rise);
            }
        });
    }

    /** Checks every watchlist that watches rises; appends the alerts not told yet and answers them. */
    public synchronized List<Alert> check() {
        String judged = period.label(period.previousStart(clock.instant()));
        String before = period.label(period.previousStart(period.previousStart(clock.instant())));
        told.values().removeIf(p -> !p.equals(judged) && !p.equals(before));
        List<Alert.TrendRise> rises = new ArrayList<>();
        for (Watchlist watchlist : watchlists.watchingRises()) {
            TrendReport report = trends.rises(watchlist.owner(), period, watchlist.regions(),
                    watchlist.types().stream().map(NoticeType::name).collect(Collectors.toSet()));
            for (TrendReport.Series rise : report.rises()) {
                String id = Matcher.idOf("TREND", watchlist.id(), rise.region(), rise.type(), report.judged());
                if (!told.containsKey(id)) {
                    rises.add(new Alert.TrendRise(id, watchlist.ownerAgency(), watchlist.ownerSubject(), clock.instant(),
                            watchlist.id(), watchlist.name(), rise.region(), rise.type(), report.judged(),
                            rise.verdict().observed(), rise.verdict().expected(), rise.verdict().threshold(),
                            rise.verdict().alpha(), rise.verdict().historyPeriods(), watchlist.ownerClearance()));
                }
            }
        }
        if (!rises.isEmpty()) {
            log.append(List.copyOf(rises));
            rises.forEach(this::remember);
        }
        return List.copyOf(rises);
    }

    private synchronized void remember(Alert.TrendRise rise) {
        told.put(rise.id(), rise.period());
    }
}
