package eu.synergie.core.audit;

import eu.synergie.core.ExchangeException;

/** The audit log cannot take an event now: the operation it would record must not happen (retriable). */
public final class AuditUnavailableException extends ExchangeException.Unavailable {

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String service() {
        return "the audit log";
    }
}
