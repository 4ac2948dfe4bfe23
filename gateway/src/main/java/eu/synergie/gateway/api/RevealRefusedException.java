package eu.synergie.gateway.api;

import eu.synergie.core.ExchangeException;
import eu.synergie.core.Refusal;

/** A reveal request or answer the exchange does not take; the message names the check, never a person. */
public final class RevealRefusedException extends ExchangeException.Refused {

    RevealRefusedException(Refusal.Kind kind, String code, String message) {
        super(new Refusal(kind, code), message);
    }

    static RevealRefusedException notFound() {
        return new RevealRefusedException(Refusal.Kind.NOT_FOUND, "REVEAL_NOT_FOUND", "no reveal request of yours has this id");
    }
}
