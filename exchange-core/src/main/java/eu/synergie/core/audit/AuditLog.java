package eu.synergie.core.audit;

/**
 * Where audit events go. Appending is meant to be cheap and may complete in the background, but never
 * silently: an implementation that cannot take the event throws {@link AuditUnavailableException}, and
 * the caller must then refuse the operation (fail closed) instead of performing it unaudited.
 */
public interface AuditLog {

    /** Records {@code event}, or throws {@link AuditUnavailableException}. */
    void append(AuditEvent event);
}
