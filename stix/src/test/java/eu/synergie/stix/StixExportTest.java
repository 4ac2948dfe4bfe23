package eu.synergie.stix;

import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
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
    void objectsOfWhenWithdrawnThenReportAndItsPersonOrganisationAndAddressObjectsRevoked() {
        Notice v1 = TestNotices.everything();
        Notice withdrawn = TestNotices.nextVersion(v1, Instant.parse("2026-12-03T08:00:00Z"), NoticeStatus.WITHDRAWN);

        List<ObjectNode> objects = StixExport.objectsOf(fetched(withdrawn));
        ObjectNode report = objects.getFirst();

        assertThat(report.get("id").asString()).isEqualTo(StixExport.reportIdOf(v1.noticeId()));
        assertThat(report.get("revoked").asBoolean()).isTrue();
        // The notice's own SDOs (ids from its noticeId) go with it; the agency's identity is shared, and stays.
        List<ObjectNode> entitySdos = objects.stream().filter(o -> o.has("created_by_ref") && o.path("created_by_ref")
                .asString().equals(StixExport.agencyIdentityId(v1.originAgency()))).toList();
        assertThat(entitySdos).extracting(o -> o.get("type").asString()).contains("report", "identity", "location");
        assertThat(entitySdos).allMatch(o -> o.path("revoked").asBoolean(false));
        assertThat(objects).filteredOn(o -> o.get("id").asString().equals(StixExport.agencyIdentityId(v1.originAgency())))
                .singleElement().satisfies(o -> assertThat(o.has("revoked")).isFalse());
        for (ObjectNode object : objects) {
            assertThat(StixSchemas.problems(object)).as(object.toPrettyString()).isEmpty();
        }
    }

    @Test
    void objectsOfWhenEmailHasADisplayNameOrDomainIsNoHostNameThenOurEntityValueTypeKeepsThem() {
        Notice notice = TestNotices.withEntities(TestNotices.everything(), List.of(
                new Entity(EntityKind.EMAIL, "Jean Dupont <jd@example.fr>", null),
                new Entity(EntityKind.DOMAIN, "not a domain!", null),
                new Entity(EntityKind.EMAIL, "jd@example.fr", null),
                new Entity(EntityKind.DOMAIN, "société-générale-sécurité.fr", null)));

        List<ObjectNode> objects = StixExport.objectsOf(fetched(notice));

        assertThat(objects).filteredOn(o -> o.has("value")).extracting(o -> o.get("type").asString() + " "
                + o.path("kind").asString("") + " " + o.get("value").asString()).containsExactly(
                "synergie-entity-value EMAIL Jean Dupont <jd@example.fr>",
                "synergie-entity-value DOMAIN not a domain!",
                "email-addr  jd@example.fr",
                "domain-name  société-générale-sécurité.fr");
        for (ObjectNode object : objects) {
            assertThat(StixSchemas.problems(object)).as(object.toPrettyString()).isEmpty();
        }
    }

    @Test
    void bundleOfWhenTwoVersionsOfOneNoticeThenTheNewestOnlyWhateverTheOrder() {
        Notice v1 = TestNotices.everything();
        Notice v2 = TestNotices.nextVersion(v1, Instant.parse("2026-12-02T09:30:00.250Z"), NoticeStatus.ACTIVE);
        String newest = JSON.writeValueAsString(StixExport.bundleOf(List.of(fetched(v2))));

        assertThat(JSON.writeValueAsString(StixExport.bundleOf(List.of(fetched(v1), fetched(v2))))).isEqualTo(newest);
        assertThat(JSON.writeValueAsString(StixExport.bundleOf(List.of(fetched(v2), fetched(v1))))).isEqualTo(newest);
    }

    @Test
    void objectsOfWhenShellCompanyChainThenAssetObjectsAndOwnershipRelationships() {
        List<ObjectNode> objects = StixExport.objectsOf(fetched(TestNotices.shellCompanies()));
        for (ObjectNode object : objects) {
            assertThat(StixSchemas.problems(object)).as(object.toPrettyString()).isEmpty();
        }
        ObjectNode report = objects.getFirst();
        Map<String, JsonNode> byRef = new java.util.HashMap<>();
        for (ObjectNode object : objects) {
            String ref = object.path("ref").asString(object.path("extensions").path(Definitions.Extension.ENTITY.id())
                    .path("ref").asString(""));
            if (!ref.isEmpty()) {
                byRef.put(ref, object);
            }
        }

        JsonNode villa = byRef.get("villa");
        assertThat(villa.get("type").asString()).isEqualTo("synergie-asset");
        assertThat(villa.get("value").asString()).isEqualTo("Villa Les Oliviers, Ramatuelle");
        assertThat(villa.get("asset_type").asString()).isEqualTo("REAL_ESTATE");
        assertThat(villa.at("/identifiers/cadastralRef").asString()).isEqualTo("83101 000 AB 0123");
        // Text, with the scale as given: a JSON number would be read as a double by many consumers.
        assertThat(villa.at("/estimated_value/amount").isString()).isTrue();
        assertThat(villa.at("/estimated_value/amount").asString()).isEqualTo("2450000.00");
        assertThat(villa.at("/estimated_value/currency").asString()).isEqualTo("EUR");
        assertThat(villa.at("/estimated_value/date").asString()).isEqualTo("2026-09-30");
        assertThat(villa.at("/estimated_value/source").asString()).isEqualTo("expertise judiciaire");
        assertThat(villa.get("jurisdiction").asString()).isEqualTo("FR");
        assertThat(villa.at("/status_history/1/status").asString()).isEqualTo("FROZEN");
        assertThat(villa.at("/status_history/1/date").asString()).isEqualTo("2026-11-02");
        assertThat(villa.at("/extensions/" + Definitions.Extension.ASSET.id() + "/extension_type").asString())
                .isEqualTo("new-sco");
        assertThat(byRef.get("sci").at("/attributes/manager").asString()).isEqualTo("nominee director");
        assertThat(byRef.get("benali").get("type").asString()).isEqualTo("identity");

        List<ObjectNode> relationships = objects.stream().filter(o -> o.get("type").asString().equals("relationship")).toList();
        assertThat(relationships).hasSize(6);
        assertThat(relationships).extracting(r -> r.get("relationship_type").asString())
                .containsExactly("owns", "beneficially-owns", "owns", "owns", "owns", "beneficially-owns");
        assertThat(report.get("object_refs").valueStream().map(JsonNode::asString))
                .containsAll(relationships.stream().map(r -> r.get("id").asString()).toList());
        JsonNode yachtHeld = relationships.get(4);
        assertThat(yachtHeld.get("source_ref").asString()).isEqualTo(byRef.get("azur").get("id").asString());
        assertThat(yachtHeld.get("target_ref").asString()).isEqualTo(byRef.get("yacht").get("id").asString());
        // Held on 2021-01-01 only: from the start of that day to the start of the next (STIX wants stop after start).
        assertThat(yachtHeld.get("start_time").asString()).isEqualTo("2021-01-01T00:00:00.000Z");
        assertThat(yachtHeld.get("stop_time").asString()).isEqualTo("2021-01-02T00:00:00.000Z");
        assertThat(yachtHeld.at("/extensions/" + Definitions.Extension.OWNERSHIP.id() + "/share").asString()).isEqualTo("33.33");
        JsonNode beneficialOfYacht = relationships.get(5);
        assertThat(beneficialOfYacht.has("stop_time")).isFalse();
        assertThat(beneficialOfYacht.has("extensions")).isFalse();
        for (JsonNode relationship : relationships) {
            assertThat(relationship.get("object_marking_refs")).isEqualTo(report.get("object_marking_refs"));
            assertThat(relationship.get("created_by_ref")).isEqualTo(report.get("created_by_ref"));
            assertThat(relationship.get("created")).isEqualTo(report.get("created"));
            assertThat(relationship.get("modified")).isEqualTo(report.get("modified"));
        }
        assertThat(objects.stream().map(o -> o.get("id").asString())).contains(Definitions.Extension.ASSET.id(),
                Definitions.Extension.OWNERSHIP.id());
    }

    @Test
    void objectsOfWhenShellCompanyChainNextVersionThenSameRelationshipIdsNewerModified() {
        Notice v1 = TestNotices.shellCompanies();
        Notice v2 = TestNotices.nextVersion(v1, Instant.parse("2026-12-02T09:30:00Z"), NoticeStatus.WITHDRAWN);

        List<JsonNode> first = relationshipsOf(v1);
        List<JsonNode> second = relationshipsOf(v2);

        assertThat(second).extracting(r -> r.get("id").asString())
                .containsExactlyElementsOf(first.stream().map(r -> r.get("id").asString()).toList())
                .doesNotHaveDuplicates();
        assertThat(second).allSatisfy(r -> {
            assertThat(r.get("modified").asString()).isEqualTo("2026-12-02T09:30:00.000Z");
            assertThat(r.get("revoked").asBoolean()).isTrue();
        });
    }

    private static List<JsonNode> relationshipsOf(Notice notice) {
        return StixExport.objectsOf(fetched(notice)).stream().filter(o -> o.get("type").asString().equals("relationship"))
                .map(JsonNode.class::cast).toList();
    }
}
