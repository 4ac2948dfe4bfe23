package eu.synergie.core.matching;

import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.integrity.Rejection;
import eu.synergie.crypto.stamp.ExchangeMac;
import eu.synergie.crypto.stamp.StampException;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Alerts and watchlists as the records of their topics: their JSON ({@link MatchingJson}) inside a CMS
 * {@code AuthenticatedData} under the exchange's log MAC key (a MAC, not a signature: alerts are written on the
 * indexing path and read back only by the exchange). A record is read back only if the exchange authenticated it,
 * under the key it was made for (an alert's recipient agency, a watchlist's id), and it was appended soon after
 * ({@link Freshness}): an injected alert would be a phishing channel to analysts, an injected watchlist a leak.
 */
public final class MatchingRecords {

    private final ExchangeMac mac;
    private final Freshness freshness;

    public MatchingRecords(ExchangeMac mac, Freshness freshness) {
        this.mac = Objects.requireNonNull(mac, "mac");
        this.freshness = Objects.requireNonNull(freshness, "freshness");
    }

    /** What a record is: a value to apply, or refused with its reason. */
    public sealed interface Read<T> {

        /** @param at when the exchange authenticated it */
        record Valid<T>(T value, Instant at) implements Read<T> {
        }

        /** @param detail which check failed, never the content */
        record Refused<T>(Rejection reason, String detail) implements Read<T> {
        }
    }

    public byte[] alert(Alert alert) {
        return mac.seal(MatchingJson.writeAlert(alert));
    }

    public byte[] watchlist(MatchingJson.WatchlistState state) {
        return mac.seal(MatchingJson.writeWatchlist(state));
    }

    public Read<Alert> readAlert(String key, byte[] value, Instant appendedAt) {
        return read(key, value, appendedAt, MatchingJson::readAlert, Alert::recipientAgency);
    }

    public Read<MatchingJson.WatchlistState> readWatchlist(String key, byte[] value, Instant appendedAt) {
        return read(key, value, appendedAt, MatchingJson::readWatchlist, MatchingJson.WatchlistState::id);
    }

    private <T> Read<T> read(String key, byte[] value, Instant appendedAt, Function<byte[], T> parse, Function<T, String> keyOf) {
        if (value == null) {
            return new Read.Refused<>(Rejection.UNSIGNED, "a tombstone: the exchange deletes with an authenticated record");
        }
        ExchangeMac.Authenticated authenticated;
        try {
            authenticated = mac.open(value);
        } catch (StampException e) {
            return new Read.Refused<>(Rejection.of(e.reason()), e.getMessage());
        }
        T parsed;
        try {
            parsed = parse.apply(authenticated.content());
        } catch (IllegalArgumentException | NullPointerException e) {
            return new Read.Refused<>(Rejection.UNREADABLE, "an authenticated record this version cannot read");
        }
        if (!keyOf.apply(parsed).equals(key)) {
            return new Read.Refused<>(Rejection.MISKEYED, "authenticated for another key than the one it was appended under");
        }
        Optional<String> stale = freshness.stale(authenticated.at(), appendedAt);
        if (stale.isPresent()) {
            return new Read.Refused<>(Rejection.REPLAYED, stale.get());
        }
        return new Read.Valid<>(parsed, authenticated.at());
    }
}
