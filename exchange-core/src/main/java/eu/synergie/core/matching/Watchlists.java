package eu.synergie.core.matching;

import org.apache.lucene.search.Query;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The watchlists in force, as read from their log, with their text queries parsed once. */
public final class Watchlists {

    record Compiled(Watchlist watchlist, Query text) {
    }

    private final Map<String, Compiled> byId = new ConcurrentHashMap<>();

    /** Applies the latest state of one watchlist: null when it was deleted. */
    public void apply(String id, Watchlist watchlist) {
        if (watchlist == null) {
            byId.remove(id);
        } else {
            byId.put(id, new Compiled(watchlist, watchlist.text() == null ? null : TextMatcher.parse(watchlist.text())));
        }
    }

    public Optional<Watchlist> get(String id) {
        return Optional.ofNullable(byId.get(id)).map(Compiled::watchlist);
    }

    public List<Watchlist> ofOwner(String subject) {
        return byId.values().stream().map(Compiled::watchlist).filter(w -> w.ownerSubject().equals(subject))
                .sorted(Comparator.comparing(Watchlist::createdAt)).toList();
    }

    Collection<Compiled> all() {
        return byId.values();
    }
}
