package eu.synergie.gateway.api;

import eu.synergie.core.ExchangeException;
import eu.synergie.core.Refusal;

/** A search parameter out of its range; the message names it. */
public final class InvalidQueryException extends ExchangeException.Refused {

    public InvalidQueryException(String message) {
        super(new Refusal(Refusal.Kind.MALFORMED, "INVALID_PARAMETER"), message);
    }
}
