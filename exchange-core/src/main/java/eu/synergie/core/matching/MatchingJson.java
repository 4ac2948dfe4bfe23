package eu.synergie.core.matching;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The JSON forms of alerts on {@code synergie.alerts} and watchlists on {@code synergie.watchlists}. */
public final class MatchingJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private MatchingJson() {
    }

    public static byte[] write(Object alertOrWatchlist) {
        return MAPPER.writeValueAsBytes(alertOrWatchlist);
    }

    public static Alert readAlert(byte[] json) {
        return read(json, Alert.class);
    }

    public static Watchlist readWatchlist(byte[] json) {
        return read(json, Watchlist.class);
    }

    private static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("unreadable " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
