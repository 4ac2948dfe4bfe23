package eu.synergie.core.notice;

import eu.synergie.core.ExchangeException;
import eu.synergie.core.Refusal;

/** The notice inside an envelope is not valid JSON or breaks a rule of the schema; the message names the field. */
public final class InvalidNoticeException extends ExchangeException.Refused {

    public InvalidNoticeException(String message) {
        super(new Refusal(Refusal.Kind.UNPROCESSABLE, "INVALID_NOTICE"), message);
    }
}
