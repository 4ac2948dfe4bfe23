package eu.synergie.gateway.api;

import eu.synergie.core.matching.Alert;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Tlp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerts as {@code GET /api/v1/alerts} answers them: one flat object whatever the kind, the same members (other
 * kinds' set to null) and values as before the alert became a sealed type, as the committed OpenAPI document says; a
 * rise's numbers in {@code rise}, null for the other kinds.
 */
class AlertViewTest {

    private static final Instant AT = Instant.parse("2026-11-29T08:00:00Z");
    private static final Markings MINE = new Markings("EU-WEST", "FR-DGPN", Classification.RESTRICTED, HandlingCode.H1, null,
            Tlp.AMBER, Set.of(), Dissemination.FULL);
    private static final UUID NOTICE = UUID.fromString("0b7f3c52-6d1e-4f0a-9a63-2f5d8e4c1a01");
    private static final UUID OTHER = UUID.fromString("0b7f3c52-6d1e-4f0a-9a63-2f5d8e4c1a02");
    private static final String[] MEMBERS = {"id", "kind", "at", "noticeId", "entityKind", "entityValue", "form", "otherNoticeId",
            "otherAgency", "contactRef", "watchlistId", "watchlistName", "sharedBy", "rise"};

    private final JsonMapper json = JsonMapper.builder().build();

    private JsonNode view(Alert alert) {
        return json.readTree(json.writeValueAsString(AlertController.AlertView.of(alert)));
    }

    @Test
    void ofWhenHitThenNamedOrPointerAndNoWatchlistOrCount() {
        Alert.Hit hit = new Alert.Hit("h1", "FR-DGPN", AT, NOTICE, MINE, "IBAN", "FR7630006000011234567890189", Alert.Form.FULL,
                OTHER, "ES-CNP", MINE, "REF-ES");

        JsonNode full = view(hit);
        JsonNode pointer = view(hit.asPointer());

        assertThat(full.propertyNames()).containsExactlyInAnyOrder(MEMBERS);
        assertThat(full.path("kind").asString()).isEqualTo("HIT");
        assertThat(full.path("form").asString()).isEqualTo("FULL");
        assertThat(full.path("otherNoticeId").asString()).isEqualTo(OTHER.toString());
        assertThat(full.path("otherAgency").asString()).isEqualTo("ES-CNP");
        assertThat(full.path("contactRef").asString()).isEqualTo("REF-ES");
        assertThat(full.path("watchlistId").isNull()).isTrue();
        assertThat(full.path("sharedBy").isNull()).isTrue();
        assertThat(pointer.path("form").asString()).isEqualTo("POINTER");
        assertThat(pointer.path("otherNoticeId").isNull()).isTrue();
    }

    @Test
    void ofWhenWatchlistMatchThenFullFormAndThePublisherAsOtherAgency() {
        JsonNode view = view(new Alert.WatchlistMatch("w1", "FR-DGPN", "claire.martin", AT, NOTICE, MINE, "PHONE",
                "+33 6 12 34 56 78", "BE-PJF", "list-1", "Go-fast A7"));

        assertThat(view.propertyNames()).containsExactlyInAnyOrder(MEMBERS);
        assertThat(view.path("kind").asString()).isEqualTo("WATCHLIST");
        assertThat(view.path("form").asString()).isEqualTo("FULL");
        assertThat(view.path("otherAgency").asString()).isEqualTo("BE-PJF");
        assertThat(view.path("watchlistId").asString()).isEqualTo("list-1");
        assertThat(view.path("watchlistName").asString()).isEqualTo("Go-fast A7");
        assertThat(view.path("noticeId").asString()).isEqualTo(NOTICE.toString());
        assertThat(view.path("otherNoticeId").isNull()).isTrue();
        assertThat(view.path("sharedBy").isNull()).isTrue();
    }

    @Test
    void ofWhenOverCorrelationThenTheCountAndNoForm() {
        JsonNode view = view(new Alert.OverCorrelation("o1", "FR-DGPN", AT, NOTICE, MINE, "IBAN", "FR7630006000011234567890189", 26));

        assertThat(view.propertyNames()).containsExactlyInAnyOrder(MEMBERS);
        assertThat(view.path("kind").asString()).isEqualTo("OVER_CORRELATION");
        assertThat(view.path("sharedBy").asLong()).isEqualTo(26);
        assertThat(view.path("form").isNull()).isTrue();
        assertThat(view.path("otherAgency").isNull()).isTrue();
    }

    @Test
    void ofWhenTrendRiseThenItsNumbersAndNoNotice() {
        JsonNode view = view(new Alert.TrendRise("t1", "FR-DGPN", "claire.martin", AT, "list-2", "Hausses", "EU-WEST",
                "CYBERCRIME", "2026-W48", 8, 0.75, 6, 0.001, 8, Classification.RESTRICTED));

        assertThat(view.propertyNames()).containsExactlyInAnyOrder(MEMBERS);
        assertThat(view.path("kind").asString()).isEqualTo("TREND");
        assertThat(view.path("noticeId").isNull()).isTrue();
        assertThat(view.path("watchlistName").asString()).isEqualTo("Hausses");
        assertThat(view.path("rise").path("region").asString()).isEqualTo("EU-WEST");
        assertThat(view.path("rise").path("observed").asLong()).isEqualTo(8);
        assertThat(view.path("rise").path("threshold").asLong()).isEqualTo(6);
        assertThat(view.path("rise").path("expected").asDouble()).isEqualTo(0.75);
    }
}
