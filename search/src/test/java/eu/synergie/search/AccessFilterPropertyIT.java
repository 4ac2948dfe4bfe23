package eu.synergie.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.index.NoticeSummary;
import eu.synergie.core.index.SearchResult;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.Folding;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import eu.synergie.infra.ElasticsearchNode;
import eu.synergie.infra.junit.RealStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access rule, on the real Elasticsearch node, against the policy it comes from: 10,000 random
 * (caller, query) cases over a random set of notices. Every notice returned must be one the policy
 * permits, and every permitted notice that matches must be counted. Zero leaks is the only pass. The
 * seed is printed, so that a failure can be replayed.
 */
@ExtendWith(RealStackExtension.class)
class AccessFilterPropertyIT {

    private static final List<String> AGENCIES = List.of("FR-DGPN", "BE-PJF", "DE-BKA", "ES-CNP", "MA-DGSN", "IT-DCSA");
    private static final List<String> REGIONS = List.of("EU-WEST", "EU-CENTRAL", "MED");
    private static final List<String> WORDS = List.of("Blanchiment", "Cocaïne", "Geldwäsche", "Trata", "Passeurs",
            "Rançongiciel", "Évasion", "Visas", "Schleuser", "Contrebande", "Hawala", "Escroquerie", "تهريب",
            "Véhicules", "Armes");
    private static final int NOTICES = 400;
    private static final int CASES = 10_000;

    private final AccessPolicy policy = new AccessPolicy();

