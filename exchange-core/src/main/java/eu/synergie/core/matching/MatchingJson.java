package eu.synergie.core.matching;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON forms of alerts on {@code synergie.alerts} and watchlists on {@code synergie.watchlists} (inside the
 * exchange's MAC, see {@link MatchingRecords}). An alert is one object of its kind, named by its {@code kind}
 * member ({@code HIT}, {@code WATCHLIST}, {@code OVER_CORRELATION}, {@code TREND}) with that kind's fields only.
 */
public final class MatchingJson {

    /** Alerts' kinds on the wire, kept out of the domain records. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Alert.Hit.class, name = "HIT"),
            @JsonSubTypes.Type(value = Alert.WatchlistMatch.class, name = "WATCHLIST"),
            @JsonSubTypes.Type(value = Alert.OverCorrelation.class, name = "OVER_CORRELATION"),
            @JsonSubTypes.Type(value = Alert.TrendRise.class, name = "TREND")})
    private interface AlertKinds {
    }

    /**
     * One watchlist's state on its log: the watchlist, or null once deleted (a record the exchange authenticates,
     * unlike a Kafka tombstone, so that a deletion cannot be forged or undone).
     */
    public record WatchlistState(String id, Watchlist watchlist) {
    }

    private static final JsonMapper MAPPER = JsonMapper.builder().addMixIn(Alert.class, AlertKinds.class).build();

    private MatchingJson() {
    }

    public static byte[] writeAlert(Alert alert) {
        return MAPPER.writerFor(Alert.class).writeValueAsBytes(alert);
    }

    public static Alert readAlert(byte[] json) {
        return read(json, Alert.class);
    }

    public static byte[] writeWatchlist(WatchlistState state) {
        return MAPPER.writeValueAsBytes(state);
    }

    public static WatchlistState readWatchlist(byte[] json) {
        WatchlistState state = read(json, WatchlistState.class);
        if (state.id() == null) {
            throw new IllegalArgumentException("unreadable WatchlistState: no id");
        }
        return state;
    }

    private static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("unreadable " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
