package eu.synergie.core.assets;

import eu.synergie.core.matching.MatchKeys;
import eu.synergie.core.notice.AssetType;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.Ownership;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The assets a person or company owns, directly or through companies, followed across notices. Inside a notice
 * ownership is a relation between refs; across notices, an owner or a company is the same one where the match
 * keys agree (the same company number in the same country, the same LEI, the same person by name and birth date).
 * <p>
 * The walk is breadth first, so each asset is reached first by its shortest chain, and never goes back to an
 * owner already walked: a ring of companies owning each other ends, and is reported as a cycle. It reads only
 * the notices {@link Notices} gives it, which is where the access rule is applied; nothing here decides who
 * may see what.
 */
public final class OwnershipWalk {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The notices the caller may read that hold any of the keys. */
    @FunctionalInterface
    public interface Notices extends Function<Set<String>, List<Notice>> {
    }

    /** Where an entity stands: the notice and its ref there. */
    public record Occurrence(UUID noticeId, String ref) {
    }

    /** One ownership followed: who owns, what, how. */
    public record Link(Occurrence owner, Occurrence owned, Ownership.Kind kind, BigDecimal share) {
    }

    /**
     * An asset reached.
     *
     * @param notice the notice it was found in
     * @param path   the ownership chain from the subject to it, shortest first found
     * @param share  the subject's share of it through that chain, per cent: the product of the shares along it;
     *               null where a link's share is not known
     */
    public record Reached(Notice notice, Entity asset, List<Link> path, BigDecimal share) {

        public int depth() {
            return path.size();
        }

        /** The keys under which this asset is the same as one in another notice. */
        public List<String> keys() {
            return MatchKeys.of(asset, notice.originAgency());
        }
    }

    /**
     * What the walk found.
     *
     * @param cycles      ownership links that led back to an owner already walked (a ring of companies)
     * @param beyondDepth companies reached at the depth limit whose own holdings were not followed
     * @param read        every notice the walk read, the start first
     */
    public record Result(List<Reached> assets, List<Link> cycles, List<Occurrence> beyondDepth, List<Notice> read) {
    }

    private final Notices notices;
    private final int maxDepth;
    private final LocalDate asOf;

    /** @param maxDepth how many ownership links a chain may have: 1 for direct holdings only */
    public OwnershipWalk(Notices notices, int maxDepth) {
        this(notices, maxDepth, null);
    }

