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

/** A bad synergie-asset object or ownership relationship is refused with its id and the property at fault. */
class StixImportAssetErrorsTest {

    private static final ImportDefaults DEFAULTS = ImportDefaults.of("BE-PJF", "EU-WEST");
    private static final String SHARE = "extensions." + Definitions.Extension.OWNERSHIP.id() + ".share";

    private final ObjectNode bundle = StixExport.bundleOf(List.of(fetched(TestNotices.shellCompanies())));
    private final ArrayNode objects = (ArrayNode) bundle.get("objects");

    private ObjectNode withRef(String ref) {
        for (JsonNode object : objects) {
            if (object.path("ref").asString("").equals(ref)) {
                return (ObjectNode) object;
            }
        }
        throw new AssertionError("no object with ref " + ref);
    }

    /** The nth relationship, in the notice's order of relations. */
    private ObjectNode relationship(int n) {
        return (ObjectNode) objects.valueStream().filter(o -> o.get("type").asString().equals("relationship"))
                .skip(n).findFirst().orElseThrow();
    }

    private void assertRefused(JsonNode object, String property, Consumer<String> message) {
        String objectId = object.get("id").asString();
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
        assertThat(StixImport.convert(bundle, DEFAULTS).getFirst().notice().relations()).hasSize(6);
    }

    @Test
    void convertWhenAssetHasNoAssetTypeThenItsIdAndAssetType() {
        ObjectNode villa = withRef("villa");
        villa.remove("asset_type");
        assertRefused(villa, "asset_type", m -> assertThat(m).contains("missing"));
    }

    @Test
    void convertWhenAssetTypeUnknownThenTheTypesWeKnow() {
        ObjectNode villa = withRef("villa");
        villa.put("asset_type", "CASTLE");
        assertRefused(villa, "asset_type", m -> assertThat(m).contains("REAL_ESTATE"));
    }

    @Test
    void convertWhenImoCheckDigitWrongThenIdentifiersImo() {
        // IMO Resolution A.1117(30): 9074729 is valid, so 9074728 fails its check digit.
        ObjectNode yacht = withRef("yacht");
        ((ObjectNode) yacht.get("identifiers")).put("imo", "IMO 9074728");
        assertRefused(yacht, "identifiers.imo", m -> assertThat(m).contains("imo").doesNotContain("9074728"));
    }

    @Test
    void convertWhenIdentifierOfAnotherTypeThenIdentifiersField() {
        ObjectNode villa = withRef("villa");
        ((ObjectNode) villa.get("identifiers")).put("imo", "IMO 9074729");
        assertRefused(villa, "identifiers.imo", m -> assertThat(m).contains("not an identifier of a REAL_ESTATE"));
    }

    @Test
    void convertWhenAmountIsAJsonNumberThenRefusedAsNotText() {
        ObjectNode villa = withRef("villa");
        ((ObjectNode) villa.get("estimated_value")).put("amount", 2450000.00);
        assertRefused(villa, "estimated_value.amount", m -> assertThat(m).contains("text"));
    }

    @Test
    void convertWhenAmountNoDecimalThenRefused() {
        ObjectNode villa = withRef("villa");
        ((ObjectNode) villa.get("estimated_value")).put("amount", "2,450,000");
        assertRefused(villa, "estimated_value.amount", m -> assertThat(m).contains("decimal"));
    }

    @Test
    void convertWhenCurrencyNoIsoCodeThenRefused() {
        ObjectNode villa = withRef("villa");
        ((ObjectNode) villa.get("estimated_value")).put("currency", "EURO");
        assertRefused(villa, "estimated_value.currency", m -> assertThat(m).contains("ISO 4217"));
    }

    @Test
    void convertWhenStatusStepsOutOfOrderThenStatusHistory() {
        ObjectNode villa = withRef("villa");
        ((ObjectNode) villa.get("status_history").get(0)).put("status", "SEIZED");
        assertRefused(villa, "status_history", m -> assertThat(m).contains("in order"));
    }

    @Test
    void convertWhenStatusDateNoDateThenItsPlace() {
        ObjectNode villa = withRef("villa");
        ((ObjectNode) villa.get("status_history").get(1)).put("date", "02/11/2026");
        assertRefused(villa, "status_history[1].date", m -> assertThat(m).contains("date"));
    }

    @Test
    void convertWhenCompanyWithoutJurisdictionThenJurisdiction() {
        ObjectNode sci = withRef("sci");
        sci.remove("jurisdiction");
        assertRefused(sci, "jurisdiction", m -> assertThat(m).contains("required"));
    }

    @Test
    void convertWhenRefMalformedThenRef() {
        ObjectNode villa = withRef("villa");
        villa.put("ref", "1 villa");
        assertRefused(villa, "ref", m -> assertThat(m).contains("letter"));
    }

    @Test
    void convertWhenShareIsNoNumberThenTheShareProperty() {
        ObjectNode held = relationship(0);
        ((ObjectNode) held.get("extensions").get(Definitions.Extension.OWNERSHIP.id())).put("share", "sixty");
        assertRefused(held, SHARE, m -> assertThat(m).contains("decimal"));
    }

    @Test
    void convertWhenShareAbove100ThenTheShareProperty() {
        ObjectNode held = relationship(0);
        ((ObjectNode) held.get("extensions").get(Definitions.Extension.OWNERSHIP.id())).put("share", "100.01");
        assertRefused(held, SHARE, m -> assertThat(m).contains("at most 100"));
    }

    @Test
    void convertWhenSourceRefNoIdThenSourceRef() {
        ObjectNode held = relationship(0);
        held.put("source_ref", "benali");
        assertRefused(held, "source_ref", m -> assertThat(m).contains("id"));
    }

    @Test
    void convertWhenStopBeforeStartThenStopTime() {
        ObjectNode held = relationship(4);
        held.put("stop_time", "2020-12-31T00:00:00.000Z");
        assertRefused(held, "stop_time", m -> assertThat(m).contains("before"));
    }

    @Test
    void convertWhenStartTimeNoTimestampThenStartTime() {
        ObjectNode held = relationship(0);
        held.put("start_time", "2019-03-01");
        assertRefused(held, "start_time", m -> assertThat(m).contains("timestamp"));
    }

    @Test
    void convertWhenSharesOfOneAssetAddUpToMoreThan100ThenObjectRefs() {
        // The villa is held 100 % by the SCI: a second legal owner's 1 % is 1 % too much.
        ObjectNode sciHoldsVilla = relationship(3);
        ObjectNode second = sciHoldsVilla.deepCopy();
        second.put("id", "relationship--5f9c0b1d-2e3a-4b4c-8d5e-6f7a8b9c0d1e");
        second.put("source_ref", withRef("azur").get("id").asString());
        ((ObjectNode) second.get("extensions").get(Definitions.Extension.OWNERSHIP.id())).put("share", "1");
        objects.add(second);
        ObjectNode report = (ObjectNode) objects.get(0);
        ((ArrayNode) report.get("object_refs")).add(second.get("id").asString());
        assertRefused(report, "object_refs", m -> assertThat(m).contains("more than 100"));
    }
}
