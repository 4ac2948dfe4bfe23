package eu.synergie.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ElasticsearchWorkTest {

    private static String stats(long noticesIndexed, long noticesIndexMillis, long refreshes, long auditIndexed) {
        return """
                {"indices": {
                  "notices-eu-west-2026.12": {"total": {"indexing": {"index_total": %d, "index_time_in_millis": %d},
                      "refresh": {"total": %d, "total_time_in_millis": 40}, "merges": {"total": 1, "total_time_in_millis": 30},
                      "search": {"query_total": 6, "query_time_in_millis": 12, "fetch_total": 2, "fetch_time_in_millis": 4}}},
                  "notices-med-2026.12": {"total": {"indexing": {"index_total": 10, "index_time_in_millis": 10}}},
                  "audit-2026.12": {"total": {"indexing": {"index_total": %d, "index_time_in_millis": 5}}}
                }}""".formatted(noticesIndexed, noticesIndexMillis, refreshes, auditIndexed);
    }

    @Test
    void reportWhenTwoSnapshotsThenEachFamilysDifferencePerNoticeAndIdleFamiliesLeftOut() {
        ElasticsearchWork.Snapshot before = ElasticsearchWork.parse(stats(100, 50, 3, 7));
        ElasticsearchWork.Snapshot after = ElasticsearchWork.parse(stats(300, 250, 5, 7));

        var lines = ElasticsearchWork.report(before, after, 200);

        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).startsWith("  notices-*").contains("index 200 (1.000 ms/notice)")
                .contains("refresh 2 (0.000 ms/notice)").contains("query 0 (0.000 ms/notice)");
    }

    @Test
    void familyOfWhenDatedOrPlainThenTheNamesHead() {
        assertThat(ElasticsearchWork.familyOf("notices-eu-west-2026.12")).isEqualTo("notices-*");
        assertThat(ElasticsearchWork.familyOf(".security-7")).isEqualTo(".security-*");
        assertThat(ElasticsearchWork.familyOf("audit")).isEqualTo("audit");
    }
}
