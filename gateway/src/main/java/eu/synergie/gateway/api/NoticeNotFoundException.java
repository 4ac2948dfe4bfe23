package eu.synergie.gateway.api;

import eu.synergie.core.ExchangeException;
import eu.synergie.core.Refusal;

/** No notice with this id is available to the caller: missing, withdrawn, expired or not theirs to read alike. */
public final class NoticeNotFoundException extends ExchangeException.Refused {

    NoticeNotFoundException(String detail) {
        super(new Refusal(Refusal.Kind.NOT_FOUND, "NOT_FOUND"), detail == null ? "no notice with this id is available to you" : detail);
    }
}
