package eu.synergie.stix;

import eu.synergie.core.notice.EntityKind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The fixed parts of the mapping: ids, the schemas we ship, the TLP ids we must not mistype. */
class StixDefinitionsTest {

    @Test
    void uuid5WhenRfc9562ExampleThenItsValue() {
        // RFC 9562 Appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
        assertThat(StixIds.uuid5(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"))
                .isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
    }

    @Test
    void idsWhenMintedThenAsPublished() {
        // TAXII clients keep these ids: changing the namespace or a name breaks every one of them. Pinned here and in
        // docs/stix-mapping.md.
        assertThat(StixExport.reportIdOf(UUID.fromString("0b5f7a52-3c1e-4f0e-9a7d-6c2b8e1f4a90")))
                .isEqualTo("report--511957e9-5d3c-5e8c-9d5c-d862ca4d6ff7");
        assertThat(StixExport.agencyIdentityId("FR-DGPN")).isEqualTo("identity--47ae6012-0d7a-52cc-b062-d195922e8138");
        assertThat(Definitions.Extension.NOTICE.id()).isEqualTo("extension-definition--54cd2317-4724-544a-8ef4-461efd21371d");
        assertThat(Definitions.Extension.MARKINGS.id()).isEqualTo("extension-definition--9c1e313f-b9bc-59ff-99f9-dd2c2f72e764");
        assertThat(Definitions.Extension.ENTITY.id()).isEqualTo("extension-definition--925a3e0c-4279-57f7-9817-fe0839d89448");
        assertThat(Definitions.Extension.ASSET.id()).isEqualTo("extension-definition--2269d458-14b1-514e-b0d2-a1a376d748a9");
        assertThat(Definitions.Extension.OWNERSHIP.id()).isEqualTo("extension-definition--0b6f4df9-ffb7-545e-af0a-a7a42224c626");
        assertThat(Definitions.EXCHANGE_IDENTITY).isEqualTo("identity--92f5ab59-b884-54fa-bf07-094d02206fa6");
    }

    @Test
    void timestampWhenWholeSecondsThenMillisecondsWritten() {
        assertThat(StixIds.timestamp(java.time.Instant.parse("2026-11-21T14:00:00Z"))).isEqualTo("2026-11-21T14:00:00.000Z");
        assertThat(StixIds.timestamp(java.time.Instant.parse("2026-11-21T14:00:00.123456Z"))).isEqualTo("2026-11-21T14:00:00.123456Z");
    }

    @Test
    void schemaWhenEveryExtensionThenShippedUnderItsUrlAndNamingItsDefinition() throws IOException {
        for (Definitions.Extension extension : Definitions.Extension.values()) {
            String resource = "/eu/synergie/stix/schemas/" + extension.name + ".json";
            try (InputStream in = StixExport.class.getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                JsonNode schema = TestNotices.JSON.readTree(in);
                assertThat(schema.get("$id").asString()).isEqualTo(extension.schemaUrl());
                assertThat(schema.get("description").asString()).contains(extension.id());
                if (extension.newSco()) {
                    assertThat(schema.at("/properties/type/const").asString()).isEqualTo(extension.name);
                }
            }
            assertThat(StixSchemas.problems(extension.object())).isEmpty();
        }
    }

    @Test
    void extensionWhenEveryKindWithoutStandardObjectThenOneNewScoType() {
        assertThat(Arrays.stream(EntityKind.values()).filter(k -> Definitions.Extension.ofKind(k).isPresent()))
                .containsExactlyInAnyOrder(EntityKind.PHONE, EntityKind.IBAN, EntityKind.CRYPTO_WALLET, EntityKind.VEHICLE,
                        EntityKind.VESSEL, EntityKind.AIRCRAFT, EntityKind.IDENTITY_DOCUMENT, EntityKind.ASSET);
    }

    @Test
    void tlpWhenOasisMarkingsThenTheirPublishedIds() {
        // cti-stix-common-objects, extension-definition-specifications/tlp-2.0 (the examples) and STIX 2.1 §7.2.1.4.
        assertThat(Definitions.Tlp2.CLEAR.id).isEqualTo("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487");
        assertThat(Definitions.Tlp2.GREEN.id).isEqualTo("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb");
        assertThat(Definitions.Tlp2.AMBER.id).isEqualTo("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421");
        assertThat(Definitions.Tlp2.AMBER_STRICT.id).isEqualTo("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003");
        assertThat(Definitions.Tlp2.RED.id).isEqualTo("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");
        assertThat(Definitions.Tlp1.WHITE.id).isEqualTo("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9");
        assertThat(Definitions.Tlp1.GREEN.id).isEqualTo("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da");
        assertThat(Definitions.Tlp1.AMBER.id).isEqualTo("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82");
        assertThat(Definitions.Tlp1.RED.id).isEqualTo("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed");
        for (Definitions.Tlp2 tlp : Definitions.Tlp2.values()) {
            assertThat(StixSchemas.problems(tlp.object())).isEmpty();
        }
        assertThat(Definitions.Tlp2.AMBER_STRICT.object().get("name").asString()).isEqualTo("TLP:AMBER+STRICT");
    }
}
