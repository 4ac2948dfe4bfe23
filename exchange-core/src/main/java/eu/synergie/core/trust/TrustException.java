package eu.synergie.core.trust;

import eu.synergie.core.ExchangeException;
import eu.synergie.core.Refusal;

/** A trust administration request that cannot be carried out; the kind says why. */
public final class TrustException extends ExchangeException.Refused {

    public enum Kind { NOT_FOUND, CONFLICT, INVALID }

    private final Kind kind;

    public TrustException(Kind kind, String message) {
        super(refusalOf(kind), message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    private static Refusal refusalOf(Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> new Refusal(Refusal.Kind.NOT_FOUND, "NOT_FOUND");
            case CONFLICT -> new Refusal(Refusal.Kind.CONFLICT, "TRUST_CONFLICT");
            case INVALID -> new Refusal(Refusal.Kind.UNPROCESSABLE, "TRUST_CHANGE_INVALID");
        };
    }
}
