package eu.synergie.gateway.api;

import eu.synergie.core.ExchangeException;
import eu.synergie.core.Refusal;

/** A request body over its limit (see {@link ApiLimits}); answered 413 before the rest is read. */
final class PayloadTooLargeException extends ExchangeException.Refused {

    private final long limit;

    PayloadTooLargeException(long limit) {
        super(new Refusal(Refusal.Kind.TOO_LARGE, "REQUEST_TOO_LARGE"), "the request body exceeds " + limit + " bytes", false);
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    @Override
    public java.util.Map<String, Object> facts() {
        return java.util.Map.of("limit", limit);
    }
}
