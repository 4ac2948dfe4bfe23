package eu.synergie.stix;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.Consumer;

import static eu.synergie.stix.TestNotices.fetched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad bundle is refused with the id of the object at fault and the property. */
class StixImportErrorsTest {

    private static final ImportDefaults DEFAULTS = ImportDefaults.of("BE-PJF", "EU-WEST");

    private final ObjectNode bundle = StixExport.bundleOf(List.of(fetched(TestNotices.everything())));
    private final ArrayNode objects = (ArrayNode) bundle.get("objects");
    private final ObjectNode report = (ObjectNode) objects.get(0);
    private final String reportId = report.get("id").asString();

    private ObjectNode first(String type) {
        for (JsonNode object : objects) {
            if (object.get("type").asString().equals(type)) {
                return (ObjectNode) object;
            }
        }
        throw new AssertionError("no " + type);
    }

    private void assertRefused(String objectId, String property, Consumer<String> message) {
        assertThatThrownBy(() -> StixImport.convert(bundle, DEFAULTS))
                .isInstanceOfSatisfying(StixImportException.class, e -> {
                    assertThat(e.objectId()).isEqualTo(objectId);
                    assertThat(e.property()).isEqualTo(property);
                    assertThat(e.getMessage()).startsWith(objectId + " " + property + ": ");
                    message.accept(e.getMessage());
                });
    }

    @Test
    void convertWhenOurBundleThenAccepted() {
        // The mutations below are what makes each bundle bad.
        assertThat(StixImport.convert(bundle, DEFAULTS)).hasSize(1);
    }

    @Test
    void convertWhenObjectHasNoTypeThenItsIdAndType() {
        ObjectNode ip = first("ipv4-addr");
        ip.remove("type");
        assertRefused(ip.get("id").asString(), "type", m -> assertThat(m).contains("missing"));
    }

    @Test
    void convertWhenObjectHasNeitherTypeNorIdThenItsPlace() {
        objects.addObject().put("value", "orphan");
        assertRefused("objects[" + (objects.size() - 1) + "]", "type", m -> { });
    }

    @Test
    void convertWhenIdIsOfAnotherTypeThenId() {
        ObjectNode domain = first("domain-name");
        String wrong = domain.get("id").asString().replace("domain-name--", "email-addr--");
        domain.put("id", wrong);
        assertRefused(wrong, "id", m -> assertThat(m).contains("domain-name--<uuid>"));
    }

    @Test
    void convertWhenReportHasNoNameThenReportIdAndName() {
        report.remove("name");
        assertRefused(reportId, "name", m -> assertThat(m).contains("missing"));
    }

    @Test
    void convertWhenObjectRefsNamesAnObjectNotInTheBundleThenReportIdAndTheRef() {
        String gone = ((ArrayNode) report.get("object_refs")).get(2).asString();
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i).get("id").asString().equals(gone)) {
                objects.remove(i);
                break;
            }
        }
        assertRefused(reportId, "object_refs[2]", m -> assertThat(m).contains(gone).contains("not in the bundle"));
    }

    @Test
    void convertWhenMarkedWithAnUnknownMarkingIdThenObjectIdAndTheRef() {
        String unknown = "marking-definition--0aa1b2c3-d4e5-4f60-8a7b-8c9d0e1f2a3b";
        ((ArrayNode) report.get("object_marking_refs")).set(0, unknown);
        assertRefused(reportId, "object_marking_refs[0]", m -> assertThat(m).contains(unknown));
    }

    @Test
    void convertWhenTlpMarkingNamesNoLevelWeKnowThenMarkingIdAndDefinition() {
        String id = "marking-definition--1bb2c3d4-e5f6-4a70-9b8c-9d0e1f2a3b4c";
        ObjectNode purple = objects.addObject();
        purple.put("type", "marking-definition").put("spec_version", "2.1").put("id", id)
                .put("created", "2017-01-20T00:00:00.000Z").put("definition_type", "tlp");
        purple.putObject("definition").put("tlp", "purple");
        ((ArrayNode) report.get("object_marking_refs")).set(0, id);
        assertRefused(id, "definition.tlp", m -> assertThat(m).contains("purple"));
    }

    @Test
    void convertWhenIpv4ValueIsNoAddressThenItsIdAndValue() {
        ObjectNode ip = first("ipv4-addr");
        ip.put("value", "185.220.101.400");
        assertRefused(ip.get("id").asString(), "value", m -> assertThat(m).contains("IPv4"));
    }

    @Test
    void convertWhenModifiedIsNoTimestampThenReportIdAndModified() {
        report.put("modified", "21/11/2026 14:00");
        assertRefused(reportId, "modified", m -> assertThat(m).contains("timestamp"));
    }

    @Test
    void convertWhenOurMarkingHasAnUnknownClassificationThenMarkingIdAndProperty() {
        ObjectNode marking = null;
        for (JsonNode object : objects) {
            if (object.path("extensions").has(Definitions.Extension.MARKINGS.id())) {
                marking = (ObjectNode) object;
            }
        }
        ((ObjectNode) marking.get("extensions").get(Definitions.Extension.MARKINGS.id())).put("classification", "TOP-SECRET");
        assertRefused(marking.get("id").asString(),
                "extensions." + Definitions.Extension.MARKINGS.id() + ".classification",
                m -> assertThat(m).contains("UNCLASSIFIED"));
    }

    @Test
    void convertWhenAnAttributeIsNoTextThenObjectIdAndAttribute() {
        ObjectNode vessel = first("synergie-vessel");
        ((ObjectNode) vessel.get("attributes")).put("tonnage", 42_000);
        assertRefused(vessel.get("id").asString(), "attributes.tonnage", m -> assertThat(m).contains("text"));
    }

    @Test
    void convertWhenBytesAreNoJsonOrRepeatAKeyThenWhere() {
        assertThatThrownBy(() -> StixImport.convert("{\"type\": \"bundle\", \"objects\": [".getBytes(), DEFAULTS))
                .isInstanceOfSatisfying(StixImportException.class, e -> assertThat(e.getMessage()).contains("not valid JSON"));
        assertThatThrownBy(() -> StixImport.convert("{\"type\": \"bundle\", \"type\": \"report\"}".getBytes(), DEFAULTS))
                .isInstanceOfSatisfying(StixImportException.class, e -> assertThat(e.getMessage()).contains("line 1"));
        assertThat(StixImport.convert(TestNotices.JSON.writeValueAsBytes(bundle), DEFAULTS)).hasSize(1);
    }

    @Test
    void convertWhenNoBundleThenType() {
        assertThatThrownBy(() -> StixImport.convert(report, DEFAULTS)).isInstanceOfSatisfying(StixImportException.class,
                e -> assertThat(e.property()).isEqualTo("type"));
    }

    @Test
    void convertWhenBundleHoldsNoReportThenBundleObjects() {
        objects.remove(0);
        assertRefused(bundle.get("id").asString(), "objects", m -> assertThat(m).contains("no report"));
    }
}
