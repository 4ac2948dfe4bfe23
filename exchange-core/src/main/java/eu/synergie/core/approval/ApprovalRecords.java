package eu.synergie.core.approval;

import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.integrity.Rejection;
import eu.synergie.crypto.stamp.ExchangeMac;
import eu.synergie.crypto.stamp.StampException;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Approval events as the records of their topic: their JSON ({@link ApprovalJson}) inside a CMS
 * {@code AuthenticatedData} under the exchange's log MAC key, as alerts and watchlists are. A record is read back
 * only if the exchange authenticated it, under the request id it was appended with, and soon after it was made
 * ({@link Freshness}): an approval anyone could append would release what four eyes hold.
 */
public final class ApprovalRecords {

    private final ExchangeMac mac;
    private final Freshness freshness;

    public ApprovalRecords(ExchangeMac mac, Freshness freshness) {
        this.mac = Objects.requireNonNull(mac, "mac");
        this.freshness = Objects.requireNonNull(freshness, "freshness");
    }

    /** What a record is: an event to apply, or refused with its reason. */
    public sealed interface Read {

        /** @param at when the exchange authenticated it */
        record Valid(ApprovalEvent event, Instant at) implements Read {
        }

        /** @param detail which check failed, never the content */
        record Refused(Rejection reason, String detail) implements Read {
        }
    }

    public byte[] seal(ApprovalEvent event) {
        return mac.seal(ApprovalJson.write(event));
    }

    /** Reads one record; every record gets an answer, never an exception. */
    public Read read(String key, byte[] value, Instant appendedAt) {
        if (value == null) {
            return new Read.Refused(Rejection.UNSIGNED, "a tombstone: the approvals log is never compacted");
        }
        ExchangeMac.Authenticated authenticated;
        try {
            authenticated = mac.open(value);
        } catch (StampException e) {
            return new Read.Refused(Rejection.of(e.reason()), e.getMessage());
        }
        ApprovalEvent event;
        try {
            event = ApprovalJson.read(authenticated.content());
        } catch (RuntimeException e) {
            return new Read.Refused(Rejection.UNREADABLE, "an authenticated record this version cannot read");
        }
        if (!event.requestId().equals(key)) {
            return new Read.Refused(Rejection.MISKEYED, "authenticated for another request than the key it was appended under");
        }
        Optional<String> stale = freshness.stale(authenticated.at(), appendedAt);
        if (stale.isPresent()) {
            return new Read.Refused(Rejection.REPLAYED, stale.get());
        }
        return new Read.Valid(event, authenticated.at());
    }
}
