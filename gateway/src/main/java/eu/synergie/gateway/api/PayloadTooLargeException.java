package eu.synergie.gateway.api;

import eu.synergie.core.ExchangeException;
import eu.synergie.core.Refusal;

import java.util.Map;

/** A request body over its limit (see {@link ApiLimits}); answered 413 before the rest is read. */
final class PayloadTooLargeException extends ExchangeException.Refused {

    private final long limit;

    PayloadTooLargeException(long limit) {
        super(new Refusal(Refusal.Kind.TOO_LARGE, "REQUEST_TOO_LARGE"), "the request body exceeds " + limit + " bytes", false);
        this.limit = limit;
    }

    @Override
    public Map<String, Object> facts() {
        return Map.of("limit", limit);
    }
}
