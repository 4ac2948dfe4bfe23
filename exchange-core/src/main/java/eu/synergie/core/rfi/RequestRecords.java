package eu.synergie.core.rfi;

import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.integrity.Rejection;
import eu.synergie.crypto.stamp.ExchangeMac;
import eu.synergie.crypto.stamp.StampException;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Requests as the records of their topic: their JSON ({@link RequestJson}) inside a CMS {@code AuthenticatedData}
 * under the exchange's log MAC key, as approvals are. A record is read back only if the exchange authenticated it,
 * under the request id it was appended with, and soon after it was made ({@link Freshness}): a request anyone could
 * append would put words in an agency's thread or close it.
 */
public final class RequestRecords {

    private final ExchangeMac mac;
    private final Freshness freshness;

    public RequestRecords(ExchangeMac mac, Freshness freshness) {
        this.mac = Objects.requireNonNull(mac, "mac");
        this.freshness = Objects.requireNonNull(freshness, "freshness");
    }

    /** What a record is: a request to apply, or refused with its reason. */
    public sealed interface Read {

        record Valid(InformationRequest request) implements Read {
        }

        /** @param detail which check failed, never the content */
        record Refused(Rejection reason, String detail) implements Read {
        }
    }

    public byte[] seal(InformationRequest request) {
        return mac.seal(RequestJson.write(request));
    }

    /** Reads one record; every record gets an answer, never an exception. */
    public Read read(String key, byte[] value, Instant appendedAt) {
        if (value == null) {
            return new Read.Refused(Rejection.UNSIGNED, "a tombstone: the requests log is never compacted");
        }
        ExchangeMac.Authenticated authenticated;
        try {
            authenticated = mac.open(value);
        } catch (StampException e) {
            return new Read.Refused(Rejection.of(e.reason()), e.getMessage());
        }
        InformationRequest request;
        try {
            request = RequestJson.read(authenticated.content());
        } catch (RuntimeException e) {
            return new Read.Refused(Rejection.UNREADABLE, "an authenticated record this version cannot read");
        }
        if (!request.id().equals(key)) {
            return new Read.Refused(Rejection.MISKEYED, "authenticated for another request than the key it was appended under");
        }
        Optional<String> stale = freshness.stale(authenticated.at(), appendedAt);
        if (stale.isPresent()) {
            return new Read.Refused(Rejection.REPLAYED, stale.get());
        }
        return new Read.Valid(request);
    }
}
