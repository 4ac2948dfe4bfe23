package eu.synergie.gateway.rfi;

import eu.synergie.core.ExchangeException;

/**
 * {@code synergie.requests} did not take a step, or this instance did not read it back in time: retriable once the
 * request is read again (a step appended but not yet read back shows in it).
 */
public final class RequestLogUnavailable extends ExchangeException.Unavailable {

    RequestLogUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String service() {
        return "the requests log";
    }
}
