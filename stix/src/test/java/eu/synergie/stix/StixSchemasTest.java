package eu.synergie.stix;

import eu.synergie.core.notice.Notice;
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
    void problemsWhenEmailValueHasADisplayNameThenReported() {
        ObjectNode email = first("email-addr");
        email.put("value", "Jean Dupont <jd@example.fr>");
        assertThat(StixSchemas.problems(email)).isNotEmpty();
    }

    @Test
    void problemsWhenDomainValueIsNoHostNameThenReported() {
        ObjectNode domain = first("domain-name");
        domain.put("value", "not a domain!");
        assertThat(StixSchemas.problems(domain)).isNotEmpty();
    }

    @Test
    void problemsWhenTlpMarkingAlteredThenReported() {
        ObjectNode tlp = first("marking-definition");
        tlp.put("definition_type", "tlp");
        assertThat(StixSchemas.problems(tlp)).isNotEmpty();
    }

    private final List<ObjectNode> shell = StixExport.objectsOf(fetched(TestNotices.shellCompanies()));

    private ObjectNode firstOfShell(String type) {
        return shell.stream().filter(o -> o.get("type").asString().equals(type)).findFirst().orElseThrow().deepCopy();
    }

    @Test
    void problemsWhenAssetAmountIsAJsonNumberThenReported() {
        ObjectNode asset = firstOfShell("synergie-asset");
        assertThat(StixSchemas.problems(asset)).isEmpty();
        asset.putObject("estimated_value").put("amount", 2450000.5).put("currency", "EUR").put("date", "2026-09-30");
        assertThat(StixSchemas.problems(asset)).isNotEmpty();
    }

    @Test
    void problemsWhenAssetTypeUnknownOrMissingThenReported() {
        ObjectNode asset = firstOfShell("synergie-asset");
        asset.put("asset_type", "CASTLE");
        assertThat(StixSchemas.problems(asset)).isNotEmpty();
        asset.remove("asset_type");
        assertThat(StixSchemas.problems(asset)).isNotEmpty();
    }

    @Test
    void problemsWhenOwnershipShareIsAJsonNumberThenReported() {
        ObjectNode relationship = firstOfShell("relationship");
        assertThat(StixSchemas.problems(relationship)).isEmpty();
        ((ObjectNode) relationship.get("extensions").get(Definitions.Extension.OWNERSHIP.id())).put("share", 60);
        assertThat(StixSchemas.problems(relationship)).isNotEmpty();
    }

    @Test
    void problemsWhenRelationshipStartTimeIsADateThenReported() {
        ObjectNode relationship = firstOfShell("relationship");
        relationship.put("start_time", "2019-03-01");
        assertThat(StixSchemas.problems(relationship)).isNotEmpty();
    }

    private static ObjectNode noticeExtension(ObjectNode report) {
        return (ObjectNode) report.get("extensions").get(Definitions.Extension.NOTICE.id());
    }

    private static ObjectNode tracingReport(Notice notice) {
        return StixExport.objectsOf(fetched(notice)).getFirst().deepCopy();
    }

    @Test
    void problemsWhenRequestReplyByOrJurisdictionMalformedThenReported() {
        ObjectNode report = tracingReport(TestNotices.tracingRequest());
        assertThat(StixSchemas.problems(report)).isEmpty();
        ((ObjectNode) noticeExtension(report).get("request")).put("reply_by", "15/01/2027");
        assertThat(StixSchemas.problems(report)).isNotEmpty();

        ObjectNode lowerCase = tracingReport(TestNotices.tracingRequest());
        ((ObjectNode) noticeExtension(lowerCase).get("request")).putArray("jurisdictions").add("es");
        assertThat(StixSchemas.problems(lowerCase)).isNotEmpty();
    }

    @Test
    void problemsWhenReplyToNoNoticeIdOrBesideARequestThenReported() {
        Notice request = TestNotices.tracingRequest();
        ObjectNode reply = tracingReport(TestNotices.tracingReply(request));
        assertThat(StixSchemas.problems(reply)).isEmpty();
        noticeExtension(reply).put("reply_to", StixExport.reportIdOf(request.noticeId()));
        assertThat(StixSchemas.problems(reply)).isNotEmpty();

        ObjectNode both = tracingReport(request);
        noticeExtension(both).put("reply_to", "4d2e3f50-6b7c-4d8e-9fa0-1b2c3d4e5f60");
        assertThat(StixSchemas.problems(both)).isNotEmpty();
    }
}
