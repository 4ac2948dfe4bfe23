package eu.synergie.stix;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

import static eu.synergie.stix.TestNotices.fetched;
import static org.assertj.core.api.Assertions.assertThat;

/** The validator must catch what it is there to catch, or the export's "no problems" proves nothing. */
class StixSchemasTest {

    private final List<ObjectNode> objects = StixExport.objectsOf(fetched(TestNotices.everything()));

    private ObjectNode first(String type) {
        return objects.stream().filter(o -> o.get("type").asString().equals(type)).findFirst().orElseThrow().deepCopy();
    }

    @Test
    void problemsWhenReportLacksNameThenReported() {
        ObjectNode report = first("report");
        report.remove("name");
        assertThat(StixSchemas.problems(report)).isNotEmpty().allMatch(p -> p.startsWith(report.get("id").asString()));
    }

    @Test
    void problemsWhenModifiedWithoutMillisecondsThenReported() {
        ObjectNode report = first("report");
        report.put("modified", "2026-11-21T14:00:00Z");
        assertThat(StixSchemas.problems(report)).isNotEmpty();
    }

    @Test
    void problemsWhenIpv4ValueIsNoAddressThenReported() {
        ObjectNode ip = first("ipv4-addr");
        ip.put("value", "10.1");
        assertThat(StixSchemas.problems(ip)).isNotEmpty();
    }

    @Test
    void problemsWhenOurNewScoLacksValueThenReported() {
        ObjectNode vessel = first("synergie-vessel");
        vessel.remove("value");
        assertThat(StixSchemas.problems(vessel)).isNotEmpty();
    }

    @Test
    void problemsWhenOurNewScoHasAnUppercasePropertyThenReportedByTheOasisCore() {
        ObjectNode vessel = first("synergie-vessel");
        vessel.put("Flag", "PA");
        assertThat(StixSchemas.problems(vessel)).isNotEmpty();
    }

    @Test
    void problemsWhenOurMarkingIsH3WithoutNoteThenReported() {
        ObjectNode marking = objects.stream().filter(o -> o.get("id").asString().startsWith("marking-definition--")
                && o.has("definition_type")).findFirst().orElseThrow().deepCopy();
        ((ObjectNode) marking.get("extensions").get(Definitions.Extension.MARKINGS.id())).remove("handling_note");
        assertThat(StixSchemas.problems(marking)).isNotEmpty();
    }

    @Test
    void problemsWhenTlpMarkingAltered() {
        ObjectNode tlp = first("marking-definition");
        tlp.put("definition_type", "tlp");
        assertThat(StixSchemas.problems(tlp)).isNotEmpty();
    }
}
