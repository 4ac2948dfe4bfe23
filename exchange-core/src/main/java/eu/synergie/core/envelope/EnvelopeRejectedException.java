package eu.synergie.core.envelope;

/** An envelope the exchange refuses, with the reason code and a message that names the failed check. */
public final class EnvelopeRejectedException extends RuntimeException {

    private final RejectionReason reason;

    public EnvelopeRejectedException(RejectionReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
