package eu.synergie.stix;

import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.Tlp;
import eu.synergie.stix.Conversion.Unmapped;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static eu.synergie.stix.TestNotices.fetched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** A notice exported, then imported as another agency's feed: the same content, entities and markings. */
class StixRoundTripTest {

    private static final ImportDefaults BELGIUM = ImportDefaults.of("BE-PJF", "EU-WEST");

    static Conversion convertExport(Notice notice, ImportDefaults defaults) {
        JsonNode bundle = TestNotices.JSON.readTree(TestNotices.JSON.writeValueAsString(
                StixExport.bundleOf(List.of(fetched(notice)))));
        List<Conversion> conversions = StixImport.convert(bundle, defaults);
        assertThat(conversions).hasSize(1);
        return conversions.getFirst();
    }

    /**
     * The notice that comes back; what is listed as not mapped is only what an importer never takes over: the
     * originating agency (the importer is the originator) and the federation list (the importer decides).
     */
    static Notice roundTrip(Notice notice, ImportDefaults defaults) {
        Conversion conversion = convertExport(notice, defaults);
        List<String> expected = new ArrayList<>(List.of(StixExport.agencyIdentityId(notice.originAgency())));
        if (!notice.markings().federation().isEmpty()) {
            expected.add(StixExport.markingOf(notice.markings()).get("id").asString());
        }
        assertThat(conversion.unmapped()).extracting(Unmapped::id).containsExactlyElementsOf(expected);
        assertThat(conversion.unreadMarkings()).isEmpty();
        return conversion.notice();
    }

    /**
     * Every field compared, including any added later, but for what the importer's own: the noticeId (derived from the
     * importer and the report), originAgency and region (the importer's), federation (the importer decides, so none).
     */
    static void assertSameContent(Notice back, Notice original, ImportDefaults defaults) {
        assertThat(back).usingRecursiveComparison()
                .ignoringFields("noticeId", "markings.originAgency", "markings.region", "markings.federation")
                .isEqualTo(original);
        assertThat(back.markings().federation()).isEmpty();
        assertThat(back.originAgency()).isEqualTo(defaults.originAgency());
        assertThat(back.region()).isEqualTo(defaults.region());
    }

    @Test
    void convertWhenOurExportOfEveryKindAndMarkingThenSameNoticeUnderTheImportingAgency() {
        Notice original = TestNotices.everything();

        Notice back = roundTrip(original, BELGIUM);

        assertSameContent(back, original, BELGIUM);
        assertThat(back.originAgency()).isEqualTo("BE-PJF");
        assertThat(back.noticeId()).isNotEqualTo(original.noticeId());
    }

    @Test
    void convertWhenSameReportImportedTwiceThenSameNoticeId() {
        Notice original = TestNotices.everything();
        assertThat(roundTrip(original, BELGIUM).noticeId()).isEqualTo(roundTrip(original, BELGIUM).noticeId());
        assertThat(roundTrip(original, ImportDefaults.of("ES-CNP", "EU-WEST")).noticeId())
                .isNotEqualTo(roundTrip(original, BELGIUM).noticeId());
    }

    @Test
    void convertWhenLaterVersionWithdrawnThenSameNoticeIdLaterVersionWithdrawn() {
        Notice v1 = TestNotices.everything();
        Notice v2 = TestNotices.nextVersion(v1, Instant.parse("2026-12-02T09:30:00.250Z"), NoticeStatus.WITHDRAWN);

        Notice back1 = roundTrip(v1, BELGIUM);
        Notice back2 = roundTrip(v2, BELGIUM);

        assertSameContent(back2, v2, BELGIUM);
        assertThat(back2.noticeId()).isEqualTo(back1.noticeId());
        assertThat(back2.compareVersion(back1.version(), back1.issuedAt())).isPositive();
    }

    @Test
    void convertWhenEveryDemoNoticeThenEachComesBackEqual() {
        for (Notice original : TestNotices.demo()) {
            ImportDefaults defaults = ImportDefaults.of("BE-PJF", original.region());
            assertSameContent(roundTrip(original, defaults), original, defaults);
        }
    }

    @Test
    void convertWhenTlpRedReleasableToNamedAgenciesThenRedForTheSameAgencies() {
        Notice full = TestNotices.everything();
        Markings m = full.markings();
        Notice red = TestNotices.withMarkings(full, new Markings(m.region(), m.originAgency(), m.classification(),
                HandlingCode.H1, null, Tlp.RED, Set.of("BE-PJF", "NL-NP"), Dissemination.POINTER));

        assertSameContent(roundTrip(red, BELGIUM), red, BELGIUM);
    }

