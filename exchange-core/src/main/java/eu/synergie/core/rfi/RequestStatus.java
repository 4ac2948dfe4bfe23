package eu.synergie.core.rfi;

import java.util.EnumSet;
import java.util.Set;

/** Where a request for information stands, for both parties alike. */
public enum RequestStatus {
    /** Sent; nobody at the holder has taken it. */
    OPEN,
    /** A holder's analyst took it, or the requester answered the holder's question. */
    IN_PROGRESS,
    /** The holder replied, or asked back; the requester may follow up. */
    ANSWERED,
    /** The holder refused, with a reason in the thread. */
    REFUSED,
    /** The holder released the notice to the requesting agency. */
    RELEASED,
    /** Nobody closed it before it expired. */
    EXPIRED;

    /** Whether nothing more happens to the request. */
    public boolean closed() {
        return this == REFUSED || this == RELEASED || this == EXPIRED;
    }

    /** The statuses a request may move to from this one; none once closed. */
    public Set<RequestStatus> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(IN_PROGRESS, ANSWERED, REFUSED, RELEASED, EXPIRED);
            case IN_PROGRESS -> EnumSet.of(ANSWERED, REFUSED, RELEASED, EXPIRED);
            case ANSWERED -> EnumSet.of(IN_PROGRESS, REFUSED, RELEASED, EXPIRED);
            case REFUSED, RELEASED, EXPIRED -> EnumSet.noneOf(RequestStatus.class);
        };
    }
}
