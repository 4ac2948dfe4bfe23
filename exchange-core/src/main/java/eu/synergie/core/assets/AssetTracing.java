package eu.synergie.core.assets;

import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.matching.HolderLookup;
import eu.synergie.core.matching.MatchKeys;
import eu.synergie.core.notice.Asset;
import eu.synergie.core.notice.AssetType;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.ReadScope;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The tracing view: every asset a person or company owns, through companies and across the notices the caller may
 * read, with totals in the caller's currency. The access rule is applied where the notices are read (the index's
 * scoped lookups); everything after works on what came back, so a total cannot hold what the caller may not read,
 * and no count, sum or facet is taken over anything else. What others hold is told as pointers only.
 */
public final class AssetTracing {

    /** The longest ownership chain followed: enough for the layered shell structures seen in practice. */
    public static final int MAX_DEPTH = 6;
    /** The most notices one lookup of the walk reads; a trace that meets it says it is truncated. */
    public static final int NOTICES_PER_LOOKUP = 200;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final NoticeIndex index;
    private final AccessPolicy policy;
    private final HolderLookup holders;
    private final ExchangeRates rates;
    private final java.time.Clock clock;

    /** @param clock today's date: ownerships ended before it are not followed */
    public AssetTracing(NoticeIndex index, AccessPolicy policy, HolderLookup holders, ExchangeRates rates,
                        java.time.Clock clock) {
        this.index = Objects.requireNonNull(index, "index");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.holders = Objects.requireNonNull(holders, "holders");
        this.rates = Objects.requireNonNull(rates, "rates");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Traces the assets of entity {@code ref} of notice {@code noticeId}: empty when the caller may not read that
     * notice (exactly as when it does not exist).
     *
     * @throws IllegalArgumentException when the ref names no owner (a person, an organisation or a company) of the
     *                                  notice, or the depth is outside 1 to {@link #MAX_DEPTH}
     */
    public Optional<AssetTrace> trace(Caller caller, UUID noticeId, String ref, int depth, Currency currency,
                                      LocalDate rateDate) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("depth must be between 1 and " + MAX_DEPTH);
        }
        ReadScope scope = policy.scopeOf(caller);
        Optional<Notice> start = index.fetch(noticeId, scope).map(FetchedNotice::notice)
                .filter(n -> policy.decide(caller, n.markings()).permitted());
        if (start.isEmpty()) {
            return Optional.empty();
        }
        Entity subject = start.get().entities().stream().filter(e -> ref.equals(e.ref())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("ref " + ref + " names no entity of this notice"));
        boolean owner = subject.kind() == EntityKind.PERSON || subject.kind() == EntityKind.ORGANIZATION
                || (subject.asset() != null && subject.asset().type() == AssetType.COMPANY);
        if (!owner) {
            throw new IllegalArgumentException("ref " + ref + " is a " + subject.kind()
                    + ": only a person, an organisation or a company owns assets");
        }
        // Re-checked one by one: the scoped query is the rule, this is the belt to its braces.
        java.util.concurrent.atomic.AtomicBoolean truncated = new java.util.concurrent.atomic.AtomicBoolean();
        OwnershipWalk.Notices readable = keys -> {
            List<FetchedNotice> found = index.holding(keys, scope, NOTICES_PER_LOOKUP);
            if (found.size() >= NOTICES_PER_LOOKUP) {
                truncated.set(true);
            }
            return found.stream().map(FetchedNotice::notice).filter(n -> policy.decide(caller, n.markings()).permitted()).toList();
        };
        LocalDate today = LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
        OwnershipWalk.Result walk = new OwnershipWalk(readable, depth, today).from(start.get(), ref);

        Map<UUID, Notice> read = new LinkedHashMap<>();
        walk.read().forEach(n -> read.put(n.noticeId(), n));
        List<AssetTrace.TracedAsset> assets = merged(walk.assets(), read, currency, rateDate);
        Set<String> keys = new TreeSet<>(MatchKeys.of(subject, start.get().originAgency()));
        walk.assets().forEach(r -> keys.addAll(r.keys()));
        HolderLookup.Pointers pointers = holders.pointers(keys, caller);
        List<String> notFollowed = walk.beyondDepth().stream().map(o -> label(read, o)).distinct().toList();
        return Optional.of(new AssetTrace(new AssetTrace.Subject(noticeId, ref, subject.kind().name(), subject.value()),
                currency, rateDate, depth, assets, totals(assets, currency, rateDate), pointers.pointers(),
                walk.cycles().size(), notFollowed, truncated.get(), List.copyOf(read.keySet()), pointers.noticeIds()));
    }

