package eu.synergie.gateway;

import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.infra.LocalStack;
import eu.synergie.infra.SharedStack;
import eu.synergie.stix.StixExport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A TAXII 2.1 client's walk, written against the specification: discovery → API root → collections → objects paged
 * by {@code limit} and {@code next} until {@code more} is false, {@code added_after}, a single object, its versions,
 * the manifest; media types (406, 415) and read-only collections (403); what each account may see (region,
 * clearance) exactly as in search, a 404 for the rest; the purpose (our header, or a client's standing purpose) and
 * the audit of every read. Notices go the whole way: sealed, pushed, indexed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaxiiIT extends GatewayIntegrationTest {

    private static final String ROOT = "/taxii2/synergie/";
    private static final String TAXII = "application/taxii+json;version=2.1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RUN = "taxii" + UUID.randomUUID().toString().substring(0, 6);
    private static final String PURPOSE = "IT-TAXII-" + RUN;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<UUID> westRestricted = new ArrayList<>();
    private final UUID westConfidential = UUID.randomUUID();
    private final UUID central = UUID.randomUUID();
    private LocalStack stack;
    private KeyCredential dgpn;
    private String feedDgpn;
    private Instant start;
    private String claire;
    private String west;
    private String med;
    private String centralCollection;

    @BeforeAll
    void publishNotices() throws Exception {
        stack = SharedStack.all();
        // Everything of this class is added after this: added_after leaves out what other tests published.
        start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusMillis(1);
        dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        KeyCredential bka = TestEnvelopes.agency(trust, "DE-BKA", Set.of("EU-CENTRAL"));
        feedDgpn = stack.keycloak().clientCredentials("feed-fr-dgpn", "demo-secret-fr-dgpn");
        String feedBka = stack.keycloak().clientCredentials("feed-de-bka", "demo-secret-de-bka");
        for (int i = 0; i < 5; i++) {
            UUID id = UUID.randomUUID();
            publish(feedDgpn, dgpn, "EU-WEST", TestEnvelopes.notice(id, "FR-DGPN", "EU-WEST", "Filière " + i + " " + RUN));
            westRestricted.add(id);
        }
        publish(feedDgpn, dgpn, "EU-WEST", TestEnvelopes.notice(westConfidential, "FR-DGPN", "EU-WEST", "Confidentiel " + RUN)
                .replace("\"classification\": \"RESTRICTED\"", "\"classification\": \"CONFIDENTIAL\""));
        publish(feedBka, bka, "EU-CENTRAL", TestEnvelopes.notice(central, "DE-BKA", "EU-CENTRAL", "Geldwäsche " + RUN));

        claire = stack.keycloak().passwordGrant("claire.martin", "demo");
        JsonNode collections = body(taxii(claire, ROOT + "collections/"));
        west = collectionOf(collections, "eu-west");
        med = collectionOf(collections, "med");
        centralCollection = collectionOf(body(taxii(stack.keycloak().passwordGrant("jonas.weber", "demo"), ROOT + "collections/")),
                "eu-central");
        Set<String> reports = new HashSet<>(reportsOf(westRestricted));
        reports.add(StixExport.reportIdOf(westConfidential));
        await("the reports of " + RUN + " in the EU-WEST collection").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> reportIds(claire, west), ids -> ids.containsAll(reports));
    }

    @Test
    void discoveryWhenFollowedThenApiRootAndCollectionsAsTheSpecificationDescribesThem() throws Exception {
        HttpResponse<String> discovery = taxii(claire, "/taxii2/");
        assertTaxii(discovery, 200);
        JsonNode server = body(discovery);
        assertThat(server.path("title").asString()).isNotBlank();
        String root = server.path("default").asString();
        assertThat(root).endsWith(ROOT);
        assertThat(server.path("api_roots").values()).extracting(JsonNode::asString).containsExactly(root);

        JsonNode apiRoot = body(taxii(claire, URI.create(root).getPath()));
        assertThat(apiRoot.path("versions").values()).extracting(JsonNode::asString).containsExactly(TAXII);
        assertThat(apiRoot.has("max_content_length")).isTrue();

        HttpResponse<String> listing = taxii(claire, ROOT + "collections/");
        assertTaxii(listing, 200);
        List<JsonNode> collections = List.copyOf(body(listing).path("collections").values());
        // claire.martin reads EU-WEST and MED: one collection each, read-only.
        assertThat(collections).extracting(c -> c.path("alias").asString()).containsExactlyInAnyOrder("eu-west", "med");
        assertThat(collections).allSatisfy(c -> {
            assertThat(c.path("can_read").asBoolean()).isTrue();
            assertThat(c.path("can_write").asBoolean()).isFalse();
            assertThat(c.path("media_types").values()).extracting(JsonNode::asString).contains("application/stix+json;version=2.1");
        });
        JsonNode one = body(taxii(claire, ROOT + "collections/" + med + "/"));
        assertThat(one.path("id").asString()).isEqualTo(med);
        assertThat(body(taxii(claire, ROOT + "collections/")).path("collections").values())
                .extracting(c -> c.path("id").asString()).as("ids that never change").contains(west, med);
    }

    @Test
    void objectsWhenPagedByTwoUntilNoMoreThenEveryNoticeOnceWithoutGapAndNoticesPublishedMeanwhileFollow() throws Exception {
        Map<String, Integer> reportsSeen = new HashMap<>();
        List<String> datesAdded = new ArrayList<>();
        List<UUID> published = new ArrayList<>();
        String query = "objects/?added_after=" + enc(start.toString()) + "&limit=2";
        String next = null;
        int pages = 0;
        String last = start.toString();
        do {
            HttpResponse<String> response = taxii(claire, ROOT + "collections/" + west + "/" + query
                    + (next == null ? "" : "&next=" + enc(next)));
            assertTaxii(response, 200);
            JsonNode envelope = body(response);
            List<JsonNode> objects = List.copyOf(envelope.path("objects").values());
            assertThat(objects).hasSizeLessThanOrEqualTo(2);
            Set<String> inPage = new HashSet<>();
            for (JsonNode object : objects) {
                assertThat(inPage.add(object.path("id").asString() + " " + object.path("modified").asString())).isTrue();
                if (object.path("type").asString().equals("report")) {
                    reportsSeen.merge(object.path("id").asString(), 1, Integer::sum);
                }
            }
            if (!objects.isEmpty()) {
                String first = response.headers().firstValue("X-TAXII-Date-Added-First").orElseThrow();
                last = response.headers().firstValue("X-TAXII-Date-Added-Last").orElseThrow();
                assertThat(Instant.parse(first)).isAfter(start).isBeforeOrEqualTo(Instant.parse(last));
                datesAdded.add(first);
                datesAdded.add(last);
            }
            next = envelope.path("more").asBoolean() ? envelope.path("next").asString() : null;
            assertThat(envelope.path("more").isBoolean()).isTrue();
            pages++;
            if (pages == 2) {
                // Published in the middle of the walk: they come after it, in this walk or the next poll.
                for (int i = 0; i < 2; i++) {
                    UUID id = UUID.randomUUID();
                    publish(feedDgpn, dgpn, "EU-WEST", TestEnvelopes.notice(id, "FR-DGPN", "EU-WEST", "Pendant " + i + " " + RUN));
                    published.add(id);
                }
            }
        } while (next != null);

        assertThat(pages).isGreaterThanOrEqualTo(6 * 3 / 2);
        assertThat(datesAdded).isSortedAccordingTo(java.util.Comparator.comparing(Instant::parse));
        for (String report : reportsOf(westRestricted)) {
            assertThat(reportsSeen).as("every notice once").containsEntry(report, 1);
        }
        assertThat(reportsSeen).containsEntry(StixExport.reportIdOf(westConfidential), 1);
        assertThat(reportsSeen).doesNotContainKey(StixExport.reportIdOf(central));

        // The next poll starts where the walk ended (added_after = the last date added seen): the notices published
        // during the walk arrive exactly once over the walk and the polls, none before it.
        // Each poll moves on from the last date added it saw, as a client does: a poll that finds only one of the two
        // (the other not yet settled) must not find it again in the next.
        String[] from = {last};
        await("the notices published during the walk").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Poll poll = poll(claire, west, from[0]);
                    for (String id : poll.reports()) {
                        reportsSeen.merge(id, 1, Integer::sum);
                    }
                    from[0] = poll.last();
                    return reportsOf(published).stream().allMatch(reportsSeen::containsKey);
                });
        assertThat(reportsSeen.values()).as("no report twice").allMatch(n -> n == 1);
        assertThat(reportsOf(published)).allMatch(r -> reportsSeen.get(r) == 1);
    }

    @Test
    void objectWhenReportIdThenItsNoticeWithOneVersionAndTheManifestAgrees() throws Exception {
        UUID notice = westRestricted.getFirst();
        String report = StixExport.reportIdOf(notice);
        String base = ROOT + "collections/" + west + "/objects/" + report + "/";

        HttpResponse<String> object = taxii(claire, base);
        assertTaxii(object, 200);
        JsonNode envelope = body(object);
        assertThat(envelope.path("more").asBoolean()).isFalse();
        JsonNode found = envelope.path("objects").get(0);
        assertThat(found.path("id").asString()).isEqualTo(report);
        assertThat(found.path("name").asString()).startsWith("Filière 0 " + RUN);
        String dateAdded = object.headers().firstValue("X-TAXII-Date-Added-First").orElseThrow();
        assertThat(object.headers().firstValue("X-TAXII-Date-Added-Last")).hasValue(dateAdded);

        JsonNode versions = body(taxii(claire, base + "versions/"));
        assertThat(versions.path("versions").values()).extracting(JsonNode::asString)
                .containsExactly(found.path("modified").asString());
        assertThat(versions.path("more").asBoolean()).isFalse();
        assertThat(body(taxii(claire, base + "?match%5Bversion%5D=" + enc(found.path("modified").asString())))
                .path("objects").values()).hasSize(1);
        assertThat(body(taxii(claire, base + "?added_after=" + enc(dateAdded))).has("objects"))
                .as("added after its own date: left out").isFalse();

        JsonNode manifest = body(taxii(claire, ROOT + "collections/" + west + "/manifest/?match%5Bid%5D=" + report));
        assertThat(manifest.path("objects").values()).singleElement().satisfies(record -> {
            assertThat(record.path("id").asString()).isEqualTo(report);
            assertThat(record.path("date_added").asString()).isEqualTo(dateAdded);
            assertThat(record.path("version").asString()).isEqualTo(found.path("modified").asString());
            assertThat(record.path("media_type").asString()).isEqualTo("application/stix+json;version=2.1");
        });
        // The agency's identity, which every notice of the agency refers to, is an object of the collection too.
        String agency = found.path("created_by_ref").asString();
        assertThat(body(taxii(claire, ROOT + "collections/" + west + "/objects/" + agency + "/")).path("objects").get(0)
                .path("identity_class").asString()).isEqualTo("organization");
    }

    @Test
    void requestWhenAcceptIsNotTaxiiThen406AndWhenWritingThen415Or403AsTaxiiErrors() throws Exception {
        HttpResponse<String> json = send(request(claire, ROOT + "collections/").header("Accept", "application/json").GET());
        assertTaxiiError(json, 406);
        HttpResponse<String> none = send(HttpRequest.newBuilder(api(ROOT + "collections/" + west + "/objects/"))
                .header("Authorization", "Bearer " + claire).header("X-Synergie-Purpose", PURPOSE).GET());
        assertTaxiiError(none, 406);
        assertTaxii(taxii(claire, ROOT + "collections/", "Accept", "application/taxii+json"), 200);

        String objects = ROOT + "collections/" + west + "/objects/";
        HttpResponse<String> notTaxii = send(request(claire, objects).header("Accept", TAXII).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"objects\":[]}")));
        assertTaxiiError(notTaxii, 415);
        HttpResponse<String> readOnly = send(request(claire, objects).header("Accept", TAXII).header("Content-Type", TAXII)
                .POST(HttpRequest.BodyPublishers.ofString("{\"objects\":[]}")));
        assertTaxiiError(readOnly, 403);
        assertThat(body(readOnly).path("error_code").asString()).isEqualTo("READ_ONLY");
        assertTaxiiError(send(request(claire, objects + StixExport.reportIdOf(central) + "/").header("Accept", TAXII).DELETE()), 403);
        assertTaxiiError(send(request(claire, ROOT + "collections/").header("Accept", TAXII)
                .PUT(HttpRequest.BodyPublishers.noBody())), 405);
        assertTaxiiError(taxii(claire, ROOT + "nowhere/"), 404);
        assertTaxiiError(taxii(null, ROOT + "collections/"), 401);
        assertTaxiiError(taxii(feedDgpn, ROOT + "collections/"), 403);
        assertTaxiiError(taxii(claire, ROOT + "collections/" + west + "/objects/?limit=0"), 400);
        assertTaxiiError(taxii(claire, ROOT + "collections/" + west + "/objects/?next=bm90LW91cnM"), 400);
    }

    @Test
    void euCentralAnalystWhenReadingThenNeverAnEuWestCollectionOrObject() throws Exception {
        String jonas = stack.keycloak().passwordGrant("jonas.weber", "demo");

        assertThat(body(taxii(jonas, ROOT + "collections/")).path("collections").values())
                .extracting(c -> c.path("alias").asString()).containsExactly("eu-central");
        // Exactly as if it did not exist: the EU-WEST collection, its objects, and an EU-WEST report asked in his own.
        assertTaxiiError(taxii(jonas, ROOT + "collections/" + west + "/"), 404);
        assertTaxiiError(taxii(jonas, ROOT + "collections/" + west + "/objects/"), 404);
        assertTaxiiError(taxii(jonas, ROOT + "collections/" + west + "/manifest/"), 404);
        String westReport = StixExport.reportIdOf(westRestricted.getFirst());
        assertTaxiiError(taxii(jonas, ROOT + "collections/" + centralCollection + "/objects/" + westReport + "/"), 404);
        assertTaxiiError(taxii(jonas, ROOT + "collections/" + centralCollection + "/objects/" + westReport + "/versions/"), 404);
        assertTaxiiError(taxii(jonas, ROOT + "collections/" + UUID.randomUUID() + "/"), 404);

        Set<String> seen = reportIds(jonas, centralCollection);
        assertThat(seen).contains(StixExport.reportIdOf(central)).doesNotContainAnyElementsOf(reportsOf(westRestricted));
        assertThat(allIds(jonas, centralCollection)).noneMatch(id -> reportsOf(westRestricted).contains(id));
        // And the other way round.
        assertTaxiiError(taxii(claire, ROOT + "collections/" + centralCollection + "/objects/"), 404);
    }

    @Test
    void restrictedAccountWhenReadingThenNeverAConfidentialObject() throws Exception {
        String luc = stack.keycloak().passwordGrant("luc.peeters", "demo");
        String confidential = StixExport.reportIdOf(westConfidential);

        Set<String> ids = allIds(luc, west);
        assertThat(ids).containsAll(reportsOf(westRestricted)).doesNotContain(confidential);
        assertThat(ids.stream().filter(id -> id.contains(westConfidential.toString()))).isEmpty();
        assertTaxiiError(taxii(luc, ROOT + "collections/" + west + "/objects/" + confidential + "/"), 404);
        assertTaxiiError(taxii(luc, ROOT + "collections/" + west + "/objects/" + confidential + "/versions/"), 404);
        assertThat(body(taxii(luc, ROOT + "collections/" + west + "/manifest/?match%5Bid%5D=" + confidential)).has("objects")).isFalse();
        // claire.martin (CONFIDENTIAL) reads it.
        assertTaxii(taxii(claire, ROOT + "collections/" + west + "/objects/" + confidential + "/"), 200);
    }

    @Test
    void readWhenPurposeMissingThen400TaxiiErrorAndWhenGivenEveryReadAuditedWithIt() throws Exception {
        HttpResponse<String> missing = send(request(claire, ROOT + "collections/" + west + "/objects/").header("Accept", TAXII).GET());
        assertTaxiiError(missing, 400);
        assertThat(body(missing).path("error_code").asString()).isEqualTo("PURPOSE_REQUIRED");
        assertThat(body(missing).path("description").asString()).contains("X-Synergie-Purpose");

        String purpose = PURPOSE + "-audit";
        String report = StixExport.reportIdOf(westRestricted.get(1));
        String collection = ROOT + "collections/" + west + "/";
        Map<String, String> reads = new LinkedHashMap<>();
        reads.put("objects", collection + "objects/?limit=3&added_after=" + enc(start.toString()));
        reads.put("manifest", collection + "manifest/?match%5Btype%5D=report&added_after=" + enc(start.toString()));
        reads.put("object", collection + "objects/" + report + "/");
        reads.put("versions", collection + "objects/" + report + "/versions/");
        for (String path : reads.values()) {
            assertTaxii(taxii(claire, path, "X-Synergie-Purpose", purpose), 200);
        }

        String sophie = stack.keycloak().passwordGrant("sophie.lambert", "demo");
        List<JsonNode> events = awaitAudit(sophie, "claire.martin", purpose, reads.size());
        assertThat(events).extracting(e -> e.path("query").path("filters").path("read").asString())
                .containsExactlyInAnyOrderElementsOf(reads.keySet());
        assertThat(events).allSatisfy(e -> {
            assertThat(e.path("agency").asString()).isEqualTo("FR-DGPN");
            assertThat(e.path("query").path("filters").path("collection").asString()).isEqualTo("EU-WEST");
            assertThat(e.path("noticeIds").values()).isNotEmpty();
        });
        assertThat(events.stream().filter(e -> e.path("query").path("filters").path("read").asString().equals("object")))
                .singleElement().satisfies(e -> assertThat(e.path("noticeIds").values()).extracting(JsonNode::asString)
                        .containsExactly(westRestricted.get(1).toString()));
    }

    @Test
    void machineClientWhenItsTokenCarriesAStandingPurposeThenReadsWithoutHeaderAuditedWithIt() throws Exception {
        String agreement = "SA-FR-DGPN-" + RUN;
        String client = TestPrincipals.taxiiClientToken(stack.keycloak(), "it-taxii-" + RUN, "FR-DGPN", List.of("EU-WEST"),
                "RESTRICTED", agreement);

        HttpResponse<String> read = send(request(client, ROOT + "collections/" + west + "/objects/?match%5Btype%5D=report&added_after="
                + enc(start.toString())).header("Accept", TAXII).GET());
        assertTaxii(read, 200);
        assertThat(body(read).path("objects").values()).extracting(o -> o.path("id").asString())
                .containsAll(reportsOf(westRestricted)).doesNotContain(StixExport.reportIdOf(westConfidential));

        String sophie = stack.keycloak().passwordGrant("sophie.lambert", "demo");
        assertThat(awaitAudit(sophie, "service-account-it-taxii-" + RUN.toLowerCase(), agreement, 1)).singleElement()
                .satisfies(e -> assertThat(e.path("action").asString()).isEqualTo("TAXII_READ"));
    }

    private List<JsonNode> awaitAudit(String auditor, String subject, String purpose, int count) {
        String query = "/api/v1/audit?subject=" + subject + "&action=TAXII_READ&size=100";
        return await("%d TAXII_READ events of %s with purpose %s".formatted(count, subject, purpose)).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    HttpResponse<String> response = send(HttpRequest.newBuilder(api(query)).header("Authorization", "Bearer " + auditor).GET());
                    return response.statusCode() != 200 ? List.<JsonNode>of() : body(response).path("records").values().stream()
                            .filter(r -> purpose.equals(r.path("purpose").asString())).toList();
                }, events -> events.size() >= count);
    }

    /** The ids of every object of a collection this client reads, added since this class began, walked to the end. */
    private Set<String> allIds(String token, String collection) throws Exception {
        return walk(token, collection, "objects/?limit=50&added_after=" + enc(start.toString())).stream()
                .map(o -> o.path("id").asString()).collect(Collectors.toSet());
    }

    private Set<String> reportIds(String token, String collection) throws Exception {
        return reportIds(token, collection, start.toString());
    }

    private Set<String> reportIds(String token, String collection, String addedAfter) throws Exception {
        List<JsonNode> reports = walk(token, collection, "objects/?limit=20&match%5Btype%5D=report&added_after=" + enc(addedAfter));
        List<String> ids = reports.stream().map(o -> o.path("id").asString()).toList();
        assertThat(new HashSet<>(ids)).as("no report twice in a walk").hasSize(ids.size());
        return new HashSet<>(ids);
    }

    /** The reports a client's poll finds from {@code addedAfter}, and the position its next poll starts from. */
    private record Poll(Set<String> reports, String last) {
    }

    private Poll poll(String token, String collection, String addedAfter) throws Exception {
        Set<String> reports = new HashSet<>();
        String last = addedAfter;
        String next = null;
        do {
            HttpResponse<String> response = taxii(token, ROOT + "collections/" + collection
                    + "/objects/?limit=20&match%5Btype%5D=report&added_after=" + enc(addedAfter)
                    + (next == null ? "" : "&next=" + enc(next)));
            assertTaxii(response, 200);
            JsonNode envelope = body(response);
            for (JsonNode report : envelope.path("objects").values()) {
                assertThat(reports.add(report.path("id").asString())).as("no report twice in a poll").isTrue();
            }
            last = response.headers().firstValue("X-TAXII-Date-Added-Last").orElse(last);
            next = envelope.path("more").asBoolean() ? envelope.path("next").asString() : null;
        } while (next != null);
        return new Poll(reports, last);
    }

    private List<JsonNode> walk(String token, String collection, String query) throws Exception {
        List<JsonNode> objects = new ArrayList<>();
        String next = null;
        do {
            HttpResponse<String> response = taxii(token, ROOT + "collections/" + collection + "/" + query
                    + (next == null ? "" : "&next=" + enc(next)));
            assertTaxii(response, 200);
            JsonNode envelope = body(response);
            objects.addAll(envelope.path("objects").values());
            next = envelope.path("more").asBoolean() ? envelope.path("next").asString() : null;
        } while (next != null);
        return objects;
    }

    private void publish(String feed, KeyCredential agency, String region, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/api/v1/notices"))
                .header("Authorization", "Bearer " + feed).header("Content-Type", "application/pkcs7-mime")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestEnvelopes.seal(json, agency,
                        keys.regions().recipientCertificate(region).orElseThrow()))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private static List<String> reportsOf(List<UUID> notices) {
        return notices.stream().map(StixExport::reportIdOf).toList();
    }

    private static String collectionOf(JsonNode collections, String alias) {
        return collections.path("collections").values().stream().filter(c -> c.path("alias").asString().equals(alias))
                .findFirst().orElseThrow(() -> new AssertionError("no collection " + alias + " in " + collections))
                .path("id").asString();
    }

    /** A GET as a TAXII client sends it: TAXII's Accept, and our purpose header. */
    private HttpResponse<String> taxii(String token, String path, String... headers) throws Exception {
        HttpRequest.Builder request = token == null ? HttpRequest.newBuilder(api(path)) : request(token, path);
        request.header("Accept", TAXII).header("X-Synergie-Purpose", PURPOSE);
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return send(request.GET());
    }

    private HttpRequest.Builder request(String token, String path) {
        return HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertTaxii(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(TAXII);
    }

    /** A TAXII error message (TAXII 2.1 §3.6.1), never the API's problem document. */
    private static void assertTaxiiError(HttpResponse<String> response, int status) {
        assertTaxii(response, status);
        JsonNode error = body(response);
        assertThat(error.path("title").asString()).isNotBlank();
        assertThat(error.path("http_status").asString()).isEqualTo(String.valueOf(status));
        assertThat(error.has("type") || error.has("detail")).as("not a problem document").isFalse();
    }

    private static JsonNode body(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
