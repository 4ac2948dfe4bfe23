package eu.synergie.core.matching;

import org.apache.lucene.search.Query;

import java.util.Collection;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        /** The watchlist as it was before its deletion: the instance that deleted it read it back late, or a copy. Ignored. */
        SUPERSEDED,
        /** Another watchlist under a deleted id or an id in use: ignored. */
        OUTDATED
    }

    private final Map<String, Compiled> byId = new ConcurrentHashMap<>();
    /** Deleted ids, with the watchlist each held when it was deleted (null when it was not known here). */
    private final Map<String, Watchlist> deleted = new HashMap<>();

    /** Applies the latest state of one watchlist: null when it was deleted. */
    public synchronized Applied apply(String id, Watchlist watchlist) {
        if (watchlist == null) {
            Compiled removed = byId.remove(id);
            if (deleted.containsKey(id)) {
                return Applied.DUPLICATE;
            }
            deleted.put(id, removed == null ? null : removed.watchlist());
            return Applied.APPLIED;
        }
        if (deleted.containsKey(id)) {
            return watchlist.equals(deleted.get(id)) ? Applied.SUPERSEDED : Applied.OUTDATED;
        }
        if (!id.equals(watchlist.id())) {
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

    /** The watchlists that watch rises, oldest first. */
    public List<Watchlist> watchingRises() {
        return byId.values().stream().map(Compiled::watchlist).filter(Watchlist::rises)
                .sorted(Comparator.comparing(Watchlist::createdAt)).toList();
    }

    public List<Watchlist> ofOwner(String subject) {
        return byId.values().stream().map(Compiled::watchlist).filter(w -> w.ownerSubject().equals(subject))
                .sorted(Comparator.comparing(Watchlist::createdAt)).toList();
    }

    Collection<Compiled> all() {
        return byId.values();
    }
}
