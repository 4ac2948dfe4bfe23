package eu.synergie.core.envelope;

import eu.synergie.core.ExchangeException;
import eu.synergie.core.Refusal;

/** An envelope the exchange refuses, with the reason code and a message that names the failed check. */
public final class EnvelopeRejectedException extends ExchangeException.Refused {

    private final RejectionReason reason;

    public EnvelopeRejectedException(RejectionReason reason, String message) {
        super(refusalOf(reason), message);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }

    private static Refusal refusalOf(RejectionReason reason) {
        return new Refusal(switch (reason.category()) {
            case MALFORMED -> Refusal.Kind.MALFORMED;
            case UNPROCESSABLE -> Refusal.Kind.UNPROCESSABLE;
            case FORBIDDEN -> Refusal.Kind.FORBIDDEN;
        }, reason.name());
    }
}
