package eu.synergie.gateway.demo;

import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's notices are what an agency's tool would seal: each reads under the notice schema as the exchange reads it. */
class DemoNoticesTest {

    @Test
    void everyDemoNoticeReadsAndProtectedPersonsArePseudonymsOnly() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode demo;
        try (InputStream in = DemoData.class.getResourceAsStream("notices.json")) {
            demo = json.readTree(in);
        }
        List<Notice> notices = new ArrayList<>();
        for (JsonNode notice : demo) {
            notices.add(NoticeJson.read(DemoData.withId(notice)));
        }

        assertThat(notices).hasSize(18);
        List<Entity> protectedPersons = notices.stream().flatMap(n -> n.entities().stream())
                .filter(e -> e.protection() != null).toList();
        assertThat(protectedPersons).hasSize(2).allSatisfy(e -> assertThat(e.attributes()).isEmpty());
    }
}
