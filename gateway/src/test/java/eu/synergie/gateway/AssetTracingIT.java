package eu.synergie.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.infra.KeycloakServer;
import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tracing view end to end: four agencies' notices in two regions describe one shell-company chain (a person, a
 * Maltese holding, a Spanish company; a villa, a yacht, a wallet, cash, a flat in Marrakech). Each analyst's trace
 * holds exactly what their own reading allows: totals never include what they may not read, and another agency's
 * notice they may not read is only a pointer, without value or identifiers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssetTracingIT extends GatewayIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The Spanish agency of this test, onboarded by it through the trust API (which makes its feed client): the demo's
     * ES-CNP is TrustIT's to onboard in this JVM.
     */
    private static final String SPAIN = "ES-GC";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SplittableRandom random = new SplittableRandom();
    private KeycloakServer keycloak;

    private final String holding = "C " + (10_000 + random.nextInt(89_999));
    private final String spanish = "B" + (10_000_000 + random.nextInt(89_999_999));
    private final String imo = imo();
    private final String wallet = wallet();
    private final String birthDate = "19" + (50 + random.nextInt(40)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10);
    private UUID french;
    private UUID moroccan;
    private UUID confidential;

    private String spainSecret;

    @BeforeAll
    void publishTheCase() throws Exception {
        keycloak = SharedStack.all().keycloak();
        HttpResponse<String> onboarded = http.send(HttpRequest.newBuilder(api("/api/v1/trust/agencies"))
                .header("Authorization", "Bearer " + keycloak.passwordGrant("amelie.roux", "demo"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"code\":\"" + SPAIN + "\",\"name\":\"Guardia Civil\",\"regions\":[\"EU-WEST\",\"MED\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(onboarded.statusCode()).as(onboarded.body()).isEqualTo(201);
        spainSecret = JSON.readTree(onboarded.body()).path("feedClient").path("clientSecret").asText();
        assertThat(spainSecret).as("the new feed client's secret, shown once").isNotBlank();
        await("the registry follows the onboarding").atMost(Duration.ofSeconds(10))
                .until(() -> trust.registry().agency(SPAIN).isPresent());
        french = publish("FR-DGPN", "EU-WEST", "RESTRICTED", "[]", "OCRGDF-2026-0412", """
                {"kind": "PERSON", "value": "Karim BENALI", "attributes": {"birthDate": "%s"}, "ref": "p1"},
                %s,
                {"kind": "ASSET", "value": "Villa Les Oliviers, Ramatuelle", "ref": "v1", "asset": {"type": "REAL_ESTATE",
                  "identifiers": {"cadastralRef": "AB %d"}, "jurisdiction": "FR",
                  "value": {"amount": 2400000, "currency": "EUR", "date": "2026-06-01", "source": "avis de valeur"}}},
                {"kind": "ASSET", "value": "Espèces saisies à Tanger", "ref": "m1", "asset": {"type": "CASH", "jurisdiction": "MA",
                  "value": {"amount": 1000000, "currency": "MAD", "date": "2026-10-02"}}},
                {"kind": "VESSEL", "value": "IMO %s"}
                ], "relations": [
                {"owner": "p1", "owned": "c1", "kind": "BENEFICIAL", "share": 100},
                {"owner": "p1", "owned": "m1", "kind": "LEGAL"},
                {"owner": "c1", "owned": "v1", "kind": "LEGAL", "share": 100, "from": "2019-03-01"}
                """.formatted(birthDate, company("c1", "Azur Holding Ltd", "MT", holding), 1000 + random.nextInt(8999),
                imo.substring(3)));
        publish(SPAIN, "MED", "RESTRICTED", "[]", "UDEF-2026-118", """
                %s, %s,
                {"kind": "ASSET", "value": "Yate Sirena", "ref": "y1", "asset": {"type": "VESSEL",
                  "identifiers": {"imo": "%s"}, "jurisdiction": "MT",
                  "value": {"amount": 4200000, "currency": "EUR", "date": "2026-09-15", "source": "tasación pericial"},
                  "status": [{"status": "IDENTIFIED", "date": "2026-09-12"}, {"status": "FROZEN", "date": "2026-11-02"}]}}
                ], "relations": [
                {"owner": "az", "owned": "cb", "kind": "LEGAL", "share": 60},
                {"owner": "cb", "owned": "y1", "kind": "LEGAL", "share": 100}
                """.formatted(company("az", "AZUR HOLDING LIMITED", "MT", holding.replace(" ", "")),
                company("cb", "Costa Brava Inversiones SL", "ES", spanish), imo));
        confidential = publish(SPAIN, "EU-WEST", "CONFIDENTIAL", "[]", "UDEF-2026-121", """
                %s,
                {"kind": "ASSET", "value": "Portefeuille Ethereum", "ref": "w1", "asset": {"type": "CRYPTO_WALLET",
                  "identifiers": {"chain": "ethereum", "address": "%s"},
                  "value": {"amount": 500000, "currency": "EUR", "date": "2026-11-20"}}}
                ], "relations": [
                {"owner": "cb", "owned": "w1", "kind": "LEGAL", "share": 100}
                """.formatted(company("cb", "Costa Brava Inversiones SL", "ES", spanish), wallet));
        // Morocco tells others only that it holds something (POINTER), and releases the notice to Spain alone.
        moroccan = publish("MA-DGSN", "MED", "RESTRICTED", "[\"MA-DGSN\", \"" + SPAIN + "\"]", "DGSN-MRK-2026-77",
                "MONEY_LAUNDERING", "POINTER", "", """
                %s,
                {"kind": "ASSET", "value": "Appartement Hivernage, Marrakech", "ref": "a1", "asset": {"type": "REAL_ESTATE",
                  "identifiers": {"cadastralRef": "T 40123/07"}, "jurisdiction": "MA",
                  "value": {"amount": 3000000, "currency": "MAD", "date": "2026-08-01"}}}
                ], "relations": [
                {"owner": "cb", "owned": "a1", "kind": "LEGAL", "share": 100}
                """.formatted(company("cb", "Costa Brava Inversiones SL", "ES", spanish)));
        // Germany holds the company too, in a SILENT notice of a region France does not read: nobody is told.
        publish("DE-BKA", "EU-CENTRAL", "RESTRICTED", "[]", "BKA-WI-2026-5", "MONEY_LAUNDERING", "SILENT", "", """
                %s,
                {"kind": "ASSET", "value": "Wohnung Frankfurt-Westend", "ref": "f1", "asset": {"type": "REAL_ESTATE",
                  "identifiers": {"cadastralRef": "FFM 1234/5"}, "jurisdiction": "DE",
                  "value": {"amount": 1500000, "currency": "EUR", "date": "2026-07-01"}}}
                ], "relations": [
                {"owner": "cb", "owned": "f1", "kind": "LEGAL", "share": 100}
                """.formatted(company("cb", "Costa Brava Inversiones SL", "ES", spanish)));
    }

    @Test
    void traceWhenAnalystMayReadTheChainThenEveryAssetAndTotalsOfWhatTheyReadOnly() throws Exception {
        String claire = keycloak.passwordGrant("claire.martin", "demo");
        JsonNode trace = awaitTrace(claire, t -> t.path("assets").size() == 6);

        assertThat(labels(trace)).containsExactlyInAnyOrder("Azur Holding Ltd", "Espèces saisies à Tanger",
                "Villa Les Oliviers, Ramatuelle", "Costa Brava Inversiones SL", "Yate Sirena", "Portefeuille Ethereum");
        JsonNode totals = trace.path("totals");
        assertThat(totals.path("count").asInt()).as("companies are links, not counted").isEqualTo(4);
        assertThat(totals.path("total").decimalValue()).isEqualByComparingTo("7100000");
        assertThat(totals.path("attributable").decimalValue()).as("villa 100 %, yacht and wallet 60 %")
                .isEqualByComparingTo("5220000");
        assertThat(totals.path("byStatus").path("FROZEN").decimalValue()).isEqualByComparingTo("4200000");
        assertThat(totals.path("byJurisdiction").path("MT").decimalValue()).isEqualByComparingTo("4200000");
        assertThat(totals.path("missingRates").toString()).contains("no rate for MAD");
        JsonNode yacht = asset(trace, "Yate Sirena");
        assertThat(yacht.path("share").decimalValue()).isEqualByComparingTo("60");
        assertThat(yacht.path("status").asText()).isEqualTo("FROZEN");
        assertThat(yacht.path("chain").toString()).contains("Karim BENALI", "Costa Brava Inversiones SL");

        // Morocco's notice is not releasable to France: a pointer to its holder, nothing of what it holds.
        assertThat(trace.path("pointers")).anySatisfy(p -> {
            assertThat(p.path("holderAgency").asText()).isEqualTo("MA-DGSN");
            assertThat(p.path("caseRef").asText()).isEqualTo("DGSN-MRK-2026-77");
            assertThat(p.path("key").asText()).isEqualTo("COMPANY:ES:" + spanish);
        });
        assertThat(trace.toString()).doesNotContain("Hivernage").doesNotContain("3000000").doesNotContain(moroccan.toString());
        assertThat(trace.path("pointers")).noneSatisfy(p -> assertThat(p.path("holderAgency").asText()).isEqualTo("DE-BKA"));
        assertThat(trace.toString()).doesNotContain("Frankfurt").doesNotContain("1500000").doesNotContain("BKA-WI");

        // The same trace as a spreadsheet for the asset recovery office's file: the same assets, nothing more.
        HttpResponse<byte[]> xlsx = http.send(HttpRequest.newBuilder(api(path(french, "p1", "").replace("/assets?",
                "/assets/export?format=xlsx&"))).header("Authorization", "Bearer " + claire).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElseThrow()).contains("assets-" + french + "-p1.xlsx");
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
            var sheet = workbook.getSheet("Assets");
            List<String> exported = new java.util.ArrayList<>();
            for (int row = 1; row <= sheet.getLastRowNum(); row++) {
                exported.add(sheet.getRow(row).getCell(0).getStringCellValue());
            }
            assertThat(exported).containsExactlyInAnyOrderElementsOf(labels(trace));
        }
        HttpResponse<String> csv = fetch(claire, path(french, "p1", "").replace("/assets?", "/assets/export?format=csv&"));
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).contains("Yate Sirena").doesNotContain("Hivernage");
    }

    @Test
    void traceWhenAnalystMayNotReadTheConfidentialNoticeThenItsAssetIsInNoTotal() throws Exception {
        String restricted = analystClientToken("it-assets-fr-restricted", "FR-DGPN", List.of("EU-WEST", "MED"),
                "RESTRICTED", "OCRGDF-2026-0412");
        // The same chain, once every notice is in: the yacht, read from Spain's notice, proves the walk got there.
        JsonNode trace = awaitTrace(restricted, t -> labels(t).contains("Yate Sirena"));
        awaitTrace(keycloak.passwordGrant("claire.martin", "demo"), t -> t.path("assets").size() == 6);
        trace = trace(restricted, french, "p1", "");

        assertThat(labels(trace)).doesNotContain("Portefeuille Ethereum");
        assertThat(trace.path("totals").path("total").decimalValue()).isEqualByComparingTo("6600000");
        assertThat(trace.path("totals").path("byType").has("CRYPTO_WALLET")).isFalse();
        assertThat(trace.toString()).doesNotContain(wallet).doesNotContain("500000").doesNotContain(confidential.toString());
    }

    @Test
    void traceWhenNoticeNotReadableOrRefWrongThenNotFoundOrProblem() throws Exception {
        String claire = keycloak.passwordGrant("claire.martin", "demo");
        awaitTrace(claire, t -> t.path("assets").size() > 0);

        assertThat(fetch(claire, path(moroccan, "cb", "&depth=3")).statusCode()).as("not releasable to FR-DGPN").isEqualTo(404);
        HttpResponse<String> vessel = fetch(claire, path(french, "v1", ""));
        assertThat(vessel.statusCode()).isEqualTo(400);
        assertThat(vessel.body()).contains("only a person, an organisation or a company owns assets");
        assertThat(fetch(claire, path(french, "p1", "&depth=9")).body()).contains("depth must be between 1 and 6");
        assertThat(fetch(claire, path(french, "p1", "&currency=EURO")).statusCode()).isEqualTo(400);
        assertThat(fetch(claire, "/api/v1/notices/" + french + "/entities/p1/assets").statusCode()).as("no purpose").isEqualTo(400);
    }

    @Test
    void hitWhenTwoAgenciesNameTheSameImoThenBothTold() throws Exception {
        String claire = keycloak.passwordGrant("claire.martin", "demo");
        String lucia = analystClientToken("it-assets-es-gc", SPAIN, List.of("EU-WEST", "MED"), "CONFIDENTIAL", "UDEF-2026-118");
        String key = imo.substring(3);
        await("the IMO hit told to France (alerts so far)").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> alerts(claire).stream().map(JsonNode::toString).toList(), seen -> seen.stream()
                        .anyMatch(a -> a.contains("\"entityKind\":\"IMO\"") && a.contains("\"entityValue\":\"" + key + "\"")
                                && a.contains("\"otherAgency\":\"" + SPAIN + "\"")));
        await("the IMO hit told to Spain (alerts so far)").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> alerts(lucia).stream().map(JsonNode::toString).toList(), seen -> seen.stream()
                        .anyMatch(a -> a.contains("\"entityKind\":\"IMO\"") && a.contains("\"entityValue\":\"" + key + "\"")
                                && a.contains("\"otherAgency\":\"FR-DGPN\"")));
    }

    @Test
    void requestWhenTwoAgenciesInTwoRegionsReplyThenTheRequesterReadsTheRepliesAndTracesTheirAssets() throws Exception {
        String born = "19" + (50 + random.nextInt(40)) + "-1" + random.nextInt(3) + "-2" + random.nextInt(8);
        String subject = "{\"kind\": \"PERSON\", \"value\": \"Rachid EL MANSOURI\", \"attributes\": {\"birthDate\": \"" + born
                + "\"}, \"ref\": \"s1\"}";
        UUID request = publish("FR-DGPN", "EU-WEST", "RESTRICTED", "[]", "AGRASC-2026-0042", "ASSET_TRACING", "FULL", """
                "request": {"grounds": "Confiscation élargie (art. 131-21 C. pén.) : avoirs détenus à l'étranger ?",
                            "jurisdictions": ["ES", "MA"], "replyBy": "2027-01-31"},
                """, subject);
        UUID spanish = publish(SPAIN, "EU-WEST", "RESTRICTED", "[\"" + SPAIN + "\", \"FR-DGPN\"]", "ORGA-2026-0311",
                "ASSET_TRACING", "FULL", "\"replyTo\": \"" + request + "\",", """
                %s,
                {"kind": "ASSET", "value": "Villa en Marbella", "ref": "v1", "asset": {"type": "REAL_ESTATE",
                  "identifiers": {"cadastralRef": "9872023 UF3497S"}, "jurisdiction": "ES",
                  "value": {"amount": 1200000, "currency": "EUR", "date": "2026-12-01"}}}
                ], "relations": [{"owner": "s1", "owned": "v1", "kind": "LEGAL", "share": 100}
                """.formatted(subject));
        String vin = "VF1RFB00X" + (10_000_000 + random.nextInt(89_999_999));
        UUID moroccan = publish("MA-DGSN", "MED", "RESTRICTED", "[\"MA-DGSN\", \"FR-DGPN\"]", "DGSN-TNG-2026-19",
                "ASSET_TRACING", "FULL", "\"replyTo\": \"" + request + "\",", """
                %s,
                {"kind": "ASSET", "value": "Range Rover Sport", "ref": "c1", "asset": {"type": "VEHICLE",
                  "identifiers": {"vin": "%s", "plate": "12345-A-40"}, "jurisdiction": "MA",
                  "value": {"amount": 85000, "currency": "EUR", "date": "2026-11-30"}}}
                ], "relations": [{"owner": "s1", "owned": "c1", "kind": "LEGAL", "share": 100}
                """.formatted(subject, vin));

        String claire = keycloak.passwordGrant("claire.martin", "demo");
        JsonNode replies = await("both replies listed (last answer)").atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500)).until(() -> JSON.readTree(fetch(claire, "/api/v1/notices/" + request
                        + "/replies?purpose=AGRASC-2026-0042").body()), list -> list.size() == 2);
        assertThat(StreamSupport.stream(replies.spliterator(), false).map(r -> r.path("noticeId").asText()))
                .containsExactlyInAnyOrder(spanish.toString(), moroccan.toString());
        assertThat(replies.get(0).path("replyTo").asText()).isEqualTo(request.toString());
        JsonNode asked = JSON.readTree(fetch(claire, "/api/v1/notices/" + request + "?purpose=AGRASC-2026-0042").body());
        assertThat(asked.path("request").path("jurisdictions").toString()).isEqualTo("[\"ES\",\"MA\"]");

        JsonNode trace = JSON.readTree(fetch(claire, path(request, "s1", "")).body());
        assertThat(labels(trace)).containsExactlyInAnyOrder("Villa en Marbella", "Range Rover Sport");
        assertThat(trace.path("totals").path("total").decimalValue()).isEqualByComparingTo("1285000");

        // Belgium reads the request (EU-WEST, releasable to all) but neither reply: they were released to France only.
        String luc = keycloak.passwordGrant("luc.peeters", "demo");
        assertThat(JSON.readTree(fetch(luc, "/api/v1/notices/" + request + "/replies?purpose=PJF-2026-7").body())).isEmpty();
        assertThat(labels(JSON.readTree(fetch(luc, path(request, "s1", "")).body()))).isEmpty();
    }

    private JsonNode awaitTrace(String token, java.util.function.Predicate<JsonNode> ready) {
        return await("the trace once the notices are indexed (last answer)").atMost(Duration.ofSeconds(90))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                .until(() -> trace(token, french, "p1", ""), ready);
    }

    private JsonNode trace(String token, UUID notice, String ref, String more) throws Exception {
        HttpResponse<String> response = fetch(token, path(notice, ref, more));
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }

    private static String path(UUID notice, String ref, String more) {
        return "/api/v1/notices/" + notice + "/entities/" + ref + "/assets?purpose=OCRGDF-2026-0412" + more;
    }

    private static List<String> labels(JsonNode trace) {
        return StreamSupport.stream(trace.path("assets").spliterator(), false).map(a -> a.path("label").asText()).toList();
    }

    private static JsonNode asset(JsonNode trace, String label) {
        return StreamSupport.stream(trace.path("assets").spliterator(), false)
                .filter(a -> a.path("label").asText().equals(label)).findFirst().orElseThrow();
    }

    private List<JsonNode> alerts(String token) throws Exception {
        HttpResponse<String> response = fetch(token, "/api/v1/alerts?limit=500");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(response.body()).spliterator(), false).toList();
    }

    private UUID publish(String agency, String region, String classification, String releasableTo, String caseRef,
                         String entitiesAndRelations) throws Exception {
        return publish(agency, region, classification, releasableTo, caseRef, "MONEY_LAUNDERING", "FULL", "",
                entitiesAndRelations);
    }

    /** @param head more top-level members, each followed by a comma (a tracing request, a reply's {@code replyTo}) */
    private UUID publish(String agency, String region, String classification, String releasableTo, String caseRef,
                         String type, String dissemination, String head, String entitiesAndRelations) throws Exception {
        // Registered, if new, as the other tests of this JVM register it (DE-BKA is a member of EU-CENTRAL only).
        KeyCredential credential = TestEnvelopes.agency(trust, agency,
                agency.equals("DE-BKA") ? Set.of("EU-CENTRAL") : Set.of("EU-WEST", "MED"));
        UUID id = UUID.randomUUID();
        String json = """
                {"noticeId": "%s", "originAgency": "%s", "region": "%s", "type": "%s", %s
                 "title": "Chaîne de sociétés écrans — %s", "language": "fr", "issuedAt": "2026-11-28T10:00:00Z",
                 "classification": "%s", "handlingCode": "H1", "tlp": "AMBER", "releasableTo": %s, "dissemination": "%s",
                 "caseRef": "%s", "entities": [
                %s
                ]}
                """.formatted(id, agency, region, type, head, caseRef, classification, releasableTo, dissemination, caseRef,
                entitiesAndRelations);
        publishAsFeed("feed-" + agency.toLowerCase(), agency.equals(SPAIN) ? spainSecret : "demo-secret-" + agency.toLowerCase(),
                region, json, credential);
        return id;
    }

    private static String company(String ref, String name, String country, String number) {
        return """
                {"kind": "ASSET", "value": "%s", "ref": "%s", "asset": {"type": "COMPANY",
                  "identifiers": {"companyNumber": "%s"}, "jurisdiction": "%s"}}""".formatted(name, ref, number, country);
    }

    /** A random IMO number with its check digit (weights 7 to 2, mod 10). */
    private String imo() {
        int[] digits = new int[6];
        int sum = 0;
        StringBuilder imo = new StringBuilder("IMO");
        for (int i = 0; i < 6; i++) {
            digits[i] = i == 0 ? 9 : random.nextInt(10);
            sum += digits[i] * (7 - i);
            imo.append(digits[i]);
        }
        return imo.append(sum % 10).toString();
    }

    private String wallet() {
        StringBuilder hex = new StringBuilder("0x");
        for (int i = 0; i < 40; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }
}
