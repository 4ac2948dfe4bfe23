package eu.synergie.core.reports;

import eu.synergie.core.notice.ProtectedRole;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportContentTest {

    private static final ReportContent.Consent CONSENT = new ReportContent.Consent(true, false);

    @Test
    void jsonWhenWrittenAndReadThenTheSame() {
        ReportContent content = new ReportContent("Trois jeunes femmes logées au-dessus d'un salon de massage",
                "Nice, quartier de la gare", "depuis octobre", List.of(
                new ReportContent.Person("Amina KOUASSI", ProtectedRole.VICTIM, "19 ans, ivoirienne"),
                new ReportContent.Person("« Tonton »", null, null)), CONSENT);
        assertThat(ReportContent.fromJson(content.toJson())).isEqualTo(content);
    }

    @Test
    void newWhenAFieldIsMissingOrTooLongThenRefusedNamingTheFieldNotTheValue() {
        assertThatThrownBy(() -> new ReportContent(" ", "Nice", "hier", List.of(), CONSENT))
                .isInstanceOf(ReportRefusedException.class).hasMessage("what is required");
        assertThat(new ReportContent("x", "Nice", "hier", List.of(), null).consent()).as("an anonymous report's").isNull();
        String secret = "S".repeat(201);
        assertThatThrownBy(() -> new ReportContent("x", "Nice", "hier", List.of(new ReportContent.Person(secret, null, null)),
                CONSENT)).hasMessage("people[].name is longer than 200 characters").hasMessageNotContaining(secret);
        assertThat(((ReportRefusedException) org.assertj.core.api.Assertions.catchThrowable(() ->
                new ReportContent("x", "", "hier", List.of(), CONSENT))).refusal().reason()).isEqualTo("INVALID_REPORT");
    }

    @Test
    void fromJsonWhenAnUnknownFieldThenRefused() {
        assertThatThrownBy(() -> ReportContent.fromJson("{\"what\":\"x\",\"where\":\"y\",\"when\":\"z\",\"consent\":{},\"ip\":\"1.2.3.4\"}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(ReportRefusedException.class);
    }
}
