package eu.synergie.core;

/**
 * Everything the exchange refuses or cannot do, in the two kinds a caller must tell apart, and the type
 * says which (as Kafka's {@code RetriableException} does): {@link Unavailable}, a backing service failed and
 * nothing was done, so the same request may succeed later; {@link Refused}, the request itself is refused
 * for a {@link Refusal reason}, so sending it again changes nothing. Messages name the failed check, never
 * keys, tokens or notice content. The gateway maps the two kinds to HTTP in one place.
 *
 * <p>Each package declares its own exceptions by extending one of the two kinds; the family has no other
 * branch (without Java modules, a sealed class can only permit classes of its own package).
 */
public abstract sealed class ExchangeException extends RuntimeException
        permits ExchangeException.Unavailable, ExchangeException.Refused {

    private ExchangeException(String message, Throwable cause) {
        super(message, cause);
    }

    private ExchangeException(String message, boolean writableStackTrace) {
        super(message, null, false, writableStackTrace);
    }

    /** A backing service (the notice log, the trust registry, the audit log, search…) failed: retriable. */
    public abstract static non-sealed class Unavailable extends ExchangeException {

        protected Unavailable(String message, Throwable cause) {
            super(message, cause);
        }

        /** What is unavailable, as a reader would name it: {@code "the notice log"}. */
        public abstract String service();
    }

    /** The request is refused for a reason that sending it again does not change. */
    public abstract static non-sealed class Refused extends ExchangeException {

        private final Refusal refusal;

        protected Refused(Refusal refusal, String message) {
            super(message, null);
            this.refusal = java.util.Objects.requireNonNull(refusal, "refusal");
        }

        /** For refusals raised in great numbers on bad input, where a stack trace would only cost. */
        protected Refused(Refusal refusal, String message, boolean writableStackTrace) {
            super(message, writableStackTrace);
            this.refusal = java.util.Objects.requireNonNull(refusal, "refusal");
        }

        /** Whose fault and the stable code of the failed check. */
        public final Refusal refusal() {
            return refusal;
        }

        /** Structured facts worth giving the caller beside the message (a limit, a rebuild's progress); none by default. */
        public java.util.Map<String, Object> facts() {
            return java.util.Map.of();
        }
    }
}
