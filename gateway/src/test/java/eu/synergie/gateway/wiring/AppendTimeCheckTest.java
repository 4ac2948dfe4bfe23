package eu.synergie.gateway.wiring;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up check of the topics' timestamp type: every topic declared with the broker's append time must have it. */
class AppendTimeCheckTest {

    @Test
    void refusalWhenEveryTopicHasTheAppendTimeThenNone() {
        assertThat(AppendTimeCheck.refusal(List.of("synergie.trust", "synergie.notices.MED"),
                Map.of("synergie.trust", "LogAppendTime", "synergie.notices.MED", "LogAppendTime"))).isEmpty();
    }

    @Test
    void refusalWhenATopicIsAtCreateTimeOrNotDescribedThenNamesEachWithWhatToDo() {
        assertThat(AppendTimeCheck.refusal(List.of("synergie.trust", "synergie.audit", "synergie.alerts"),
                Map.of("synergie.trust", "CreateTime", "synergie.alerts", "LogAppendTime")))
                .hasValueSatisfying(message -> assertThat(message)
                        .contains("synergie.trust (message.timestamp.type=CreateTime)")
                        .contains("synergie.audit (message.timestamp.type=null)")
                        .doesNotContain("synergie.alerts")
                        .contains("--add-config message.timestamp.type=LogAppendTime"));
    }
}
