package eu.synergie.core.matching;

import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.notice.normal.EntityNormalizer;
import eu.synergie.core.policy.AccessPolicy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs on each indexed batch: finds the other agencies' notices sharing a match key with a new notice
 * (hits) and the watchlists a new notice satisfies, and returns the alerts to send. What a hit reveals to
 * the other side follows the revealed notice's {@code dissemination} and markings, see {@link #formFor};
 * watchlists fire only on notices their owner may read.
 */
public final class Matcher {

    private final NoticeHolders holders;
    private final Watchlists watchlists;
    private final AccessPolicy policy;
    private final int overCorrelation;
    private final Clock clock;

    /** @param overCorrelation values held by more notices than this stop correlating */
    public Matcher(NoticeHolders holders, Watchlists watchlists, AccessPolicy policy, int overCorrelation, Clock clock) {
        if (overCorrelation < 2) {
            throw new IllegalArgumentException("the over-correlation threshold must be at least 2");
        }
        this.holders = holders;
        this.watchlists = watchlists;
        this.policy = policy;
        this.overCorrelation = overCorrelation;
        this.clock = clock;
    }

    public List<Alert> match(List<IndexedNotice> indexed) {
        List<Notice> standing = indexed.stream().map(n -> n.opened().notice())
                .filter(n -> n.status() == NoticeStatus.ACTIVE).toList();
        if (standing.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Map<String, Alert> alerts = new LinkedHashMap<>();
        hits(standing, now).forEach(a -> alerts.putIfAbsent(a.id(), a));
        watchlistAlerts(standing, now).forEach(a -> alerts.putIfAbsent(a.id(), a));
        return List.copyOf(alerts.values());
    }

    private List<Alert> hits(List<Notice> notices, Instant now) {
        Map<Notice, Set<String>> keysOf = new LinkedHashMap<>();
        Set<String> allKeys = new HashSet<>();
        for (Notice notice : notices) {
            Set<String> keys = new HashSet<>();
            for (Entity entity : notice.entities()) {
                keys.addAll(MatchKeys.of(entity, notice.markings().originAgency()));
            }
            if (!keys.isEmpty()) {
                keysOf.put(notice, keys);
                allKeys.addAll(keys);
            }
        }
        if (allKeys.isEmpty()) {
            return List.of();
        }
        EntityHoldings holdings = holders.holdersOf(allKeys, overCorrelation);
        // Per key, its holders in the lookup's order: a batch of 2,000 notices may have thousands of holders, and
        // scanning them all for each key of each notice would grow with the square of the batch.
        Map<String, List<EntityHoldings.Holding>> holdingsOf = new HashMap<>();
        for (EntityHoldings.Holding holding : holdings.holdings()) {
            for (String key : holding.matchKeys()) {
                if (allKeys.contains(key)) {
                    holdingsOf.computeIfAbsent(key, k -> new ArrayList<>()).add(holding);
                }
            }
        }
        List<Alert> alerts = new ArrayList<>();
        for (var entry : keysOf.entrySet()) {
            Notice notice = entry.getKey();
            Markings mine = notice.markings();
            for (String key : entry.getValue()) {
                long sharedBy = holdings.counts().getOrDefault(key, 0L);
                if (sharedBy > overCorrelation) {
                    alerts.add(new Alert.OverCorrelation(idOf("OVER", mine.originAgency(), key), mine.originAgency(), now,
                            notice.noticeId(), mine, kindOf(key), valueOf(key), sharedBy));
                    continue;
                }
                for (EntityHoldings.Holding other : holdingsOf.getOrDefault(key, List.of())) {
                    Markings theirs = other.markings();
                    if (theirs.originAgency().equals(mine.originAgency())) {
                        continue;
                    }
                    hit(mine.originAgency(), notice.noticeId(), mine, other.noticeId(), theirs, other.caseRef(), key, now)
                            .ifPresent(alerts::add);
                    hit(theirs.originAgency(), other.noticeId(), theirs, notice.noticeId(), mine, notice.caseRef(), key, now)
                            .ifPresent(alerts::add);
                }
            }
        }
        return alerts;
    }

    private static Optional<Alert> hit(String recipient, java.util.UUID own, Markings ownMarkings, java.util.UUID other,
                                       Markings otherMarkings, String otherCaseRef, String key, Instant now) {
        return formFor(recipient, otherMarkings).map(form -> new Alert.Hit(idOf("HIT", recipient, own, other, key), recipient, now,
                own, ownMarkings, kindOf(key), valueOf(key), form, other, otherMarkings.originAgency(), otherMarkings, otherCaseRef));
    }

    /**
     * How much of a notice with {@code markings} a hit may show {@code recipientAgency}: SILENT shows
     * nothing; POINTER only its holder and case reference; FULL names the notice, but only to an agency it
     * is releasable to, otherwise a pointer. TLP:RED is never signalled to an agency outside its list.
     */
    static Optional<Alert.Form> formFor(String recipientAgency, Markings markings) {
        boolean released = markings.releasableTo().isEmpty() || markings.releasableTo().contains(recipientAgency);
        if (!released && markings.tlp() == Tlp.RED) {
            return Optional.empty();
        }
        return switch (markings.dissemination()) {
            case SILENT -> Optional.empty();
            case POINTER -> Optional.of(Alert.Form.POINTER);
            case FULL -> Optional.of(released ? Alert.Form.FULL : Alert.Form.POINTER);
        };
    }

    private List<Alert> watchlistAlerts(List<Notice> notices, Instant now) {
        List<Alert> alerts = new ArrayList<>();
        var all = watchlists.all();
        if (all.isEmpty()) {
            return alerts;
        }
        for (Notice notice : notices) {
            Markings m = notice.markings();
            Map<String, String> normalized = new HashMap<>();
            StringBuilder text = new StringBuilder(notice.title());
            if (notice.summary() != null) {
                text.append('\n').append(notice.summary());
            }
            for (Entity e : notice.entities()) {
                if (e.protection() != null) {
                    // A standing query never fires on a protected person's pseudonym: it would tell who watches them.
                    continue;
                }
                text.append('\n').append(e.value());
                normalized.put(e.kind() + ":" + EntityNormalizer.normalize(e.kind(), e.value(),
                        EntityNormalizer.phoneRegionOf(m.originAgency())).normalized(), e.value());
            }
            TextMatcher textMatcher = null;
            for (Watchlists.Compiled compiled : all) {
                Watchlist w = compiled.watchlist();
                if (!policy.decide(w.owner(), m).permitted()
                        || (!w.types().isEmpty() && !w.types().contains(notice.type()))
                        || (!w.regions().isEmpty() && !w.regions().contains(m.region()))) {
                    continue;
                }
                Optional<Watchlist.WatchedValue> value = w.values().stream()
                        .filter(v -> normalized.containsKey(v.kind() + ":" + v.normalized())).findFirst();
                boolean textMatches = false;
                if (value.isEmpty() && compiled.text() != null) {
                    textMatcher = textMatcher == null ? new TextMatcher(text.toString()) : textMatcher;
                    textMatches = textMatcher.matches(compiled.text());
                }
                if (value.isPresent() || textMatches) {
                    alerts.add(new Alert.WatchlistMatch(idOf("WATCH", w.id(), notice.noticeId(), notice.version()),
                            w.ownerAgency(), w.ownerSubject(), now, notice.noticeId(), m,
                            value.map(v -> v.kind().name()).orElse(null), value.map(Watchlist.WatchedValue::value).orElse(null),
                            m.originAgency(), w.id(), w.name()));
                }
            }
        }
        return alerts;
    }

    /** A stable id from what the alert is about: the same hit found again is the same alert. */
    static String idOf(Object... parts) {
        StringBuilder s = new StringBuilder();
        for (Object part : parts) {
            s.append(part).append('\u0001');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String kindOf(String key) {
        return key.substring(0, key.indexOf(':'));
    }

    /** The shared value in normalised form; a person's birth date in brackets. */
    private static String valueOf(String key) {
        String value = key.substring(key.indexOf(':') + 1);
        int bar = value.lastIndexOf('|');
        return bar < 0 ? value : value.substring(0, bar) + " (" + value.substring(bar + 1) + ")";
    }
}
