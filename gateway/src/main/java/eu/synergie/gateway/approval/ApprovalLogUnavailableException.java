package eu.synergie.gateway.approval;

import eu.synergie.core.ExchangeException;

/**
 * {@code synergie.approvals} did not take an event, or this instance did not read back within its time one it
 * appended: retriable (asking again for the same request is one request; a decision appended but not yet read back
 * is refused as already taken when sent again).
 */
public final class ApprovalLogUnavailableException extends ExchangeException.Unavailable {

    ApprovalLogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String service() {
        return "the approvals log";
    }
}
