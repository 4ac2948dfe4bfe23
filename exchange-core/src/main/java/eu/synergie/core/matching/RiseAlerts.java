package eu.synergie.core.matching;

import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.trends.Period;
import eu.synergie.core.trends.TrendReport;
import eu.synergie.core.trends.Trends;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The rises the watchlists that watch them are told of: for each, the trends of its regions and types counted under
 * its owner's entitlements as saved (as a watchlist's matches are), and an alert for each series whose last complete
 * period rose. The alert's id is what it is about (watchlist, region, type, period), so a rise is told once however
 * often it is checked, and by however many instances.
 */
public final class RiseAlerts {

    private final Watchlists watchlists;
    private final Trends trends;
    private final AlertLog log;
    private final AlertInbox inbox;
    private final Period period;
    private final Clock clock;
    /**
     * The ids told for the period judged last: the inbox keeps only each agency's latest alerts, and a rise it has let
     * go must not be told again at every check. A new period starts it afresh.
     */
    private final java.util.Set<String> toldThisPeriod = new java.util.HashSet<>();
    private String periodJudged;

    public RiseAlerts(Watchlists watchlists, Trends trends, AlertLog log, AlertInbox inbox, Period period, Clock clock) {
        this.watchlists = Objects.requireNonNull(watchlists, "watchlists");
        this.trends = Objects.requireNonNull(trends, "trends");
        this.log = Objects.requireNonNull(log, "log");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.period = Objects.requireNonNull(period, "period");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Checks every watchlist that watches rises; appends the alerts not told yet and answers them. */
    public synchronized List<Alert> check() {
        List<Alert> told = new ArrayList<>();
        for (Watchlist watchlist : watchlists.watchingRises()) {
            TrendReport report = trends.report(watchlist.owner(), period, watchlist.regions(),
                    watchlist.types().stream().map(NoticeType::name).collect(Collectors.toSet()));
            if (!report.judged().equals(periodJudged)) {
                toldThisPeriod.clear();
                periodJudged = report.judged();
            }
            for (TrendReport.Series rise : report.rises()) {
                String id = Matcher.idOf("TREND", watchlist.id(), rise.region(), rise.type(), report.judged());
                if (!toldThisPeriod.contains(id) && !inbox.holds(id)) {
                    told.add(new Alert.TrendRise(id, watchlist.ownerAgency(), watchlist.ownerSubject(), clock.instant(),
                            watchlist.id(), watchlist.name(), rise.region(), rise.type(), report.judged(),
                            rise.verdict().observed(), rise.verdict().expected(), rise.verdict().threshold(),
                            rise.verdict().alpha(), rise.verdict().historyPeriods()));
                }
            }
        }
        if (!told.isEmpty()) {
            log.append(told);
            told.forEach(alert -> toldThisPeriod.add(alert.id()));
        }
        return told;
    }
}
