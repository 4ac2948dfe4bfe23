package eu.synergie.gateway.api;

import eu.synergie.core.policy.Caller;
import eu.synergie.core.trends.Period;
import eu.synergie.core.trends.TrendReport;
import eu.synergie.core.trends.Trends;
import eu.synergie.gateway.audit.ConsultationAudit;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Set;

/**
 * Every reading of trends, for the API and the web UI alike: the purpose required, the counts taken within the caller's
 * reading, and audited as the search it is (aggregates only: no notice is returned, so none is listed).
 */
@Component
public class TrendReading {

    private final Trends trends;
    private final ConsultationAudit audit;

    TrendReading(Trends trends, ConsultationAudit audit) {
        this.trends = trends;
        this.audit = audit;
    }

    /** @param period {@code week} or {@code month}, or null for weeks */
    public TrendReport report(Caller analyst, String purpose, String period) {
        String why = NoticeReading.requirePurpose(purpose);
        Period by = period(period);
        TrendReport report = trends.report(analyst, by, Set.of(), Set.of());
        audit.trendsRead(analyst, why, report);
        return report;
    }

    private static Period period(String value) {
        if (value == null || value.isBlank()) {
            return Period.WEEK;
        }
        try {
            return Period.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("period must be week or month");
        }
    }
}