    @Test
    void convertWhenEmailAndDomainValuesNoStandardObjectHoldsThenTheyComeBackAsGiven() {
        Notice original = TestNotices.withEntities(TestNotices.everything(), List.of(
                new Entity(EntityKind.EMAIL, "Jean Dupont <jd@example.fr>", Map.of("source", "carnet saisi")),
                new Entity(EntityKind.DOMAIN, "not a domain!", null),
                new Entity(EntityKind.DOMAIN, "société-générale-sécurité.fr", null)));

        assertSameContent(roundTrip(original, BELGIUM), original, BELGIUM);
    }

    @Test
    void convertWhenAmberStrictForTheWholeRegionThenReleasableToTheImporterOnly() {
        Notice full = TestNotices.everything();
        Markings m = full.markings();
        Notice regionWide = TestNotices.withMarkings(full, new Markings(m.region(), m.originAgency(), m.classification(),
                m.handlingCode(), m.handlingNote(), Tlp.AMBER_STRICT, null, m.dissemination(), m.federation()));

        Notice back = roundTrip(regionWide, BELGIUM);

        // The importer is one of the readers, and TLP:AMBER+STRICT goes no further than a reader's organisation.
        assertThat(back.markings().tlp()).isEqualTo(Tlp.AMBER_STRICT);
        assertThat(back.markings().releasableTo()).containsExactly("BE-PJF");
    }

    @Test
    void convertWhenNoticeWithoutEntitiesOrOptionalFieldsThenComesBackEqual() {
        Notice full = TestNotices.everything();
        Notice bare = new Notice(full.noticeId(), full.type(), "Mode opératoire : faux conseillers bancaires", null, "fr",
                full.issuedAt(), null, new Markings("EU-WEST", "FR-DGPN", full.markings().classification(),
                HandlingCode.H0, null, Tlp.CLEAR, null, Dissemination.FULL),
                null, null, null, List.of());

        assertSameContent(roundTrip(bare, BELGIUM), bare, BELGIUM);
    }

    @Test
    void convertWhenShellCompanyChainThenAssetsRefsAndOwnershipsComeBackEqual() {
        Notice original = TestNotices.shellCompanies();
        assertThat(StixSchemas.bundleProblems(StixExport.bundleOf(List.of(fetched(original))))).isEmpty();

        Notice back = roundTrip(original, BELGIUM);

        assertSameContent(back, original, BELGIUM);
        // Records compare their BigDecimals with equals: 2450000.00 is not 2450000, 99.50 is not 99.5.
        assertThat(back.entities()).isEqualTo(original.entities());
        assertThat(back.relations()).isEqualTo(original.relations());
    }

    @Test
    void convertWhenShellCompanyChainWithdrawnInALaterVersionThenTheSameRelations() {
        Notice v2 = TestNotices.nextVersion(TestNotices.shellCompanies(), Instant.parse("2026-12-02T09:30:00Z"),
                NoticeStatus.WITHDRAWN);

        assertSameContent(roundTrip(v2, BELGIUM), v2, BELGIUM);
    }

    @Test
    void convertWhenTracingRequestThenTheRequestComesBackEqual() {
        Notice request = TestNotices.tracingRequest();
        ObjectNode bundle = StixExport.bundleOf(List.of(fetched(request)));
        assertThat(StixSchemas.bundleProblems(bundle)).isEmpty();
        JsonNode extension = bundle.get("objects").get(0).get("extensions").get(Definitions.Extension.NOTICE.id());
        assertThat(extension.get("request").get("jurisdictions").valueStream().map(JsonNode::asString))
                .containsExactly("BE", "ES", "MA");
        assertThat(extension.get("request").get("reply_by").asString()).isEqualTo("2027-01-15");

        Notice back = roundTrip(request, BELGIUM);

        assertSameContent(back, request, BELGIUM);
        assertThat(back.request()).isEqualTo(request.request());
    }

