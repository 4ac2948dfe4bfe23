package eu.synergie.cli.push;

/** The resume file cannot be used for this push; the message says why and what to do. */
public final class ResumeException extends RuntimeException {

    ResumeException(String message, Throwable cause) {
        super(message, cause);
    }
}
