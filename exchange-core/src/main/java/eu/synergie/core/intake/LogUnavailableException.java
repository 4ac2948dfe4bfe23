package eu.synergie.core.intake;

/** The notice log did not acknowledge in time: nothing was accepted, and the publisher may retry. */
public final class LogUnavailableException extends RuntimeException {

    public LogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
