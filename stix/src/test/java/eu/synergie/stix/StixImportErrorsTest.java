package eu.synergie.stix;

import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.Tlp;
import eu.synergie.stix.Conversion.Unmapped;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
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

    /** The report of an exported asset-tracing notice, its synergie-notice extension, and whether the import refuses it. */
    private record Tracing(ObjectNode bundle, ObjectNode extension, String reportId) {

        static Tracing of(Notice notice) {
            ObjectNode bundle = StixExport.bundleOf(List.of(fetched(notice)));
            ObjectNode report = (ObjectNode) bundle.get("objects").get(0);
            return new Tracing(bundle, (ObjectNode) report.get("extensions").get(Definitions.Extension.NOTICE.id()),
                    report.get("id").asString());
        }

        void assertRefused(String property, String reason) {
            String path = "extensions." + Definitions.Extension.NOTICE.id() + "." + property;
            assertThatThrownBy(() -> StixImport.convert(bundle, DEFAULTS))
                    .isInstanceOfSatisfying(StixImportException.class, e -> {
                        assertThat(e.objectId()).isEqualTo(reportId);
                        assertThat(e.property()).isEqualTo(path);
                        assertThat(e.getMessage()).isEqualTo(reportId + " " + path + ": " + reason);
                    });
        }
    }

    @Test
    void convertWhenTracingRequestAndReplyAsExportedThenAccepted() {
        // The mutations below are what makes each bad.
        Notice request = TestNotices.tracingRequest();
        assertThat(StixImport.convert(Tracing.of(request).bundle(), DEFAULTS)).hasSize(1);
        assertThat(StixImport.convert(Tracing.of(TestNotices.tracingReply(request)).bundle(), DEFAULTS)).hasSize(1);
    }

    @Test
    void convertWhenReplyByNoDateThenReplyByRefused() {
        // 2027-02-29: 2027 is no leap year; 15/01/2027 is not the ISO 8601 form; +10000-01-01 is not the
        // four-digit year the schema allows.
        for (String bad : List.of("2027-02-29", "15/01/2027", "2027-01-15T00:00:00Z", "+10000-01-01")) {
            Tracing tracing = Tracing.of(TestNotices.tracingRequest());
            ((ObjectNode) tracing.extension().get("request")).put("reply_by", bad);
            tracing.assertRefused("request.reply_by", "must be a date such as 2026-12-31");
        }
        Tracing missing = Tracing.of(TestNotices.tracingRequest());
        ((ObjectNode) missing.extension().get("request")).remove("reply_by");
        missing.assertRefused("request.reply_by", "is missing");
    }

    @Test
    void convertWhenReplyByBeforeTheNoticeThenTheNoticeRuleOnReplyBy() {
        Tracing tracing = Tracing.of(TestNotices.tracingRequest());
        ((ObjectNode) tracing.extension().get("request")).put("reply_by", "2026-11-30");
        tracing.assertRefused("request.reply_by", "request.replyBy must not be before the notice is issued");
    }

    @Test
    void convertWhenJurisdictionNoIsoCodeThenJurisdictionsRefused() {
        // "es" is lower case and "UK" is not assigned in ISO 3166-1 (the United Kingdom is GB).
        for (String bad : List.of("es", "UK")) {
            Tracing tracing = Tracing.of(TestNotices.tracingRequest());
            ((ObjectNode) tracing.extension().get("request")).putArray("jurisdictions").add("FR").add(bad);
            tracing.assertRefused("request.jurisdictions",
                    "request.jurisdictions must list ISO 3166-1 alpha-2 country codes such as ES");
        }
    }

    @Test
    void convertWhenReplyToNoNoticeIdThenReplyToRefused() {
        Notice request = TestNotices.tracingRequest();
        for (String bad : List.of("not-a-uuid", "3C1D2E4F-5A6B-4C7D-8E9F-0A1B2C3D4E5F", "3c1d2e4f5a6b4c7d8e9f0a1b2c3d4e5f",
                "report--3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f")) {
            Tracing tracing = Tracing.of(TestNotices.tracingReply(request));
            tracing.extension().put("reply_to", bad);
            tracing.assertRefused("reply_to", "must be a notice id such as 0b5f7a52-3c1e-4f0e-9a7d-6c2b8e1f4a90");
        }
        Tracing number = Tracing.of(TestNotices.tracingReply(request));
        number.extension().put("reply_to", 42);
        number.assertRefused("reply_to", "must be text");
    }

    @Test
    void convertWhenBothRequestAndReplyToThenReplyToRefused() {
        Notice request = TestNotices.tracingRequest();
        Tracing tracing = Tracing.of(request);
        tracing.extension().put("reply_to", "4d2e3f50-6b7c-4d8e-9fa0-1b2c3d4e5f60");
        tracing.assertRefused("reply_to", "a notice is a request or a reply to one, not both");
    }

    @Test
    void convertWhenRequestOnAnotherTypeOfReportThenRequestRefused() {
        Tracing tracing = Tracing.of(TestNotices.tracingRequest());
        ((ObjectNode) tracing.bundle().get("objects").get(0)).putArray("report_types").add("money-laundering");
        tracing.assertRefused("request", "request is only for an ASSET_TRACING notice");
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
    void convertWhenReportHasNoObjectRefsThenReportIdAndObjectRefs() {
        report.remove("object_refs");
        assertRefused(reportId, "object_refs", m -> assertThat(m).contains("array"));
    }

    @Test
    void convertWhenAnObjectIsGivenTwiceWithDifferentContentAndNoModifiedThenItsIdAndId() {
        ObjectNode ip = first("ipv4-addr");
        ObjectNode other = ip.deepCopy();
        other.put("value", "185.220.101.5");
        objects.add(other);
        assertRefused(ip.get("id").asString(), "id", m -> assertThat(m).contains("given twice with different content"));
    }

    @Test
    void convertWhenAMarkingIsGivenTwiceWithTheSameModifiedButWeakerThenRefusedNotTheFirstKept() {
        ObjectNode ours = ourMarking();
        ObjectNode weaker = ours.deepCopy();
        weaker.put("modified", "2026-12-01T00:00:00.000Z");
        ours.put("modified", "2026-12-01T00:00:00Z");
        ((ObjectNode) weaker.get("extensions").get(Definitions.Extension.MARKINGS.id())).put("classification", "UNCLASSIFIED");
        objects.insert(0, weaker);
        assertRefused(ours.get("id").asString(), "id", m -> assertThat(m).contains("same modified"));
    }

    @Test
    void convertWhenTwoVersionsOfTheReportThenTheLaterByInstantNotByText() {
        // As text, "…:00Z" sorts after "…:00.500Z"; as instants, the .500 is half a second later.
        ObjectNode later = report.deepCopy();
        later.put("modified", "2026-11-21T14:00:00.500Z");
        later.put("name", "Version ultérieure");
        report.put("modified", "2026-11-21T14:00:00Z");
        objects.add(later);

        Notice notice = StixImport.convert(bundle, DEFAULTS).getFirst().notice();

        assertThat(notice.title()).isEqualTo("Version ultérieure");
        assertThat(notice.issuedAt()).isEqualTo(Instant.parse("2026-11-21T14:00:00.500Z"));
    }

    @Test
    void convertWhenGranularMarkingsIsNoArrayThenObjectIdAndGranularMarkings() {
        ObjectNode ip = first("ipv4-addr");
        ip.putObject("granular_markings").put("marking_ref", Definitions.Tlp2.RED.id);
        assertRefused(ip.get("id").asString(), "granular_markings", m -> assertThat(m).contains("array"));
    }

    @Test
    void convertWhenAGranularMarkingIsRedThenTheNoticeIsRed() {
        ObjectNode ip = first("ipv4-addr");
        ip.putArray("granular_markings").addObject().put("marking_ref", Definitions.Tlp2.RED.id)
                .putArray("selectors").add("value");

        Notice notice = StixImport.convert(bundle, DEFAULTS).getFirst().notice();

        assertThat(notice.markings().tlp()).isEqualTo(Tlp.RED);
    }

    @Test
    void convertWhenAGranularMarkingHasNoMarkingRefThenObjectIdAndTheGranularMarking() {
        ObjectNode ip = first("ipv4-addr");
        ip.putArray("granular_markings").addObject().putArray("selectors").add("value");
        assertRefused(ip.get("id").asString(), "granular_markings[0]", m -> assertThat(m).contains("marking_ref"));
    }

    @Test
    void convertWhenStatementMarkingsThenH3WithEveryStatementAfterTheHandlingCodeInTheNote() {
        ObjectNode ip = first("ipv4-addr");
        ((ArrayNode) ip.get("object_marking_refs")).add(statement("marking-definition--2cc3d4e5-f6a7-4b80-8c9d-0e1f2a3b4c5d",
                "SECRET – do not disseminate"));
        ((ArrayNode) report.get("object_marking_refs")).add(statement("marking-definition--3dd4e5f6-a7b8-4c91-9d0e-1f2a3b4c5d6e",
                "Ne pas publier les indicateurs"));

        Conversion conversion = StixImport.convert(bundle, DEFAULTS).getFirst();

        // Our marking said H3 with a note: the note stays first, the statements follow.
        assertThat(conversion.notice().markings().handlingCode()).isEqualTo(HandlingCode.H3);
        assertThat(conversion.notice().markings().handlingNote()).isEqualTo(TestNotices.everything().markings().handlingNote()
                + "; Ne pas publier les indicateurs; SECRET – do not disseminate");
        assertThat(conversion.unreadMarkings()).isEmpty();
    }

    @Test
    void convertWhenPapRedOrAmberThenH3AndPapGreenListedAsNoRestriction() {
        String red = pap("marking-definition--4ee5f6a7-b8c9-4d02-8e1f-2a3b4c5d6e7f", "PAP:RED");
        String green = pap("marking-definition--5ff6a7b8-c9d0-4e13-9f2a-3b4c5d6e7f80", "PAP:GREEN");
        ((ArrayNode) report.get("object_marking_refs")).add(red).add(green);
        ((ObjectNode) ourMarking().get("extensions").get(Definitions.Extension.MARKINGS.id())).put("handling_code", "H1")
                .remove("handling_note");

        Conversion conversion = StixImport.convert(bundle, DEFAULTS).getFirst();

        assertThat(conversion.notice().markings().handlingCode()).isEqualTo(HandlingCode.H3);
        assertThat(conversion.notice().markings().handlingNote()).startsWith("H1: not to be disclosed in judicial proceedings")
                .contains("PAP:RED: only passive actions");
        assertThat(conversion.unmapped()).extracting(Unmapped::id).contains(green);
        assertThat(conversion.unreadMarkings()).isEmpty();
    }

    @Test
    void convertWhenAMarkingWeCannotReadThenListedApartAndTheNoticeNotWeakenedSilently() {
        String id = "marking-definition--6aa7b8c9-d0e1-4f24-8a3b-4c5d6e7f8091";
        ObjectNode marking = objects.addObject();
        marking.put("type", "marking-definition").put("spec_version", "2.1").put("id", id)
                .put("created", "2026-01-01T00:00:00.000Z").put("name", "ACME-INTERNAL").put("definition_type", "acme");
        marking.putObject("definition").put("level", "internal");
        ((ArrayNode) report.get("object_marking_refs")).add(id);

        Conversion conversion = StixImport.convert(bundle, DEFAULTS).getFirst();

        assertThat(conversion.unreadMarkings()).singleElement().satisfies(u -> {
            assertThat(u.id()).isEqualTo(id);
            assertThat(u.reason()).contains("ACME-INTERNAL");
        });
        assertThat(conversion.unmapped()).extracting(Unmapped::id).doesNotContain(id);
    }

    @Test
    void convertWhenAChainOfObservedDataThenNoStackOverflowAndTheSecondListed() {
        int length = 5_000;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            ids.add("observed-data--" + uuid4(i));
        }
        for (int i = 0; i < length; i++) {
            ObjectNode observed = objects.addObject();
            observed.put("type", "observed-data").put("spec_version", "2.1").put("id", ids.get(i))
                    .put("created", "2026-01-01T00:00:00.000Z").put("modified", "2026-01-01T00:00:00.000Z")
                    .put("first_observed", "2026-01-01T00:00:00.000Z").put("last_observed", "2026-01-01T00:00:00.000Z")
                    .put("number_observed", 1);
            observed.putArray("object_refs").add(i + 1 < length ? ids.get(i + 1) : first("ipv4-addr").get("id").asString());
        }
        ((ArrayNode) report.get("object_refs")).add(ids.getFirst());

        Conversion conversion = StixImport.convert(bundle, DEFAULTS).getFirst();

        assertThat(conversion.unmapped()).filteredOn(u -> u.type().equals("observed-data")).singleElement()
                .satisfies(u -> {
                    assertThat(u.id()).isEqualTo(ids.get(1));
                    assertThat(u.reason()).contains(ids.getFirst()).contains("§4.13");
                });
    }

    @Test
    void convertWhenMoreEntitiesThanANoticeHoldsThenReportIdAndObjectRefs() {
        ArrayNode refs = (ArrayNode) report.get("object_refs");
        for (int i = 0; i < ReportEntities.MAX_ENTITIES; i++) {
            String id = "ipv4-addr--" + uuid4(i);
            objects.addObject().put("type", "ipv4-addr").put("spec_version", "2.1").put("id", id)
                    .put("value", "10." + (i / 65536) + "." + (i / 256 % 256) + "." + (i % 256));
            refs.add(id);
        }
        assertRefused(reportId, "object_refs", m -> assertThat(m).contains("more than 1000 entities"));
    }

    @Test
    void convertWhenAnIndicatorComparesIpv4WithNoAddressThenIndicatorIdAndPattern() {
        String id = "indicator--" + uuid4(1);
        objects.addObject().put("type", "indicator").put("spec_version", "2.1").put("id", id)
                .put("created", "2026-01-01T00:00:00.000Z").put("modified", "2026-01-01T00:00:00.000Z")
                .put("pattern", "[ipv4-addr:value = 'x']").put("pattern_type", "stix")
                .put("valid_from", "2026-01-01T00:00:00.000Z");
        ((ArrayNode) report.get("object_refs")).add(id);
        assertRefused(id, "pattern", m -> assertThat(m).contains("IPv4"));
    }

    private ObjectNode ourMarking() {
        for (JsonNode object : objects) {
            if (object.path("extensions").has(Definitions.Extension.MARKINGS.id())) {
                return (ObjectNode) object;
            }
        }
        throw new AssertionError("no Synergie marking");
    }

    private String statement(String id, String text) {
        ObjectNode marking = objects.addObject();
        marking.put("type", "marking-definition").put("spec_version", "2.1").put("id", id)
                .put("created", "2026-01-01T00:00:00.000Z").put("definition_type", "statement");
        marking.putObject("definition").put("statement", text);
        return id;
    }

    /** As OpenCTI writes a PAP marking. */
    private String pap(String id, String level) {
        ObjectNode marking = objects.addObject();
        marking.put("type", "marking-definition").put("spec_version", "2.1").put("id", id)
                .put("created", "2026-01-01T00:00:00.000Z").put("definition_type", "PAP").put("name", level)
                .put("x_opencti_definition_type", "PAP").put("x_opencti_definition", level);
        marking.putObject("definition").put("PAP", level);
        return id;
    }

    /** A version-4-shaped UUID made from a number, for ids the test needs many of. */
    private static String uuid4(int n) {
        return String.format("%08x-0000-4000-8000-%012x", n, n);
    }

    @Test
    void convertWhenBundleHoldsNoReportThenBundleObjects() {
        objects.remove(0);
        assertRefused(bundle.get("id").asString(), "objects", m -> assertThat(m).contains("no report"));
    }
}
