package eu.synergie.core.notice;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoticeJsonTest {

    static final String VALID = """
            {"noticeId":"6f1c2b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b","originAgency":"FR-DGPN","region":"EU-WEST",
             "type":"WANTED_PERSON","title":"Évadé de la maison d'arrêt","summary":"…","language":"fr",
             "issuedAt":"2026-11-28T10:00:00Z","validUntil":"2027-11-28T00:00:00Z","classification":"RESTRICTED",
             "handlingCode":"H2","handlingNote":null,"tlp":"AMBER+STRICT","releasableTo":[],"dissemination":"POINTER",
             "sourceReliability":"B","infoReliability":"2","caseRef":"PJ-1",
             "entities":[{"kind":"PHONE","value":"+33612345678"}]}
            """;

    @Test
    void readWhenValidThenAllFields() {
        Notice notice = NoticeJson.read(bytes(VALID));
        assertThat(notice.markings().tlp()).isEqualTo(Tlp.AMBER_STRICT);
        assertThat(notice.region()).isEqualTo("EU-WEST");
        assertThat(notice.entities()).singleElement().extracting(Entity::kind).isEqualTo(EntityKind.PHONE);
    }

    @Test
    void writeWhenReadBackThenTheSameNotice() {
        Notice notice = NoticeJson.read(bytes(VALID));
        assertThat(NoticeJson.read(NoticeJson.write(notice))).isEqualTo(notice);
    }

    @Test
    void readWhenFederationListedThenMarkedAndWrittenBackSorted() {
        Notice notice = NoticeJson.read(bytes(VALID.replace("\"dissemination\":\"POINTER\",",
                "\"dissemination\":\"POINTER\",\"federation\":[\"EXCH-WAF\",\"EXCH-MED\"],")));
        assertThat(notice.markings().federation()).containsExactlyInAnyOrder("EXCH-MED", "EXCH-WAF");
        assertThat(new String(NoticeJson.write(notice), StandardCharsets.UTF_8)).contains("\"federation\":[\"EXCH-MED\",\"EXCH-WAF\"]");
        assertThat(new String(NoticeJson.write(NoticeJson.read(bytes(VALID))), StandardCharsets.UTF_8)).doesNotContain("\"federation\":[");
        assertThatThrownBy(() -> NoticeJson.read(bytes(VALID.replace("\"dissemination\":\"POINTER\",",
                "\"dissemination\":\"POINTER\",\"federation\":[\"exch med\"],"))))
                .hasMessageContaining("federation must hold peer exchange names");
    }

    @Test
    void writeWhenSetsAndAttributesGivenInAnyOrderThenSortedAndTheSameBytes() {
        List<String> agencies = List.of("NL-NP", "BE-PJF", "ES-CNP", "DE-BKA", "IT-DCSA", "AT-BK", "PT-PJ", "FR-DGPN");
        List<String> keys = List.of("nationality", "birthDate", "alias", "height", "eyes", "zip", "city", "born");
        Notice forwards = withReleasabilityAndAttributes(agencies, keys);
        Notice backwards = withReleasabilityAndAttributes(agencies.reversed(), keys.reversed());

        String json = new String(NoticeJson.write(forwards), StandardCharsets.UTF_8);

        assertThat(NoticeJson.write(backwards)).isEqualTo(NoticeJson.write(forwards));
        assertThat(json).contains("\"releasableTo\":[" + agencies.stream().sorted().map(a -> "\"" + a + "\"")
                .collect(Collectors.joining(",")) + "]");
        assertThat(json).contains("\"attributes\":{" + keys.stream().sorted().map(k -> "\"" + k + "\":\"" + k + "\"")
                .collect(Collectors.joining(",")) + "}");
    }

    private static Notice withReleasabilityAndAttributes(List<String> agencies, List<String> keys) {
        Notice valid = NoticeJson.read(bytes(VALID));
        Map<String, String> attributes = new LinkedHashMap<>();
        keys.forEach(k -> attributes.put(k, k));
        Markings m = valid.markings();
        return new Notice(valid.noticeId(), valid.type(), valid.title(), valid.summary(), valid.language(),
                valid.issuedAt(), valid.validUntil(), new Markings(m.region(), m.originAgency(), m.classification(),
                m.handlingCode(), m.handlingNote(), m.tlp(), new LinkedHashSet<>(agencies), m.dissemination()),
                valid.sourceReliability(), valid.infoReliability(), valid.caseRef(),
                List.of(new Entity(EntityKind.PERSON, "Jean DUPONT", attributes)));
    }

    @Test
    void readWhenUnknownFieldThenRefusedNamingIt() {
        assertThatThrownBy(() -> NoticeJson.read(bytes(VALID.replace("\"caseRef\"", "\"caseReference\""))))
                .isInstanceOf(InvalidNoticeException.class).hasMessageContaining("caseReference");
    }

    @Test
    void readWhenTlpUnknownThenRefusedNamingTheField() {
        assertThatThrownBy(() -> NoticeJson.read(bytes(VALID.replace("AMBER+STRICT", "ORANGE"))))
                .isInstanceOf(InvalidNoticeException.class).hasMessageContaining("tlp must be one of");
    }

    @Test
    void readWhenRedWithoutRecipientsThenRefused() {
        assertThatThrownBy(() -> NoticeJson.read(bytes(VALID.replace("AMBER+STRICT", "RED"))))
                .isInstanceOf(InvalidNoticeException.class).hasMessageContaining("TLP:RED needs a non-empty releasableTo");
    }

    @Test
    void readWhenH3WithoutNoteThenRefused() {
        assertThatThrownBy(() -> NoticeJson.read(bytes(VALID.replace("\"H2\"", "\"H3\""))))
                .isInstanceOf(InvalidNoticeException.class).hasMessageContaining("handlingNote is required");
    }

    @Test
    void readWhenMissingRegionThenRefused() {
        assertThatThrownBy(() -> NoticeJson.read(bytes(VALID.replace("\"region\":\"EU-WEST\",", ""))))
                .isInstanceOf(InvalidNoticeException.class).hasMessage("region is required");
    }

    @Test
    void readWhenNotJsonThenRefused() {
        assertThatThrownBy(() -> NoticeJson.read(bytes("<notice/>"))).isInstanceOf(InvalidNoticeException.class)
                .hasMessageStartingWith("notice is not valid JSON");
    }

    @Test
    void readWhenValueOfWrongShapeThenReasonNamesWhereButNotTheValue() {
        String wrongShape = VALID.replace("{\"kind\":\"PHONE\",\"value\":\"+33612345678\"}",
                "{\"kind\":\"PHONE\",\"value\":[\"Jean Dupont né le 01/02/1980\"]}");
        assertThatThrownBy(() -> NoticeJson.read(bytes(wrongShape))).isInstanceOf(InvalidNoticeException.class)
                .hasMessageContaining("at entities[0].value").hasMessageNotContaining("Dupont");
    }

    @Test
    void readWhenMalformedJsonThenReasonGivesThePositionButNotTheText() {
        String malformed = VALID.replace("\"caseRef\":\"PJ-1\"", "\"caseRef\":PJ-secret-1");
        assertThatThrownBy(() -> NoticeJson.read(bytes(malformed))).isInstanceOf(InvalidNoticeException.class)
                .hasMessageContaining("malformed JSON").hasMessageContaining("line ").hasMessageNotContaining("secret");
    }

    @Test
    void readWhenValidUntilBeforeIssuedThenRefused() {
        assertThatThrownBy(() -> NoticeJson.read(bytes(VALID.replace("2027-11-28T00:00:00Z", "2025-01-01T00:00:00Z"))))
                .hasMessage("validUntil must be after issuedAt");
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
