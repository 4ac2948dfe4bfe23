package eu.synergie.core.intake;

import eu.synergie.core.ExchangeException;

/** The notice log did not acknowledge in time: nothing was accepted, and the publisher may retry. */
public final class LogUnavailableException extends ExchangeException.Unavailable {

    public LogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String service() {
        return "the notice log";
    }
}