    @Test
    void convertWhenReplyThenItAnswersTheRequestAsImportedByTheSameAgency() {
        Notice request = TestNotices.tracingRequest();
        Notice reply = TestNotices.tracingReply(request);
        ObjectNode bundle = StixExport.bundleOf(List.of(fetched(reply)));
        assertThat(StixSchemas.bundleProblems(bundle)).isEmpty();
        JsonNode report = bundle.get("objects").get(0);
        assertThat(report.get("extensions").get(Definitions.Extension.NOTICE.id()).get("reply_to").asString())
                .isEqualTo("3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
        // The request's report is not in the bundle: referring to it would leave a dangling ref.
        assertThat(report.get("object_refs").valueStream().map(JsonNode::asString))
                .doesNotContain(StixExport.reportIdOf(request.noticeId()));

        Notice back = roundTrip(reply, BELGIUM);

        // The importer gives the request a noticeId of its own: the reply follows it, so the two stay linked.
        assertThat(back.replyTo()).isEqualTo(roundTrip(request, BELGIUM).noticeId()).isNotEqualTo(request.noticeId());
        assertThat(back).usingRecursiveComparison()
                .ignoringFields("noticeId", "replyTo", "markings.originAgency", "markings.region", "markings.federation")
                .isEqualTo(reply);
    }

    @Test
    void convertWhenRequestAndReplyInOneBundleThenBothAndTheLinkBetweenThem() {
        Notice request = TestNotices.tracingRequest();
        Notice reply = TestNotices.tracingReply(request);
        ObjectNode bundle = StixExport.bundleOf(List.of(fetched(request), fetched(reply)));
        assertThat(StixSchemas.bundleProblems(bundle)).isEmpty();

        List<Conversion> conversions = StixImport.convert(TestNotices.JSON.readTree(
                TestNotices.JSON.writeValueAsString(bundle)), BELGIUM);

        assertThat(conversions).hasSize(2);
        Notice requestBack = conversions.stream().map(Conversion::notice).filter(n -> n.request() != null)
                .findFirst().orElseThrow();
        Notice replyBack = conversions.stream().map(Conversion::notice).filter(n -> n.replyTo() != null)
                .findFirst().orElseThrow();
        assertThat(replyBack.replyTo()).isEqualTo(requestBack.noticeId());
        assertThat(requestBack.request()).isEqualTo(request.request());
    }

    @Test
    void convertWhenRelationshipsANoticeCannotHoldThenListedNotMapped() {
        Notice original = TestNotices.shellCompanies();
        ObjectNode bundle = StixExport.bundleOf(List.of(fetched(original)));
        ArrayNode objects = (ArrayNode) bundle.get("objects");
        ObjectNode report = (ObjectNode) objects.get(0);
        String person = objects.valueStream().filter(o -> o.get("type").asString().equals("identity")
                && o.path("identity_class").asString("").equals("individual")).findFirst().orElseThrow().get("id").asString();
        String iban = objects.valueStream().filter(o -> o.get("type").asString().equals("synergie-iban"))
                .findFirst().orElseThrow().get("id").asString();
        // owns an IBAN that has no ref (and is no asset); related-to, which is no ownership.
        ObjectNode owns = relationship("relationship--6a0d1c2e-3f4b-4c5d-8e6f-7a8b9c0d1e2f", "owns", person, iban);
        ObjectNode related = relationship("relationship--7b1e2d3f-4a5c-4d6e-9f70-8b9c0d1e2f30", "related-to", person, iban);
        objects.add(owns);
        objects.add(related);
        ((ArrayNode) report.get("object_refs")).add(owns.get("id").asString()).add(related.get("id").asString());

        Conversion conversion = StixImport.convert(bundle, BELGIUM).getFirst();

        assertThat(conversion.unmapped()).filteredOn(u -> u.type().equals("relationship"))
                .extracting(Unmapped::id, Unmapped::reason)
                .containsExactly(tuple(related.get("id").asString(), "a related-to relationship: a notice holds ownerships "
                                + "only (owns, beneficially-owns)"),
                        tuple(owns.get("id").asString(), "owns relationship a notice cannot hold: its source or target "
                                + "has no Synergie ref"));
        assertThat(conversion.notice().relations()).isEqualTo(original.relations());
    }

    private static ObjectNode relationship(String id, String type, String source, String target) {
        ObjectNode relationship = TestNotices.JSON.createObjectNode();
        relationship.put("type", "relationship");
        relationship.put("spec_version", "2.1");
        relationship.put("id", id);
        relationship.put("created", "2026-11-28T10:00:00.000Z");
        relationship.put("modified", "2026-11-28T10:00:00.000Z");
        relationship.put("relationship_type", type);
        relationship.put("source_ref", source);
        relationship.put("target_ref", target);
        return relationship;
    }

    @Test
    void convertWhenImportedIntoAnotherRegionThenTheOriginalRegionListedAsNotKept() {
        Conversion conversion = convertExport(TestNotices.everything(), ImportDefaults.of("BE-PJF", "EU-CENTRAL"));

        assertThat(conversion.notice().region()).isEqualTo("EU-CENTRAL");
        assertThat(conversion.unmapped()).filteredOn(u -> u.type().equals("report")).singleElement()
                .satisfies(u -> assertThat(u.reason()).contains("region EU-WEST").contains("EU-CENTRAL"));
    }
}
