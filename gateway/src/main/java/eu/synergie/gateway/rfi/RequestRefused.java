package eu.synergie.gateway.rfi;

import eu.synergie.core.ExchangeException;
import eu.synergie.core.Refusal;

/** A request for information or a step of it that the exchange does not take; the message names the check. */
public final class RequestRefused extends ExchangeException.Refused {

    RequestRefused(Refusal.Kind kind, String code, String message) {
        super(new Refusal(kind, code), message);
    }

    /** The same answer for a request that does not exist and for one between two other agencies. */
    static RequestRefused notFound() {
        return new RequestRefused(Refusal.Kind.NOT_FOUND, "REQUEST_NOT_FOUND", "no request for information of your agency has this id");
    }
}
