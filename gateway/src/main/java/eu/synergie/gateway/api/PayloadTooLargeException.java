package eu.synergie.gateway.api;

/** A request body over its limit (see {@link ApiLimits}); answered 413 before the rest is read. */
final class PayloadTooLargeException extends RuntimeException {

    private final long limit;

    PayloadTooLargeException(long limit) {
        super("the request body exceeds " + limit + " bytes", null, false, false);
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