    /**
     * The reached assets, one per asset: occurrences that share a registry identifier are the same asset, and so are two
     * that each share one with a third (an IMO here, an MMSI there, both in a third notice): a union over the keys.
     */
    private List<AssetTrace.TracedAsset> merged(List<OwnershipWalk.Reached> reached, Map<UUID, Notice> read,
                                                Currency currency, LocalDate rateDate) {
        int[] parent = new int[reached.size()];
        Map<String, Integer> firstWithKey = new HashMap<>();
        for (int i = 0; i < reached.size(); i++) {
            parent[i] = i;
            for (String key : reached.get(i).keys()) {
                Integer other = firstWithKey.putIfAbsent(key, i);
                if (other != null) {
                    parent[root(parent, i)] = root(parent, other);
                }
            }
        }
        Map<Integer, List<OwnershipWalk.Reached>> byRoot = new LinkedHashMap<>();
        for (int i = 0; i < reached.size(); i++) {
            byRoot.computeIfAbsent(root(parent, i), r -> new ArrayList<>()).add(reached.get(i));
        }
        // In the order reached: each asset where its first occurrence was found (shortest chain first).
        List<List<OwnershipWalk.Reached>> groups = byRoot.values().stream()
                .sorted(Comparator.comparingInt(g -> reached.indexOf(g.getFirst()))).toList();
        List<AssetTrace.TracedAsset> assets = new ArrayList<>();
        for (List<OwnershipWalk.Reached> group : groups) {
            OwnershipWalk.Reached first = group.getFirst();
            Asset.Valuation value = group.stream().map(r -> r.asset().asset().value()).filter(Objects::nonNull)
                    .max(Comparator.comparing(Asset.Valuation::date)).orElse(null);
            Asset furthest = group.stream().map(r -> r.asset().asset())
                    .max(Comparator.comparing(Asset::status)).orElseThrow();
            Asset newest = group.stream().max(Comparator.comparing(r -> r.notice().issuedAt())).orElseThrow().asset().asset();
            List<String> chain = new ArrayList<>();
            first.path().forEach(link -> chain.add(label(read, link.owner())));
            chain.add(first.asset().value());
            List<AssetTrace.Source> sources = group.stream().map(r -> new AssetTrace.Source(r.notice().noticeId(),
                    r.notice().originAgency(), r.notice().caseRef())).distinct().toList();
            assets.add(new AssetTrace.TracedAsset(first.asset().value(), newest.type(), newest.jurisdiction(),
                    furthest.status(), new TreeMap<>(newest.identifiers()), value,
                    convert(value, currency, rateDate).orElse(null), first.share(), first.depth(),
                    dedupe(chain), sources));
        }
        return List.copyOf(assets);
    }

    private Optional<BigDecimal> convert(Asset.Valuation value, Currency currency, LocalDate rateDate) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(rates.convert(value.amount(), value.currency(), currency, rateDate).amount());
        } catch (ExchangeRates.MissingRateException e) {
            return Optional.empty();
        }
    }

    private AssetTrace.Totals totals(List<AssetTrace.TracedAsset> assets, Currency currency, LocalDate rateDate) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal attributable = BigDecimal.ZERO;
        Map<String, BigDecimal> byJurisdiction = new TreeMap<>();
        Map<String, BigDecimal> byType = new TreeMap<>();
        Map<String, BigDecimal> byStatus = new TreeMap<>();
        Set<String> missing = new TreeSet<>();
        int counted = 0;
        int withoutValue = 0;
        for (AssetTrace.TracedAsset asset : assets) {
            if (asset.type() == AssetType.COMPANY) {
                continue;
            }
            counted++;
            if (asset.value() == null) {
                withoutValue++;
                continue;
            }
            if (asset.converted() == null) {
                missing.add("no rate for " + asset.value().currency().getCurrencyCode() + " on " + rateDate);
                continue;
            }
            BigDecimal v = asset.converted();
            total = total.add(v);
            if (asset.share() != null) {
                attributable = attributable.add(v.multiply(asset.share()).divide(HUNDRED, MathContext.DECIMAL64));
            }
            byJurisdiction.merge(asset.jurisdiction() == null ? "unknown" : asset.jurisdiction(), v, BigDecimal::add);
            byType.merge(asset.type().name(), v, BigDecimal::add);
            byStatus.merge(asset.status().name(), v, BigDecimal::add);
        }
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        return new AssetTrace.Totals(counted, total, attributable.setScale(digits, RoundingMode.HALF_EVEN),
                byJurisdiction, byType, byStatus, withoutValue, List.copyOf(missing));
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static String label(Map<UUID, Notice> read, OwnershipWalk.Occurrence at) {
        Notice notice = read.get(at.noticeId());
        return notice == null ? at.ref() : notice.entities().stream().filter(e -> at.ref().equals(e.ref()))
                .map(Entity::value).findFirst().orElse(at.ref());
    }

    /** The same company named twice in a row (once in each of two notices, where the chain changes notice) once. */
    private static List<String> dedupe(List<String> chain) {
        List<String> out = new ArrayList<>();
        for (String label : chain) {
            if (out.isEmpty() || !out.getLast().equals(label)) {
                out.add(label);
            }
        }
        return List.copyOf(out);
    }
}
