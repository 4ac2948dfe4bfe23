package eu.synergie.core.reports;

import eu.synergie.core.ExchangeException;
import eu.synergie.core.Refusal;

/** A report, or a step on one, the exchange does not take; the message names the check or field, never its content. */
public final class ReportRefusedException extends ExchangeException.Refused {

    public ReportRefusedException(Refusal.Kind kind, String code, String message) {
        super(new Refusal(kind, code), message);
    }

    /** A report that does not read as one: the field named, not its value. */
    public static ReportRefusedException invalid(String message) {
        return new ReportRefusedException(Refusal.Kind.UNPROCESSABLE, "INVALID_REPORT", message);
    }

    /** No report of this id for the caller: whether it exists elsewhere is not said. */
    public static ReportRefusedException notFound() {
        return new ReportRefusedException(Refusal.Kind.NOT_FOUND, "REPORT_NOT_FOUND", "no report of yours has this id");
    }
}
