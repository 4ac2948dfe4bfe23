package eu.synergie.core.notice;

import eu.synergie.core.matching.MatchKeys;
import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Protected persons in the notice: pseudonyms only, no attributes, no correlation; the pseudonym's properties. */
class ProtectedPersonNoticeTest {

    private static final SecretKeySpec KEY = key(7);
    private static final String WITNESS = Pseudonyms.of(ProtectedRole.WITNESS, KEY, "OCRTEH-2026-0311", "T-118");
    private static final String CASE = """
            {"noticeId":"6f1d2b9a-58c4-4a0e-9f3b-2c7d8e9a1b04","originAgency":"FR-DGPN","region":"EU-WEST",
             "type":"TRAFFICKING_HUMAN_BEINGS","title":"Réseau de traite entre Lyon et Anvers","language":"fr",
             "issuedAt":"2026-11-28T10:00:00Z","classification":"RESTRICTED","handlingCode":"H1","tlp":"AMBER",
             "releasableTo":[],"dissemination":"FULL","caseRef":"OCRTEH-2026-0311",
             "entities":[
               {"kind":"PERSON","value":"Viktor MARKOV","attributes":{"birthDate":"1979-06-30"}},
               {"kind":"PERSON","value":"%s","protection":{"role":"WITNESS"}}
             ]}
            """.formatted(WITNESS);

    @Test
    void readWhenPseudonymThenProtectedAndWrittenBackTheSame() {
        Notice notice = read(CASE);
        Entity witness = notice.entities().get(1);

        assertThat(witness.protection()).isEqualTo(ProtectedRole.WITNESS);
        assertThat(witness.value()).isEqualTo(WITNESS).matches("W-[0-9a-f]{24}");
        assertThat(NoticeJson.read(NoticeJson.write(notice))).isEqualTo(notice);
        assertThat(new String(NoticeJson.write(read(NoticeJsonTest.VALID)), StandardCharsets.UTF_8)).doesNotContain("protection");
    }

    @Test
    void readWhenNameInTheClearOrAttributesOrLocalIdThenRefusedWithoutTheValue() {
        assertThatThrownBy(() -> read(CASE.replace(WITNESS, "Marie LECLERC")))
                .hasMessageContaining("must be a pseudonym").hasMessageNotContaining("LECLERC");
        assertThatThrownBy(() -> read(CASE.replace("\"protection\"", "\"attributes\":{\"birthDate\":\"1991-02-03\"},\"protection\"")))
                .hasMessageContaining("entities.attributes must be empty for a protected witness").hasMessageNotContaining("1991");
        assertThatThrownBy(() -> read(CASE.replace("{\"role\":\"WITNESS\"}", "{\"role\":\"WITNESS\",\"localId\":\"T-118\"}")))
                .hasMessageContaining("entities.protection.localId").hasMessageNotContaining("T-118");
        assertThatThrownBy(() -> read(CASE.replace("{\"role\":\"WITNESS\"}", "{\"role\":\"VICTIM\"}")))
                .as("a witness's pseudonym is not a victim's").hasMessageContaining("protected victim must be a pseudonym");
        assertThatThrownBy(() -> read(CASE.replace("{\"role\":\"WITNESS\"}", "{\"role\":\"SPY\"}")))
                .hasMessageContaining("entities.protection.role");
        assertThatThrownBy(() -> read(CASE.replace("\"kind\":\"PERSON\",\"value\":\"" + WITNESS, "\"kind\":\"PHONE\",\"value\":\"" + WITNESS)))
                .hasMessageContaining("entities.protection is only for a PERSON entity");
    }

    @Test
    void readWhenRefOnAProtectedPersonOrTheEarlierProtectedAttributeThenRefused() {
        assertThatThrownBy(() -> read(CASE.replace("\"protection\":{", "\"ref\":\"LECLERC_Marie\",\"protection\":{")))
                .hasMessageContaining("entities.ref is not allowed on a protected witness").hasMessageNotContaining("LECLERC");
        assertThatThrownBy(() -> read(CASE.replace("{\"birthDate\":\"1979-06-30\"}",
                "{\"birthDate\":\"1979-06-30\",\"protected\":\"true\"}")))
                .hasMessageContaining("entities.attributes.protected is no longer read");
    }

    @Test
    void matchKeysWhenProtectedThenNone() {
        Entity witness = read(CASE).entities().get(1);
        assertThat(MatchKeys.of(witness, "FR-DGPN")).isEmpty();
    }

    @Test
    void pseudonymWhenSameCaseThenSameAndWhenOtherCaseOrKeyThenOther() {
        String again = Pseudonyms.of(ProtectedRole.WITNESS, KEY, " OCRTEH-2026-0311 ", "T-118");
        String otherCase = Pseudonyms.of(ProtectedRole.WITNESS, KEY, "OCRTEH-2026-0312", "T-118");
        String otherKey = Pseudonyms.of(ProtectedRole.WITNESS, key(8), "OCRTEH-2026-0311", "T-118");
        // The parts are length-prefixed: moving characters from the case reference to the local id changes it.
        String shifted = Pseudonyms.of(ProtectedRole.WITNESS, KEY, "OCRTEH-2026-031", "1T-118");

        assertThat(again).isEqualTo(WITNESS);
        assertThat(otherCase).isNotEqualTo(WITNESS);
        assertThat(otherKey).isNotEqualTo(WITNESS);
        assertThat(shifted).isNotEqualTo(WITNESS);
        // Another role of the same person is another pseudonym: a witness is not linkable to an informant.
        assertThat(Pseudonyms.of(ProtectedRole.INFORMANT, KEY, "OCRTEH-2026-0311", "T-118"))
                .startsWith("I-").doesNotEndWith(WITNESS.substring(2));
        assertThat(Pseudonyms.isPseudonymOf(ProtectedRole.WITNESS, "WB-" + WITNESS.substring(2))).isFalse();
        assertThatThrownBy(() -> Pseudonyms.of(ProtectedRole.VICTIM, KEY, " ", "T-118")).hasMessageContaining("caseRef");
        assertThatThrownBy(() -> Pseudonyms.of(ProtectedRole.VICTIM, KEY, "C", "")).hasMessageContaining("localId");
    }

    private static SecretKeySpec key(int fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) fill);
        return new SecretKeySpec(bytes, Pseudonyms.ALGORITHM);
    }

    private static Notice read(String json) {
        return NoticeJson.read(json.getBytes(StandardCharsets.UTF_8));
    }
}
