package eu.synergie.core.matching;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.normal.EntityNormalizer;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An analyst's standing query: entity values and/or a free text (the safe simple syntax of search),
 * optionally narrowed to types and regions. A notice matches when one watched value occurs in it or the
 * text matches it, and the owner may read it. The owner's entitlements are kept as they were when the
 * watchlist was saved; alerts are checked again against the reader's token when shown.
 */
public record Watchlist(String id, String ownerSubject, String ownerAgency, Set<String> ownerRegions,
                        Classification ownerClearance, String name, List<WatchedValue> values, String text,
                        Set<NoticeType> types, Set<String> regions, Instant createdAt, Boolean rises) {

    /** A watched entity value, with its normalised form computed once when saved. */
    public record WatchedValue(EntityKind kind, String value, String normalized) {

        public static WatchedValue of(EntityKind kind, String value, String ownerAgency) {
            return new WatchedValue(kind, value.strip(),
                    EntityNormalizer.normalize(kind, value, EntityNormalizer.phoneRegionOf(ownerAgency)).normalized());
        }
    }

    public Watchlist {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownerSubject, "ownerSubject");
        values = values == null ? List.of() : List.copyOf(values);
        text = text == null || text.isBlank() ? null : text.strip();
        types = types == null ? Set.of() : Set.copyOf(types);
        regions = regions == null ? Set.of() : Set.copyOf(regions);
        ownerRegions = ownerRegions == null ? Set.of() : Set.copyOf(ownerRegions);
        // A boxed flag, absent (false) in a watchlist saved before watchlists watched rises: the log holds those.
        rises = Boolean.TRUE.equals(rises);
        if (name == null || name.isBlank() || name.length() > 120) {
            throw new IllegalArgumentException("name is required, at most 120 characters");
        }
        if (values.isEmpty() && text == null && !rises) {
            throw new IllegalArgumentException("a watchlist needs entity values, a text query, or to watch rises");
        }
        if (values.size() > 500) {
            throw new IllegalArgumentException("a watchlist holds at most 500 values");
        }
        if (text != null && text.length() > 500) {
            throw new IllegalArgumentException("text must be at most 500 characters");
        }
    }

    /** A watchlist of values and text only, as saved before watchlists could watch rises. */
    public Watchlist(String id, String ownerSubject, String ownerAgency, Set<String> ownerRegions,
                     Classification ownerClearance, String name, List<WatchedValue> values, String text,
                     Set<NoticeType> types, Set<String> regions, Instant createdAt) {
        this(id, ownerSubject, ownerAgency, ownerRegions, ownerClearance, name, values, text, types, regions, createdAt, false);
    }

    /** As {@link #create(Caller, String, List, String, Set, Set, Instant, boolean)}, watching no rises. */
    public static Watchlist create(Caller owner, String name, List<Map.Entry<String, String>> values, String text,
                                   Set<String> types, Set<String> regions, Instant now) {
        return create(owner, name, values, text, types, regions, now, false);
    }

    /**
     * A new watchlist of {@code owner}, entitlements as of now; {@code values} are (kind, value) pairs with
     * the kind's name, normalised as the owner's agency writes them (phone numbers without a prefix).
     */
    public static Watchlist create(Caller owner, String name, List<Map.Entry<String, String>> values, String text,
                                   Set<String> types, Set<String> regions, Instant now, boolean rises) {
        List<WatchedValue> watched = new java.util.ArrayList<>();
        for (Map.Entry<String, String> v : values == null ? List.<Map.Entry<String, String>>of() : values) {
            if (v.getValue() == null || v.getValue().isBlank()) {
                throw new IllegalArgumentException("value is required");
            }
            watched.add(WatchedValue.of(parse("kind", v.getKey(), EntityKind::valueOf), v.getValue(), owner.agency()));
        }
        Set<NoticeType> parsedTypes = new java.util.HashSet<>();
        for (String type : types == null ? Set.<String>of() : types) {
            parsedTypes.add(parse("type", type, NoticeType::valueOf));
        }
        return new Watchlist(java.util.UUID.randomUUID().toString(), owner.subject(), owner.agency(), owner.regions(),
                owner.clearance(), name, watched, text, parsedTypes, regions, now, rises);
    }

    private static <T> T parse(String name, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value == null ? "" : value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " has no value \"" + value + "\"");
        }
    }

    /** The owner as the access rule sees them. */
    public Caller owner() {
        return new Caller(ownerSubject, ownerAgency, ownerRegions, ownerClearance, Set.of(Role.ANALYST));
    }
}
