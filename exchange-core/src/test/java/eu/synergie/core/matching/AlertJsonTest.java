package eu.synergie.core.matching;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Tlp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The alerts' JSON on {@code synergie.alerts}: one object per kind, named by {@code kind}, with that kind's fields only. */
class AlertJsonTest {

    private static final Instant AT = Instant.parse("2026-11-29T08:00:00Z");
    private static final Markings MINE = new Markings("EU-WEST", "FR-DGPN", Classification.RESTRICTED, HandlingCode.H1, null,
            Tlp.AMBER, Set.of(), Dissemination.FULL);
    private static final Markings THEIRS = new Markings("EU-WEST", "ES-CNP", Classification.CONFIDENTIAL, HandlingCode.H2, null,
            Tlp.GREEN, Set.of("FR-DGPN"), Dissemination.POINTER);
    private static final UUID NOTICE = UUID.fromString("0b7f3c52-6d1e-4f0a-9a63-2f5d8e4c1a01");
    private static final UUID OTHER = UUID.fromString("0b7f3c52-6d1e-4f0a-9a63-2f5d8e4c1a02");

    static final Alert.Hit HIT = new Alert.Hit("h1", "FR-DGPN", AT, NOTICE, MINE, "IBAN", "FR7630006000011234567890189",
            Alert.Form.FULL, OTHER, "ES-CNP", THEIRS, "REF-ES");
    static final Alert.WatchlistMatch WATCH = new Alert.WatchlistMatch("w1", "FR-DGPN", "claire.martin", AT, NOTICE, MINE,
            "PHONE", "+33 6 12 34 56 78", "BE-PJF", "list-1", "Go-fast A7");
    static final Alert.OverCorrelation OVER = new Alert.OverCorrelation("o1", "FR-DGPN", AT, NOTICE, MINE, "IBAN",
            "FR7630006000011234567890189", 26);

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void writeThenReadWhenEachKindThenEqual() {
        for (Alert alert : List.of(HIT, HIT.asPointer(), WATCH, OVER)) {
            assertThat(MatchingJson.readAlert(MatchingJson.writeAlert(alert))).isEqualTo(alert);
        }
    }

    @Test
    void writeWhenHitThenKindAndTheHitsFieldsOnly() {
        JsonNode node = json.readTree(MatchingJson.writeAlert(HIT));

        assertThat(node.path("kind").asString()).isEqualTo("HIT");
        assertThat(node.propertyNames()).containsExactlyInAnyOrder("kind", "id", "recipientAgency", "at", "noticeId", "markings",
                "entityKind", "entityValue", "form", "otherNoticeId", "otherAgency", "otherMarkings", "contactRef");
        assertThat(node.path("form").asString()).isEqualTo("FULL");
        assertThat(node.path("otherNoticeId").asString()).isEqualTo(OTHER.toString());
    }

    @Test
    void writeWhenWatchlistMatchThenNoHitFields() {
        JsonNode node = json.readTree(MatchingJson.writeAlert(WATCH));

        assertThat(node.path("kind").asString()).isEqualTo("WATCHLIST");
        assertThat(node.propertyNames()).containsExactlyInAnyOrder("kind", "id", "recipientAgency", "recipientSubject", "at",
                "noticeId", "markings", "entityKind", "entityValue", "originAgency", "watchlistId", "watchlistName");
    }

    @Test
    void writeWhenOverCorrelationThenHowManyShareTheValue() {
        JsonNode node = json.readTree(MatchingJson.writeAlert(OVER));

        assertThat(node.path("kind").asString()).isEqualTo("OVER_CORRELATION");
        assertThat(node.path("sharedBy").asLong()).isEqualTo(26);
        assertThat(node.has("form")).isFalse();
        assertThat(node.has("watchlistId")).isFalse();
    }

    @Test
    void readWhenKindUnknownOrMissingOrFieldsOfAnotherKindThenRefused() {
        String hit = new String(MatchingJson.writeAlert(HIT), StandardCharsets.UTF_8);

        assertThatIllegalArgumentException().isThrownBy(() -> MatchingJson.readAlert(
                hit.replace("\"kind\":\"HIT\"", "\"kind\":\"RUMOUR\"").getBytes(StandardCharsets.UTF_8)));
        assertThatIllegalArgumentException().isThrownBy(() -> MatchingJson.readAlert(
                hit.replace("\"kind\":\"HIT\",", "").getBytes(StandardCharsets.UTF_8)));
        assertThatIllegalArgumentException().as("a hit without its form").isThrownBy(() -> MatchingJson.readAlert(
                hit.replace("\"kind\":\"HIT\"", "\"kind\":\"OVER_CORRELATION\"").replace("\"form\":\"FULL\",", "")
                        .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void asPointerWhenHitThenTheOtherNoticeAndItsMarkingsAreGone() {
        Alert.Hit pointer = HIT.asPointer();

        assertThat(pointer.form()).isEqualTo(Alert.Form.POINTER);
        assertThat(pointer.otherNoticeId()).isNull();
        assertThat(pointer.otherMarkings()).isNull();
        assertThat(pointer.otherAgency()).isEqualTo("ES-CNP");
        assertThat(pointer.contactRef()).isEqualTo("REF-ES");
    }
}