    /**
     * @param asOf the day the holdings are asked for: an ownership that ended before it (its {@code to} is earlier) is not
     *             followed, so a villa sold last year is not counted; null follows every relation, ended or not
     */
    public OwnershipWalk(Notices notices, int maxDepth, LocalDate asOf) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("depth must be 1 or more");
        }
        this.notices = Objects.requireNonNull(notices, "notices");
        this.maxDepth = maxDepth;
        this.asOf = asOf;
    }

    /** The assets reachable from the entity {@code ref} of {@code start}, a notice the caller may read. */
    public Result from(Notice start, String ref) {
        Entity subject = entity(start, ref);
        if (subject == null) {
            throw new IllegalArgumentException("no entity with ref " + ref + " in notice " + start.noticeId());
        }
        Map<UUID, Notice> seen = new LinkedHashMap<>();
        seen.put(start.noticeId(), start);
        Set<Occurrence> walked = new HashSet<>();
        Set<String> keysWalked = new HashSet<>();
        List<Reached> reached = new ArrayList<>();
        Set<Occurrence> reachedAt = new HashSet<>();
        List<Link> cycles = new ArrayList<>();
        List<Occurrence> beyond = new ArrayList<>();

        Deque<Owner> queue = new ArrayDeque<>();
        queue.add(new Owner(start, subject, List.of(), HUNDRED, Set.of()));
        while (!queue.isEmpty()) {
            Owner owner = queue.poll();
            List<Owner> occurrences = sameEntityElsewhere(owner, seen, keysWalked);
            // The owner, under every name it has in the notices read: what its chain must not come back to.
            Set<String> chain = new HashSet<>(owner.chain());
            occurrences.forEach(o -> {
                chain.add(o.notice().noticeId() + "#" + o.entity().ref());
                chain.addAll(MatchKeys.of(o.entity(), o.notice().originAgency()));
            });
            for (Owner same : occurrences) {
                Occurrence at = new Occurrence(same.notice().noticeId(), same.entity().ref());
                if (!walked.add(at)) {
                    continue;
                }
                for (Ownership relation : same.notice().relations()) {
                    if (!relation.owner().equals(same.entity().ref()) || ended(relation)) {
                        continue;
                    }
                    Entity owned = entity(same.notice(), relation.owned());
                    Occurrence ownedAt = new Occurrence(same.notice().noticeId(), owned.ref());
                    Link link = new Link(at, ownedAt, relation.kind(), relation.share());
                    if (chain.contains(ownedAt.noticeId() + "#" + ownedAt.ref())
                            || MatchKeys.of(owned, same.notice().originAgency()).stream().anyMatch(chain::contains)) {
                        cycles.add(link);
                        continue;
                    }
                    if (walked.contains(ownedAt)) {
                        // Reached before by another chain (two routes to one company): walked once, counted once.
                        continue;
                    }
                    List<Link> path = append(owner.path(), link);
                    BigDecimal share = times(owner.share(), relation.share());
                    if (reachedAt.add(ownedAt)) {
                        reached.add(new Reached(same.notice(), owned, path, share));
                    }
                    if (owned.asset().type() == AssetType.COMPANY) {
                        if (path.size() < maxDepth) {
                            queue.add(new Owner(same.notice(), owned, path, share, Set.copyOf(chain)));
                        } else {
                            beyond.add(ownedAt);
                        }
                    }
                }
            }
        }
        return new Result(List.copyOf(reached), List.copyOf(cycles), List.copyOf(beyond), List.copyOf(seen.values()));
    }

    private boolean ended(Ownership relation) {
        return asOf != null && relation.to() != null && relation.to().isBefore(asOf);
    }

    /**
     * The owner itself and the same person or company in the other notices the caller may read: by its match keys, then
     * by the keys those occurrences add (a company known by its LEI here, by LEI and number there, by number only in a
     * third notice is one company), until no key is new.
     */
    private List<Owner> sameEntityElsewhere(Owner owner, Map<UUID, Notice> seen, Set<String> keysWalked) {
        List<Owner> same = new ArrayList<>();
        if (owner.entity().ref() != null) {
            same.add(owner);
        }
        Set<String> keys = new HashSet<>(MatchKeys.of(owner.entity(), owner.notice().originAgency()));
        Set<String> fresh = new HashSet<>(keys);
        fresh.removeAll(keysWalked);
        Set<Occurrence> found = new HashSet<>();
        found.add(new Occurrence(owner.notice().noticeId(), owner.entity().ref()));
        while (!fresh.isEmpty()) {
            keysWalked.addAll(fresh);
            Set<String> next = new HashSet<>();
            for (Notice notice : notices.apply(Set.copyOf(fresh))) {
                seen.putIfAbsent(notice.noticeId(), notice);
                for (Entity entity : notice.entities()) {
                    List<String> theirs = MatchKeys.of(entity, notice.originAgency());
                    if (entity.ref() == null || theirs.stream().noneMatch(keys::contains)
                            || !found.add(new Occurrence(notice.noticeId(), entity.ref()))) {
                        continue;
                    }
                    same.add(new Owner(notice, entity, owner.path(), owner.share(), owner.chain()));
                    theirs.stream().filter(k -> !keysWalked.contains(k)).forEach(next::add);
                }
            }
            keys.addAll(next);
            fresh = next;
        }
        return same;
    }

    private static List<Link> append(List<Link> path, Link link) {
        List<Link> longer = new ArrayList<>(path);
        longer.add(link);
        return List.copyOf(longer);
    }

    private static BigDecimal times(BigDecimal share, BigDecimal linkShare) {
        if (share == null || linkShare == null) {
            return null;
        }
        BigDecimal product = share.multiply(linkShare, MathContext.DECIMAL64).divide(HUNDRED, MathContext.DECIMAL64)
                .stripTrailingZeros();
        // 100 comes out as 1E+2 once stripped: written so in JSON it is a number no one expects.
        return product.scale() < 0 ? product.setScale(0) : product;
    }

    private static Entity entity(Notice notice, String ref) {
        return notice.entities().stream().filter(e -> ref.equals(e.ref())).findFirst().orElse(null);
    }

    /** @param chain the owners before it on its chain, by occurrence ({@code noticeId#ref}) and by match key */
    private record Owner(Notice notice, Entity entity, List<Link> path, BigDecimal share, Set<String> chain) {
    }
}
