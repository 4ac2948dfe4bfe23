package eu.synergie.bench;

import eu.synergie.core.index.NoticeFilters;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What analysts search for, as a reproducible stream per analyst: words of the corpus in the languages of
 * the analyst's agency (French, Dutch, German, Spanish, Arabic, English; sometimes another one), alone,
 * as a phrase or as a prefix; with filters (type, region, TLP, the last 30 days), facets, newest-first
 * sort, entity values in their written forms, and second pages through a cursor.
 *
 * <p>Each query is one {@link BenchQuery}, which gives both the gateway's query string and the
 * {@link NoticeQuery} that the gateway's parameters turn into, so that the direct searches are the same.
 */
final class QueryMix {

    /** The kinds of query and their share of the mix. */
    enum Kind {
        TEXT(0.30), TEXT_FILTERED(0.15), PHRASE(0.05), BROWSE_FACETS(0.10), TEXT_FACETS(0.10), NEWEST(0.10),
        ENTITY(0.10), NEXT_PAGE(0.10);

        final double share;

        Kind(double share) {
            this.share = share;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * One search, as an analyst would type it into the API.
     *
     * @param from   issued on or after this day, or null
     * @param cursor the cursor of the previous page (from the gateway), or null for a first page
     */
    record BenchQuery(Kind kind, String q, Set<NoticeType> types, String region, Tlp tlp, LocalDate from,
                      NoticeQuery.Sort sort, boolean facets, String cursor, boolean expand) {

        static final int SIZE = 20;

        /** A query widened across languages, the gateway's default. */
        BenchQuery(Kind kind, String q, Set<NoticeType> types, String region, Tlp tlp, LocalDate from,
                   NoticeQuery.Sort sort, boolean facets, String cursor) {
            this(kind, q, types, region, tlp, from, sort, facets, cursor, true);
        }

        BenchQuery withExpansion(boolean widened) {
            return new BenchQuery(kind, q, types, region, tlp, from, sort, facets, cursor, widened);
        }

        /** The query string of {@code GET /api/v1/notices}. */
        String queryString(String purpose) {
            StringJoiner s = new StringJoiner("&");
            s.add("purpose=" + encode(purpose));
            if (!q.isEmpty()) {
                s.add("q=" + encode(q));
            }
            types.stream().sorted().forEach(t -> s.add("type=" + t.name()));
            if (region != null) {
                s.add("region=" + region);
            }
            if (tlp != null) {
                s.add("tlp=" + encode(tlp.label()));
            }
            if (from != null) {
                s.add("from=" + from);
            }
            s.add("sort=" + sort.name().toLowerCase(Locale.ROOT));
            s.add("size=" + SIZE);
            if (facets) {
                s.add("facets=true");
            }
            if (cursor != null) {
                s.add("cursor=" + encode(cursor));
            }
            if (!expand) {
                s.add("expand=false");
            }
            return s.toString();
        }

        /** The query the gateway makes of {@link #queryString} (its {@code SearchParameters}: expanded across languages). */
        NoticeQuery toNoticeQuery() {
            NoticeFilters filters = new NoticeFilters(types, Set.of(), region == null ? Set.of() : Set.of(region), Set.of(),
                    tlp == null ? Set.of() : Set.of(tlp), Set.of(),
                    from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(), null, null, null);
            return new NoticeQuery(q, filters, sort, SIZE, cursor, facets, expand);
        }

        BenchQuery withCursor(String next) {
            return new BenchQuery(Kind.NEXT_PAGE, q, types, region, tlp, from, sort, facets, next, expand);
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}'’-]*\\p{L}");

    private final Map<String, List<String>> wordsByLanguage = new TreeMap<>();
    private final Map<String, List<String>> phrasesByLanguage = new TreeMap<>();
    private final List<String> entityValues;
    private final Instant now;
    private final boolean expand;

    /**
     * @param entityValues IBANs, phones and e-mails as notices wrote them (searching one finds its notice)
     * @param now          the day the corpus was generated, for the "last 30 days" filter
     */
    QueryMix(List<String> entityValues, Instant now) {
        this(entityValues, now, true);
    }

    /** @param expand whether the queries are widened across languages ({@code expand=false} otherwise) */
    QueryMix(List<String> entityValues, Instant now, boolean expand) {
        this.entityValues = List.copyOf(entityValues);
        this.now = now;
        this.expand = expand;
        for (Corpus.Language language : Corpus.ALL) {
            Set<String> words = new TreeSet<>();
            List<String> phrases = new ArrayList<>();
            List<String> texts = new ArrayList<>(language.titles().values());
            texts.addAll(language.sentences());
            texts.addAll(language.cities());
            for (String text : texts) {
                String plain = text.replaceAll("\\{[a-z0-9]+}", " ");
                Matcher m = WORD.matcher(plain);
                String previous = null;
                while (m.find()) {
                    String word = m.group();
                    if (word.length() >= 5) {
                        words.add(word.toLowerCase(Locale.ROOT));
                        if (previous != null) {
                            phrases.add(previous + " " + word);
                        }
                        previous = word;
                    } else {
                        previous = null;
                    }
                }
            }
            wordsByLanguage.put(language.code(), List.copyOf(words));
            phrasesByLanguage.put(language.code(), List.copyOf(phrases));
        }
    }

    /** The next query of an analyst of {@code agency}; {@code secondPages} are the cursor pages ready for them. */
    BenchQuery next(SplittableRandom random, BenchAgency agency, List<String> regions, List<BenchQuery> secondPages) {
        Kind kind = kind(random);
        if (kind == Kind.NEXT_PAGE && secondPages.isEmpty()) {
            kind = Kind.TEXT;
        }
        String language = language(random, agency);
        LocalDate lastMonth = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(30);
        NoticeQuery.Sort relevance = NoticeQuery.Sort.RELEVANCE;
        BenchQuery query = switch (kind) {
            case TEXT -> new BenchQuery(kind, text(random, language), Set.of(), null, null, null, relevance, false, null);
            case TEXT_FILTERED -> new BenchQuery(kind, word(random, language), types(random), random.nextBoolean()
                    ? regions.get(random.nextInt(regions.size())) : null, random.nextInt(3) == 0 ? tlp(random) : null,
                    lastMonth, relevance, false, null);
            case PHRASE -> new BenchQuery(kind, "\"" + one(random, phrasesByLanguage.get(language)) + "\"", Set.of(), null, null,
                    null, relevance, false, null);
            case BROWSE_FACETS -> new BenchQuery(kind, "", random.nextBoolean() ? types(random) : Set.of(),
                    regions.get(random.nextInt(regions.size())), random.nextBoolean() ? tlp(random) : null,
                    random.nextBoolean() ? lastMonth : null, NoticeQuery.Sort.NEWEST, true, null);
            case TEXT_FACETS -> new BenchQuery(kind, word(random, language), Set.of(), null, null, null, relevance, true, null);
            case NEWEST -> new BenchQuery(kind, text(random, language), Set.of(), null, null, null, NoticeQuery.Sort.NEWEST,
                    false, null);
            case ENTITY -> new BenchQuery(kind, one(random, entityValues), Set.of(), null, null, null, relevance, false, null);
            case NEXT_PAGE -> one(random, secondPages);
        };
        return query.withExpansion(expand);
    }

    /** A first page whose second page the benchmark fetches once (through the gateway) to get its cursor. */
    BenchQuery firstPage(SplittableRandom random, BenchAgency agency) {
        return new BenchQuery(Kind.TEXT, word(random, language(random, agency)), Set.of(), null, null, null,
                random.nextBoolean() ? NoticeQuery.Sort.RELEVANCE : NoticeQuery.Sort.NEWEST, false, null, expand);
    }

    /** One or two words; one in ten a prefix ({@code blanchi*}). */
    private String text(SplittableRandom random, String language) {
        String first = word(random, language);
        int roll = random.nextInt(10);
        if (roll == 0) {
            return first.substring(0, Math.max(3, first.length() - 3)) + "*";
        }
        return roll < 5 ? first : first + " " + word(random, language);
    }

    private String word(SplittableRandom random, String language) {
        return one(random, wordsByLanguage.get(language));
    }

    private static String language(SplittableRandom random, BenchAgency agency) {
        // Mostly the agency's own languages; sometimes another, as when a notice from abroad is looked for.
        if (random.nextInt(10) == 0) {
            return one(random, Corpus.ALL).code();
        }
        double draw = random.nextDouble();
        for (BenchAgency.Weighted<Corpus.Language> weighted : agency.languages()) {
            draw -= weighted.weight();
            if (draw < 0) {
                return weighted.value().code();
            }
        }
        return agency.languages().getLast().value().code();
    }

    private static Kind kind(SplittableRandom random) {
        double draw = random.nextDouble();
        for (Kind kind : Kind.values()) {
            draw -= kind.share;
            if (draw < 0) {
                return kind;
            }
        }
        return Kind.TEXT;
    }

    private static Set<NoticeType> types(SplittableRandom random) {
        Set<NoticeType> types = EnumSet.noneOf(NoticeType.class);
        int count = 1 + random.nextInt(2);
        while (types.size() < count) {
            types.add(NoticeType.values()[random.nextInt(NoticeType.values().length)]);
        }
        return types;
    }

    private static Tlp tlp(SplittableRandom random) {
        return one(random, List.of(Tlp.GREEN, Tlp.AMBER, Tlp.AMBER_STRICT));
    }

    /** Entity values (IBAN, phone, e-mail) as the notices wrote them, from {@code count} notices spread over the corpus. */
    static List<String> entityValues(NoticeGenerator generator, int notices, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Set<String> values = new LinkedHashSet<>();
        Set<EntityKind> kinds = EnumSet.of(EntityKind.IBAN, EntityKind.PHONE, EntityKind.EMAIL);
        for (int attempts = 0; values.size() < count && attempts < count * 20; attempts++) {
            generator.generate(random.nextInt(notices)).notice().entities().stream()
                    .filter(e -> kinds.contains(e.kind())).findFirst().ifPresent(e -> values.add(e.value()));
        }
        return List.copyOf(values);
    }

    private static <T> T one(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
