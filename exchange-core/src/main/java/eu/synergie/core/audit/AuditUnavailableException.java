package eu.synergie.core.audit;

/** The audit log cannot take an event now: the operation it would record must not happen (retriable). */
public final class AuditUnavailableException extends RuntimeException {

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
