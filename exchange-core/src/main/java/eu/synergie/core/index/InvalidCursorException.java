package eu.synergie.core.index;

import eu.synergie.core.ExchangeException;
import eu.synergie.core.Refusal;

/** A search cursor that is malformed or belongs to another query. */
public final class InvalidCursorException extends ExchangeException.Refused {

    public InvalidCursorException(String message) {
        super(new Refusal(Refusal.Kind.MALFORMED, "INVALID_CURSOR"), message);
    }
}
