package eu.synergie.gateway;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.trends.Period;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.infra.SharedStack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Early warning end to end, in a region of its own (EU-EAST, which no other test publishes to): eight weeks of two arms
 * trafficking notices a week, then sixteen in the last complete week, beside a flat corruption series; three agencies name
 * one phone within the month. The drugs rise fires one alert, for the analyst of the region who watches rises, and none
 * for an analyst of another region who watches them too; the flat series does not fire; the phone emerges, the person
 * the three also name does not (values, never persons).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrendsIT extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REGION = "EU-EAST";
    private static final List<String> AGENCIES = List.of("PL-TREND", "CZ-TREND", "SK-TREND");
    private static final String PURPOSE = "VEILLE-2026-49";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SplittableRandom random = new SplittableRandom();
    private final String phone = "+48601" + (100_000 + random.nextInt(899_999));
    private String east;
    private String west;

    @BeforeAll
    void publishWeeks() throws Exception {
        awayFromTheWeeksTurn();
        List<Notice> notices = new ArrayList<>();
        Instant now = Instant.now();
        Instant judged = Period.WEEK.previousStart(now);
        Instant week = judged;
        for (int i = 0; i < 8; i++) {
            week = Period.WEEK.previousStart(week);
            for (int n = 0; n < 2; n++) {
                notices.add(notice(AGENCIES.get(n), NoticeType.DRUG_TRAFFICKING, week.plus(1 + n, ChronoUnit.DAYS), List.of()));
            }
            for (int n = 0; n < 3; n++) {
                notices.add(notice(AGENCIES.get(n), NoticeType.CORRUPTION, week.plus(2 + n, ChronoUnit.DAYS), List.of()));
            }
        }
        String birthDate = "1979-03-" + (10 + random.nextInt(18));
        String passport = "EW" + (1_000_000 + random.nextInt(8_999_999));
        for (int n = 0; n < 16; n++) {
            // The three agencies each name the phone, one person (by name and birth date) and his passport in the week
            // judged: the phone emerges, the person and the passport never do.
            List<Entity> entities = n < 3 ? List.of(new Entity(EntityKind.PHONE, phone, Map.of()),
                    new Entity(EntityKind.PERSON, "Tomasz NOWAK", Map.of("birthDate", birthDate)),
                    new Entity(EntityKind.IDENTITY_DOCUMENT, passport, Map.of("type", "PASSPORT", "country", "PL")))
                    : List.of();
            notices.add(notice(AGENCIES.get(n % 3), NoticeType.DRUG_TRAFFICKING, judged.plus(n * 9L, ChronoUnit.HOURS), entities));
        }
        for (int n = 0; n < 3; n++) {
            notices.add(notice(AGENCIES.get(n), NoticeType.CORRUPTION, judged.plus(2 + n, ChronoUnit.DAYS), List.of()));
        }
        Map<String, KeyCredential> credentials = new java.util.HashMap<>();
        AGENCIES.forEach(a -> credentials.put(a, TestEnvelopes.agency(trust, a, Set.of(REGION))));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(SharedStack.kafka().operator().config(Map.of("acks", "all")),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Notice notice : notices) {
                producer.send(new ProducerRecord<>("synergie.notices." + REGION, notice.noticeId().toString(),
                        TestEnvelopes.seal(new String(NoticeJson.write(notice), StandardCharsets.UTF_8),
                                credentials.get(notice.originAgency()), keys.regions().recipientCertificate(REGION).orElseThrow())));
            }
        }
        east = analystClientToken("trends-east", "PL-TREND", List.of(REGION), "RESTRICTED", PURPOSE);
        west = analystClientToken("trends-west", "PL-TREND", List.of("EU-WEST"), "RESTRICTED", PURPOSE);
        await("the weeks indexed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                StreamSupport.stream(trends(east).path("series").spliterator(), false)
                        .mapToLong(s -> StreamSupport.stream(s.path("counts").spliterator(), false).mapToLong(JsonNode::asLong).sum())
                        .sum() == notices.size());
    }

    @Test
    void trendsShowTheRiseWithItsNumbersAndTheFlatSeriesWithout() throws Exception {
        JsonNode trends = trends(east);

        JsonNode arms = series(trends, "DRUG_TRAFFICKING");
        assertThat(arms.path("verdict").asString()).isEqualTo("RISE");
        assertThat(arms.path("observed").asLong()).isEqualTo(16);
        assertThat(arms.path("expected").asDouble()).isEqualTo(2.0);
        assertThat(arms.path("threshold").asLong()).isBetween(3L, 16L);
        assertThat(arms.path("explanation").asString()).startsWith("16 notices against 2.0 expected (threshold ");
        assertThat(series(trends, "CORRUPTION").path("verdict").asString()).isEqualTo("NO_RISE");
        assertThat(trends.path("labels")).hasSize(10);

        List<JsonNode> emerging = StreamSupport.stream(trends.path("emerging").spliterator(), false).toList();
        assertThat(emerging).anySatisfy(e -> {
            assertThat(e.path("key").asString()).isEqualTo("PHONE:" + phone);
            assertThat(e.path("agencies")).hasSize(3);
        });
        assertThat(emerging).noneMatch(e -> e.path("key").asString().startsWith("PERSON:"))
                .noneMatch(e -> e.path("key").asString().startsWith("IDENTITY_DOCUMENT:"));

        assertThat(StreamSupport.stream(trends(west).path("series").spliterator(), false)
                .map(s -> s.path("region").asString())).doesNotContain(REGION);
        assertThat(fetch(east, "/api/v1/trends").statusCode()).as("the purpose is required").isEqualTo(400);
        assertThat(fetch(east, "/api/v1/trends?purpose=" + PURPOSE + "&period=day").statusCode()).isEqualTo(400);
    }

    @Test
    void aRiseAlertsTheAnalystOfTheRegionWhoWatchesRisesAndNoOneElse() throws Exception {
        watchRises(east);
        watchRises(west);

        List<JsonNode> told = await("the rise alert").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> rises(east), alerts -> !alerts.isEmpty());
        Thread.sleep(4_000); // two more checks: the rise is told once, whatever the checks
        assertThat(rises(east)).singleElement().satisfies(alert -> {
            assertThat(alert.path("rise").path("region").asString()).isEqualTo(REGION);
            assertThat(alert.path("rise").path("type").asString()).isEqualTo("DRUG_TRAFFICKING");
            assertThat(alert.path("rise").path("observed").asLong()).isEqualTo(16);
            assertThat(alert.path("rise").path("period").asString()).isEqualTo(Period.WEEK.label(Period.WEEK.previousStart(Instant.now())));
        });
        assertThat(told).hasSize(1);
        assertThat(rises(west)).noneMatch(a -> a.path("rise").path("region").asString().equals(REGION));
    }

    /**
     * The web UI's live alerts render each alert outside any request (for the stream): every kind must render there, its
     * links included (they once could not: a context-relative link needs a request).
     */
    @Test
    void liveAlertsRenderEveryKindOutsideARequest() {
        eu.synergie.core.notice.Markings markings = new Markings(REGION, "PL-TREND", Classification.RESTRICTED,
                HandlingCode.H1, null, Tlp.AMBER, Set.of(), Dissemination.FULL);
        Instant at = Instant.now();
        UUID notice = UUID.randomUUID();
        List<eu.synergie.core.matching.Alert> alerts = List.of(
                new eu.synergie.core.matching.Alert.Hit("h", "PL-TREND", at, notice, markings, "PHONE", phone,
                        eu.synergie.core.matching.Alert.Form.FULL, UUID.randomUUID(), "CZ-TREND", markings, "REF"),
                new eu.synergie.core.matching.Alert.WatchlistMatch("w", "PL-TREND", "someone", at, notice, markings, "PHONE",
                        phone, "CZ-TREND", "list", "Liste"),
                new eu.synergie.core.matching.Alert.OverCorrelation("o", "PL-TREND", at, notice, markings, "PHONE", phone, 30),
                new eu.synergie.core.matching.Alert.TrendRise("t", "PL-TREND", "someone", at, "list", "Hausses", REGION,
                        "DRUG_TRAFFICKING", "2026-W48", 16, 2.0, 9, 0.001, 8, Classification.RESTRICTED));
        for (java.util.Locale locale : List.of(java.util.Locale.FRENCH, java.util.Locale.ENGLISH)) {
            for (eu.synergie.core.matching.Alert alert : alerts) {
                String html = templates.process("fragments", Set.of("alert"),
                        new org.thymeleaf.context.Context(locale, Map.of("alert", alert)));
                assertThat(html).as(alert.kind() + " in " + locale).contains(
                        alert.kind() == eu.synergie.core.matching.Alert.Kind.OVER_CORRELATION ? "30" : "href=\"/ui/");
            }
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    private org.thymeleaf.ITemplateEngine templates;

    private void watchRises(String token) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(api("/api/v1/watchlists"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Hausses de ma région\", \"rises\": true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("rises").asBoolean()).isTrue();
    }

    private List<JsonNode> rises(String token) throws Exception {
        HttpResponse<String> response = fetch(token, "/api/v1/alerts?limit=500");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(response.body()).spliterator(), false)
                .filter(a -> a.path("kind").asString().equals("TREND")).toList();
    }

    private JsonNode trends(String token) throws Exception {
        HttpResponse<String> response = fetch(token, "/api/v1/trends?period=week&purpose=" + PURPOSE);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode series(JsonNode trends, String type) {
        return StreamSupport.stream(trends.path("series").spliterator(), false)
                .filter(s -> s.path("region").asString().equals(REGION) && s.path("type").asString().equals(type))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " series in " + trends));
    }

    private static Notice notice(String agency, NoticeType type, Instant issuedAt, List<Entity> entities) {
        Markings markings = new Markings(REGION, agency, Classification.RESTRICTED, HandlingCode.H1, null, Tlp.AMBER, Set.of(),
                Dissemination.FULL);
        return new Notice(UUID.randomUUID(), type, "Dossier " + type.name().toLowerCase() + " " + agency,
                "Notice de test des tendances.", "pl", issuedAt, Instant.now().plus(365, ChronoUnit.DAYS), markings, "B", "2",
                agency + "-2026-" + UUID.randomUUID().toString().substring(0, 6), entities, List.of(), 1, NoticeStatus.ACTIVE);
    }
}
