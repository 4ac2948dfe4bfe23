package eu.synergie.stix;

import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static eu.synergie.stix.TestNotices.JSON;
import static eu.synergie.stix.TestNotices.byId;
import static eu.synergie.stix.TestNotices.fetched;
import static org.assertj.core.api.Assertions.assertThat;

class StixExportTest {

    @Test
    void bundleOfWhenEveryDemoNoticeThenEveryObjectValidatesAgainstTheOasisSchemas() {
        List<FetchedNotice> demo = TestNotices.demo().stream().map(TestNotices::fetched).toList();
        assertThat(demo).hasSize(14);

        ObjectNode bundle = StixExport.bundleOf(demo);

        assertThat(StixSchemas.bundleProblems(bundle)).isEmpty();
        assertThat(bundle.get("objects").valueStream().filter(o -> o.get("type").asString().equals("report")))
                .hasSize(14);
    }

    @Test
    void objectsOfWhenEveryKindAndMarkingThenEveryObjectValidates() {
        List<ObjectNode> objects = StixExport.objectsOf(fetched(TestNotices.everything()));

        for (ObjectNode object : objects) {
            assertThat(StixSchemas.problems(object)).as(object.toPrettyString()).isEmpty();
        }
        assertThat(objects.getFirst().get("type").asString()).isEqualTo("report");
        assertThat(objects.stream().map(o -> o.get("type").asString())).contains("identity", "location", "email-addr",
                "domain-name", "ipv4-addr", "ipv6-addr", "synergie-phone-number", "synergie-iban", "synergie-crypto-wallet",
                "synergie-vehicle", "synergie-vessel", "synergie-aircraft", "synergie-identity-document",
                "synergie-entity-value", "marking-definition", "extension-definition");
    }

    @Test
    void objectsOfWhenExportedTwiceThenByteIdentical() {
        Notice notice = TestNotices.everything();
        String first = JSON.writeValueAsString(StixExport.objectsOf(fetched(notice)));
        String second = JSON.writeValueAsString(StixExport.objectsOf(fetched(TestNotices.everything())));
        assertThat(second).isEqualTo(first);
        assertThat(JSON.writeValueAsString(StixExport.bundleOf(List.of(fetched(notice)))))
                .isEqualTo(JSON.writeValueAsString(StixExport.bundleOf(List.of(fetched(notice)))));
    }

    @Test
    void objectsOfWhenNextVersionThenSameIdsNewerModifiedSameCreated() {
        Notice v1 = TestNotices.everything();
        Notice v2 = TestNotices.nextVersion(v1, Instant.parse("2026-12-02T09:30:00.250Z"), NoticeStatus.ACTIVE);

        Map<String, JsonNode> first = byId(StixExport.objectsOf(fetched(v1)));
        Map<String, JsonNode> second = byId(StixExport.objectsOf(fetched(v2)));

        assertThat(second.keySet()).isEqualTo(first.keySet());
        JsonNode report1 = first.get(StixExport.reportIdOf(v1.noticeId()));
        JsonNode report2 = second.get(StixExport.reportIdOf(v1.noticeId()));
        assertThat(report1.get("modified").asString()).isEqualTo("2026-11-21T14:00:00.000Z");
        assertThat(report2.get("modified").asString()).isEqualTo("2026-12-02T09:30:00.250Z");
        assertThat(report2.get("created")).isEqualTo(report1.get("created"));
        assertThat(report2.get("name").asString()).endsWith("(mise à jour)");
        assertThat(report2.has("revoked")).isFalse();
    }

    @Test
    void objectsOfWhenWithdrawnThenReportRevoked() {
        Notice v1 = TestNotices.everything();
        Notice withdrawn = TestNotices.nextVersion(v1, Instant.parse("2026-12-03T08:00:00Z"), NoticeStatus.WITHDRAWN);

        ObjectNode report = StixExport.objectsOf(fetched(withdrawn)).getFirst();

        assertThat(report.get("id").asString()).isEqualTo(StixExport.reportIdOf(v1.noticeId()));
        assertThat(report.get("revoked").asBoolean()).isTrue();
        assertThat(StixSchemas.problems(report)).isEmpty();
    }
}
