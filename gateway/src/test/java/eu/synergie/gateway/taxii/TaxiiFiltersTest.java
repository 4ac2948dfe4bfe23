package eu.synergie.gateway.taxii;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaxiiFiltersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REPORT = "report--6d0a1f3e-2b6c-5f0e-9c1d-2a3b4c5d6e7f";

    @Test
    void parseWhenEveryParameterThenListsSplitAndLimitCapped() {
        TaxiiFilters filters = TaxiiFilters.parse(Map.of("added_after", new String[]{"2026-11-28T10:00:00.123Z"},
                "limit", new String[]{"5000"}, "match[type]", new String[]{"report,identity", "email-addr"},
                "match[id]", new String[]{REPORT}, "match[version]", new String[]{"first,2026-11-28T10:00:00.000Z"},
                "match[spec_version]", new String[]{"2.1"}, "unknown", new String[]{"ignored"}), 100, 1000);

        assertThat(filters.addedAfter()).isEqualTo(Instant.parse("2026-11-28T10:00:00.123Z"));
        assertThat(filters.limit()).isEqualTo(1000);
        assertThat(filters.types()).containsExactlyInAnyOrder("report", "identity", "email-addr");
        assertThat(filters.ids()).containsExactly(REPORT);
        assertThat(filters.versions()).containsExactlyInAnyOrder("first", "2026-11-28T10:00:00.000Z");
        assertThat(filters.specVersions()).containsExactly("2.1");
        assertThat(TaxiiFilters.parse(Map.of(), 100, 1000).limit()).as("the default").isEqualTo(100);
    }

    @Test
    void parseWhenValueDoesNotParseThen400NamingTheParameter() {
        assertRefused("limit", "0", "limit must be a positive integer");
        assertRefused("limit", "ten", "limit must be a positive integer");
        assertRefused("added_after", "yesterday", "added_after must be a timestamp");
        assertRefused("match[id]", "report-6d0a1f3e", "match[id] must be a STIX id");
        assertRefused("match[type]", "Report", "match[type] must be a STIX type");
        assertRefused("match[version]", "latest", "match[version] must be a timestamp");
        assertRefused("match[spec_version]", "two", "match[spec_version] must be a version");
        assertThatThrownBy(() -> TaxiiFilters.parse(Map.of("limit", new String[]{"1", "2"}), 100, 1000))
                .hasMessageContaining("limit must be given once");
        assertThatThrownBy(() -> TaxiiFilters.parse(Map.of("match[type]", new String[]{java.util.stream.IntStream.range(0, 101)
                .mapToObj(i -> "type" + i).collect(java.util.stream.Collectors.joining(","))}), 100, 1000))
                .hasMessageContaining("at most 100 values");
    }

    @Test
    void matchesWhenFiltersThenIdTypeSpecVersionAndVersion() {
        ObjectNode report = JSON.createObjectNode().put("type", "report").put("id", REPORT).put("spec_version", "2.1");
        String version = "2026-11-28T10:00:00.000Z";

        assertThat(filters("match[type]", "report").matches(report, version)).isTrue();
        assertThat(filters("match[type]", "identity").matches(report, version)).isFalse();
        assertThat(filters("match[id]", REPORT).matches(report, version)).isTrue();
        assertThat(filters("match[id]", "report--00000000-0000-5000-8000-000000000000").matches(report, version)).isFalse();
        assertThat(filters("match[spec_version]", "2.0").matches(report, version)).isFalse();
        assertThat(filters("match[version]", "last").matches(report, version)).isTrue();
        assertThat(filters("match[version]", "all").matches(report, version)).isTrue();
        assertThat(filters("match[version]", "2026-11-28T10:00:00Z").matches(report, version)).as("the same instant").isTrue();
        assertThat(filters("match[version]", "2026-11-28T10:00:00.001Z").matches(report, version)).isFalse();
    }

    @Test
    void fingerprintWhenFiltersOrCollectionDifferThenDiffersButNotForTheLimit() {
        TaxiiCollection west = TaxiiCollection.of("EU-WEST");
        String base = filters("match[type]", "report").fingerprint("objects", west);

        assertThat(TaxiiFilters.parse(Map.of("match[type]", new String[]{"report"}, "limit", new String[]{"2"}), 100, 1000)
                .fingerprint("objects", west)).isEqualTo(base);
        assertThat(filters("match[type]", "identity").fingerprint("objects", west)).isNotEqualTo(base);
        assertThat(filters("match[type]", "report").fingerprint("manifest", west)).isNotEqualTo(base);
        assertThat(filters("match[type]", "report").fingerprint("objects", TaxiiCollection.of("MED"))).isNotEqualTo(base);
        assertThat(filters("match[type]", "report").audited()).containsEntry("match[type]", "report").containsKey("limit");
        assertThat(Set.of(base)).allMatch(f -> f.length() == 24);
    }

    private static TaxiiFilters filters(String name, String value) {
        return TaxiiFilters.parse(Map.of(name, new String[]{value}), 100, 1000);
    }

    private static void assertRefused(String name, String value, String message) {
        assertThatThrownBy(() -> filters(name, value)).isInstanceOfSatisfying(TaxiiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(400);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
