package eu.synergie.core.reports;

/** Where a report stands, as its reporter sees it. */
public enum ReportStatus {
    /** Stored, sealed, for the addressee; nobody has read it yet. */
    RECEIVED,
    /** An analyst of the addressee has read it. */
    IN_REVIEW,
    /** The addressee made a notice of it. */
    ACTIONED,
    /** The addressee closed it with a reason. */
    CLOSED;

    /** Whether nothing more happens to the report. */
    public boolean closed() {
        return this == ACTIONED || this == CLOSED;
    }
}
