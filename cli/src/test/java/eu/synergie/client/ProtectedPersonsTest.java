package eu.synergie.client;

import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.core.notice.ProtectedRole;
import eu.synergie.crypto.envelope.EnvelopeOpener;
import eu.synergie.crypto.pki.KeyCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The agency's side of protected persons: what is sealed holds the pseudonym and nothing that identifies the person. */
class ProtectedPersonsTest {

    private static final String VICTIM = "{\"kind\":\"PERSON\",\"value\":\"Amina KOUASSI\",\"ref\":\"v1\","
            + "\"attributes\":{\"birthDate\":\"1998-03-02\",\"nationality\":\"CI\"},"
            + "\"protection\":{\"role\":\"VICTIM\",\"localId\":\"V-2026-118\"}}";

    private final TestPki pki = new TestPki();
    private final KeyCredential euWest = pki.region("EU-WEST");
    private final KeyCredential agency = pki.agency("BE-PJF");
    private final ProtectedPersons persons = new ProtectedPersons(ProtectedPersons.newKey());

    @Test
    void sealWhenVictimInTheClearThenOnlyThePseudonymIsSealed() {
        AgencySealer sealer = new AgencySealer(agency, List.of(euWest.certificate())).withProtectedPersons(persons);

        SealedNotice sealed = sealer.seal(withVictim("PJ-2026-0412"));

        EnvelopeOpener opener = new EnvelopeOpener(pki.root.certificate(), 1 << 20, EnvelopeOpener.Originator.MUST_BE_RECIPIENT);
        String content = new String(opener.open(sealed.envelope(), List.of(euWest)).content(), StandardCharsets.UTF_8);
        assertThat(content).doesNotContain("Amina").doesNotContain("KOUASSI").doesNotContain("1998-03-02")
                .doesNotContain("V-2026-118").doesNotContain("localId").doesNotContain("\"CI\"");
        Entity victim = NoticeJson.read(content.getBytes(StandardCharsets.UTF_8)).entities().get(1);
        assertThat(victim.protection()).isEqualTo(ProtectedRole.VICTIM);
        assertThat(victim.value()).isEqualTo(persons.pseudonymOf(ProtectedRole.VICTIM, "PJ-2026-0412", "V-2026-118"));
        assertThat(victim.ref()).as("agency text: dropped").isNull();
        assertThat(victim.attributes()).isEmpty();
    }

    @Test
    void pseudonymiseWhenSameCaseThenSamePseudonymAndOtherCaseOther() {
        Entity first = entity(persons.pseudonymise(withVictim("PJ-2026-0412")));
        Entity again = entity(persons.pseudonymise(withVictim("PJ-2026-0412")));
        Entity otherCase = entity(persons.pseudonymise(withVictim("PJ-2026-0977")));
        Entity otherAgency = entity(new ProtectedPersons(ProtectedPersons.newKey()).pseudonymise(withVictim("PJ-2026-0412")));

        assertThat(again.value()).isEqualTo(first.value());
        assertThat(otherCase.value()).isNotEqualTo(first.value());
        assertThat(otherAgency.value()).isNotEqualTo(first.value());
    }

    @Test
    void pseudonymiseWhenNoProtectedPersonThenTheSameBytes() {
        byte[] json = TestNotices.notice().bytes();
        assertThat(persons.pseudonymise(json)).isSameAs(json);
    }

    @Test
    void sealWhenVictimInTheClearAndNoKeyThenRefusedNamingTheFix() {
        AgencySealer sealer = new AgencySealer(agency, List.of(euWest.certificate()));

        assertThatThrownBy(() -> sealer.seal(withVictim("PJ-2026-0412"))).isInstanceOf(UnsealableNoticeException.class)
                .hasMessageContaining("protection.localId").hasMessageContaining("synergie pseudonym-key init")
                .hasMessageNotContaining("KOUASSI").hasMessageNotContaining("V-2026-118");
    }

    @Test
    void pseudonymiseWhenRoleUnknownOrNotAPersonOrNoCaseRefThenRefusedNamingTheEntity() {
        assertThatThrownBy(() -> persons.pseudonymise(bytes(new String(withVictim("PJ-1"), StandardCharsets.UTF_8)
                .replace("\"role\":\"VICTIM\"", "\"role\":\"HOSTAGE\""))))
                .hasMessageContaining("entities[1].protection.role");
        assertThatThrownBy(() -> persons.pseudonymise(bytes(new String(withVictim("PJ-1"), StandardCharsets.UTF_8)
                .replace("\"kind\":\"PERSON\",\"value\":\"Amina", "\"kind\":\"PHONE\",\"value\":\"Amina"))))
                .hasMessageContaining("entities[1].protection is only for a PERSON");
        assertThatThrownBy(() -> persons.pseudonymise(bytes(new String(withVictim("PJ-1"), StandardCharsets.UTF_8)
                .replace("\"caseRef\":\"PJ-1\"", "\"caseRef\":null"))))
                .hasMessageContaining("needs a caseRef").hasMessageNotContaining("KOUASSI");
    }

    @Test
    void keyWhenWrittenThenReadBackTheSameAndNeverReplaced(@TempDir Path dir) {
        Path file = dir.resolve("be-pjf-pseudonyms.p12");
        char[] password = "correct horse".toCharArray();

        assertThat(ProtectedPersons.writeKey(file, ProtectedPersons.newKey(), password)).isTrue();
        String before = ProtectedPersons.readKey(file, password).pseudonymOf(ProtectedRole.WITNESS, "C-1", "T-1");
        assertThat(ProtectedPersons.writeKey(file, ProtectedPersons.newKey(), password)).isFalse();

        assertThat(ProtectedPersons.readKey(file, password).pseudonymOf(ProtectedRole.WITNESS, "C-1", "T-1")).isEqualTo(before);
    }

    private static byte[] withVictim(String caseRef) {
        return bytes(TestNotices.notice().json().replace("\"caseRef\":\"PJ-2026-0412\"", "\"caseRef\":\"" + caseRef + "\"")
                .replace("\"entities\":[{\"kind\":\"PERSON\",\"value\":\"Jean DUPONT\"}]",
                        "\"entities\":[{\"kind\":\"PERSON\",\"value\":\"Jean DUPONT\"}," + VICTIM + "]"));
    }

    private static Entity entity(byte[] json) {
        Notice notice = NoticeJson.read(json);
        return notice.entities().get(1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
