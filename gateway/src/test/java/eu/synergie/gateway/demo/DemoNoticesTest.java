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

    @Test
    void demoLoadedLaterKeepsItsShapeAndItsPhishingWaveRisesLastWeek() throws Exception {
        java.time.Instant now = java.time.Instant.parse("2027-03-10T15:00:00Z");
        JsonNode first;
        try (InputStream in = DemoData.class.getResourceAsStream("notices.json")) {
            first = JsonMapper.builder().build().readTree(in).get(0);
        }
        Notice moved = NoticeJson.read(DemoData.withId(DemoData.shifted(first, now)));
        Notice original = NoticeJson.read(DemoData.withId(first));
        assertThat(java.time.Duration.between(original.issuedAt(), moved.issuedAt()).toDays())
                .isEqualTo(java.time.Duration.between(DemoData.WRITTEN_FOR, now).toDays());
        assertThat(moved.issuedAt()).isBefore(now);

        List<Notice> wave = DemoData.phishingWave(now).stream().map(n -> NoticeJson.read(DemoData.withId(n))).toList();
        eu.synergie.core.trends.Period week = eu.synergie.core.trends.Period.WEEK;
        java.time.Instant lastWeek = week.previousStart(now);
        assertThat(wave).allMatch(n -> n.issuedAt().isBefore(week.start(now)));
        assertThat(wave).filteredOn(n -> !n.issuedAt().isBefore(lastWeek)).hasSize(7);
        assertThat(wave).extracting(Notice::caseRef).doesNotHaveDuplicates();
        long[] perWeek = new long[10];
        for (Notice n : wave) {
            java.time.Instant start = week.start(n.issuedAt());
            int back = 0;
            for (java.time.Instant w = lastWeek; w.isAfter(start); w = week.previousStart(w)) {
                back++;
            }
            perWeek[8 - back]++;
        }
        assertThat(eu.synergie.core.trends.RiseTest.DEFAULT.judge(week, java.util.Arrays.copyOf(perWeek, 9)).fired())
                .as("the wave is a rise on its own").isTrue();
    }
}
