package eu.synergie.core.reports;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where reports are kept (the exchange's store), sealed as they arrived. */
public interface Reports {

    /** Stores a new report. */
    void add(Report report);

    /** The report {@code id}, whoever's it is: the caller decides who may see it. */
    Optional<Report> find(String id);

    /**
     * Replaces {@code report} by {@code changed} if the stored one is still at {@code report.version()}.
     *
     * @return false when it changed since (read it again)
     */
    boolean replace(Report report, Report changed);

    /** The reports {@code reporter} sent, newest first, at most {@code limit}. */
    List<Report> sentBy(String reporter, int limit);

    /**
     * The reports for {@code agency}, and for the triage desks of {@code regions}, newest first, at most {@code limit}:
     * an analyst's inbox.
     */
    List<Report> inbox(String agency, Set<String> regions, int limit);
}
