package eu.synergie.core.matching;

/** Where watchlists are kept ({@code synergie.watchlists}, compacted: the latest state per id). */
public interface WatchlistLog {

    String TOPIC = "synergie.watchlists";

    void put(Watchlist watchlist);

    void delete(String watchlistId);
}
