package eu.synergie.core.matching;

import org.apache.lucene.search.Query;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The watchlists in force, as read from their log, with their text queries parsed once. A watchlist never changes
 * once saved, and a deletion is final: the record of a deleted watchlist appended again brings nothing back.
 */
public final class Watchlists {

    record Compiled(Watchlist watchlist, Query text) {
    }

    /** What {@link #apply} did. */
    public enum Applied {
        APPLIED,
        /** The state held already (read back by the instance that wrote it). */
        DUPLICATE,
        /** A deleted watchlist, or another watchlist under an id in use: ignored. */
        OUTDATED
    }

    private final Map<String, Compiled> byId = new ConcurrentHashMap<>();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();

    /** Applies the latest state of one watchlist: null when it was deleted. */
    public synchronized Applied apply(String id, Watchlist watchlist) {
        if (watchlist == null) {
            byId.remove(id);
            return deleted.add(id) ? Applied.APPLIED : Applied.DUPLICATE;
        }
        if (deleted.contains(id) || !id.equals(watchlist.id())) {
            return Applied.OUTDATED;
        }
        Compiled held = byId.get(id);
        if (held != null) {
            return held.watchlist().equals(watchlist) ? Applied.DUPLICATE : Applied.OUTDATED;
        }
        byId.put(id, new Compiled(watchlist, watchlist.text() == null ? null : TextMatcher.parse(watchlist.text())));
        return Applied.APPLIED;
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
