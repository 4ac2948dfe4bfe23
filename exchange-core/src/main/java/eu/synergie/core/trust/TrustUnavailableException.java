package eu.synergie.core.trust;

import eu.synergie.core.ExchangeException;

/** The registry cannot answer now (not loaded, or its follower failed): retriable, never a verdict on a notice. */
public final class TrustUnavailableException extends ExchangeException.Unavailable {

    public TrustUnavailableException(String message) {
        super(message, null);
    }

    @Override
    public String service() {
        return "the trust registry";
    }
}
