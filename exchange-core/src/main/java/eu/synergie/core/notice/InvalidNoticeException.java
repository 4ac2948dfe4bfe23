package eu.synergie.core.notice;

/** The notice inside an envelope is not valid JSON or breaks a rule of the schema; the message names the field. */
public final class InvalidNoticeException extends RuntimeException {

    public InvalidNoticeException(String message) {
        super(message);
    }
}