    @Test
    void searchWhenRandomCallersAndQueriesThenExactlyWhatThePolicyPermits(ElasticsearchNode node) throws Exception {
        long seed = Long.getLong("synergie.property.seed", System.nanoTime());
        System.out.println("AccessFilterPropertyIT seed " + seed + " (rerun with -Dsynergie.property.seed=" + seed + ")");
        Random random = new Random(seed);
        String run = "lot" + Long.toHexString(seed & 0xffffffL);

        try (Rest5Client rest = TestNodes.asGateway(node)) {
            ElasticsearchClient client = new ElasticsearchClient(new Rest5ClientTransport(rest, new JacksonJsonpMapper()));
            ElasticsearchNotices elasticsearch = new ElasticsearchNotices(client, new IndexSettings(0));
            NoticeIndex index = elasticsearch.index();
            List<Notice> notices = new ArrayList<>();
            List<IndexedNotice> indexed = new ArrayList<>();
            for (int i = 0; i < NOTICES; i++) {
                Notice notice = randomNotice(random, run);
                notices.add(notice);
                indexed.add(new IndexedNotice(new OpenedNotice(notice, notice.originAgency(), "01", "ab", Instant.now(),
                        Instant.now()), "synergie.notices." + notice.region(), 0, i));
            }
            for (int from = 0; from < indexed.size(); from += 100) {
                elasticsearch.writer().index(indexed.subList(from, Math.min(indexed.size(), from + 100)));
            }
            // Every bulk was acknowledged: one refresh makes all of them visible to search (rather than waiting for the
            // first notice to show and sleeping for the rest).
            client.indices().refresh(r -> r.index(NoticeQueries.ALIAS));
            assertSearchable(index, run);

            // The cases are drawn in order from the seed, then checked four at a time: each is independent, and the
            // node answers several searches at once about as fast as one (the test used to wait on it one by one).
            List<Case> cases = new ArrayList<>();
            for (int c = 0; c < CASES; c++) {
                cases.add(new Case(c, randomCaller(random), random.nextInt(4) == 0 ? null : WORDS.get(random.nextInt(WORDS.size()))));
            }
            ExecutorService checkers = Executors.newFixedThreadPool(4);
            long leaksChecked = 0;
            try {
                List<Future<Integer>> checked = new ArrayList<>();
                for (Case each : cases) {
                    checked.add(checkers.submit(() -> check(each, notices, index, run, seed)));
                }
                for (Future<Integer> one : checked) {
                    try {
                        leaksChecked += one.get();
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof AssertionError failure) {
                            throw failure;
                        }
                        throw e;
                    }
                }
            } finally {
                checkers.shutdownNow();
            }
            System.out.println("AccessFilterPropertyIT: " + CASES + " cases, " + leaksChecked + " returned notices checked");
        }
    }

    private record Case(int number, Caller caller, String word) {
    }

    /** One case: every notice returned is permitted, every permitted match is counted; returns how many came back. */
    private int check(Case each, List<Notice> notices, NoticeIndex index, String run, long seed) {
        Caller caller = each.caller();
        String word = each.word();
        String text = word == null ? run : run + " " + word;
        Set<UUID> permitted = notices.stream().filter(n -> policy.decide(caller, n.markings()).permitted())
                .map(Notice::noticeId).collect(Collectors.toSet());
        Set<UUID> expected = notices.stream().filter(n -> permitted.contains(n.noticeId()))
                .filter(n -> word == null || tokens(n.title()).contains(Folding.fold(word)))
                .map(Notice::noticeId).collect(Collectors.toSet());
        SearchResult result = index.search(new NoticeQuery(text, 100), policy.scopeOf(caller));
        Set<UUID> returned = result.hits().stream().map(NoticeSummary::noticeId).collect(Collectors.toSet());
        assertThat(permitted).as("case %d: %s searching '%s' (seed %d): a returned notice the policy denies",
                each.number(), caller, text, seed).containsAll(returned);
        assertThat(result.total()).as("case %d: %s searching '%s' (seed %d): permitted matches not all counted",
                each.number(), caller, text, seed).isEqualTo(expected.size());
        if (expected.size() <= 100) {
            assertThat(returned).isEqualTo(expected);
        }
        return returned.size();
    }

    private static Set<String> tokens(String title) {
        return new HashSet<>(Arrays.asList(Folding.fold(title).split("[^\\p{L}\\p{N}]+")));
    }

    private static void assertSearchable(NoticeIndex index, String run) {
        Caller all = new Caller("all", "FR-DGPN", Set.copyOf(REGIONS), Classification.SECRET, Set.of(Role.ANALYST));
        assertThat(index.search(new NoticeQuery(run, 1), new AccessPolicy().scopeOf(all)).total())
                .as("the generated notices are searchable").isPositive();
    }

    private static Notice randomNotice(Random random, String run) {
        String origin = pick(random, AGENCIES);
        String region = pick(random, REGIONS);
        Classification classification = Classification.values()[random.nextInt(4)];
        Set<String> releasable = new HashSet<>();
        if (random.nextInt(3) == 0) {
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                releasable.add(pick(random, AGENCIES));
            }
        }
        Tlp tlp = releasable.isEmpty() ? Tlp.values()[random.nextInt(4)] : Tlp.values()[random.nextInt(5)];
        Markings markings = new Markings(region, origin, classification, HandlingCode.values()[random.nextInt(3)], null, tlp,
                releasable, Dissemination.values()[random.nextInt(3)]);
        String title = run + " " + pick(random, WORDS) + " " + pick(random, WORDS) + " " + pick(random, WORDS);
        return new Notice(UUID.randomUUID(), NoticeType.values()[random.nextInt(NoticeType.values().length)], title,
                "Résumé " + run, "fr", Instant.parse("2026-11-20T10:00:00Z"), null, markings, "B", "2", null, List.of());
    }

    private static Caller randomCaller(Random random) {
        Set<String> regions = new HashSet<>();
        for (String region : REGIONS) {
            if (random.nextBoolean()) {
                regions.add(region);
            }
        }
        Classification clearance = random.nextInt(10) == 0 ? null : Classification.values()[random.nextInt(4)];
        Set<Role> roles = random.nextInt(10) == 0 ? Set.of(Role.AGENCY_FEED) : Set.of(Role.ANALYST);
        return new Caller("analyst", pick(random, AGENCIES), regions, clearance, roles);
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

}
