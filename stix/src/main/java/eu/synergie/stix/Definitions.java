package eu.synergie.stix;

import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.Tlp;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The fixed STIX objects of the mapping: the OASIS TLP 2.0 marking definitions (their published ids), the TLP 1.0
 * ids of STIX 2.1 §7.2.1.4 (read on import only), our extension definitions and the identity that defines them.
 */
final class Definitions {

    /** When our extension definitions and marking definitions were first published; they never change. */
    static final String DEFINED = "2026-12-01T00:00:00.000Z";

    /**
     * {@code created} of a notice's report and entity objects. STIX requires it to stay the same across versions,
     * and a notice carries only its current version's {@code issuedAt}: "not known" is the honest value, and the
     * epoch is never after any {@code modified}. The version's own time is in {@code modified} and {@code published}.
     */
    static final String CREATED_UNKNOWN = "1970-01-01T00:00:00.000Z";

    static final String SPEC_VERSION = "2.1";

    /** Where our extension schemas are named; the files ship in this jar under {@code eu/synergie/stix/schemas/}. */
    static final String SCHEMA_BASE = "https://schemas.synergie.eu/stix/2.1/";

    /** The OASIS TLP 2.0 extension (cti-stix-common-objects, extension-definition-specifications/tlp-2.0). */
    static final String TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    /** The OASIS TLP 2.0 marking definitions; {@code created} is theirs, fixed at 2022-10-01. */
    enum Tlp2 {
        CLEAR(Tlp.CLEAR, "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "clear"),
        GREEN(Tlp.GREEN, "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "green"),
        AMBER(Tlp.AMBER, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "amber"),
        AMBER_STRICT(Tlp.AMBER_STRICT, "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "amber+strict"),
        RED(Tlp.RED, "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "red");

        final Tlp tlp;
        final String id;
        final String level;

        Tlp2(Tlp tlp, String id, String level) {
            this.tlp = tlp;
            this.id = id;
            this.level = level;
        }

        static Tlp2 of(Tlp tlp) {
            return Arrays.stream(values()).filter(t -> t.tlp == tlp).findFirst().orElseThrow();
        }

        static Optional<Tlp2> byId(String id) {
            return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
        }

        static Optional<Tlp2> byLevel(String level) {
            return Arrays.stream(values()).filter(t -> t.level.equals(level)).findFirst();
        }

        /** The object exactly as OASIS publishes it. */
        ObjectNode object() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("type", "marking-definition");
            node.put("spec_version", SPEC_VERSION);
            node.put("id", id);
            node.put("created", "2022-10-01T00:00:00.000Z");
            node.put("name", "TLP:" + level.toUpperCase(Locale.ROOT));
            ObjectNode extension = node.putObject("extensions").putObject(TLP2_EXTENSION);
            extension.put("extension_type", "property-extension");
            extension.put("tlp_2_0", level);
            return node;
        }
    }

    /** TLP 1.0 (STIX 2.1 §7.2.1.4): read on import, WHITE as CLEAR; never written. */
    enum Tlp1 {
        WHITE(Tlp.CLEAR, "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"),
        GREEN(Tlp.GREEN, "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"),
        AMBER(Tlp.AMBER, "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"),
        RED(Tlp.RED, "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed");

        final Tlp tlp;
        final String id;

        Tlp1(Tlp tlp, String id) {
            this.tlp = tlp;
            this.id = id;
        }

        static Optional<Tlp1> byId(String id) {
            return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
        }
    }

    /** Our extension definitions (STIX 2.1 §7.3): four property extensions and the new observable types. */
    enum Extension {
        NOTICE("synergie-notice", "property-extension", null, "Synergie notice",
                "What a report of a Synergie notice carries beyond STIX: notice id and version, region, validity and the "
                        + "source grading (source reliability A/B/C/X, information reliability 1-4)."),
        ENTITY("synergie-entity", "property-extension", null, "Synergie entity attributes",
                "The free attributes a Synergie notice gives an entity (birth date, nationality, flag...), on the "
                        + "standard STIX object the entity maps to; for a protected person (victim, witness, "
                        + "whistle-blower, informant) its role, the name being then a pseudonym of the originating agency."),
        MARKINGS("synergie-markings", "property-extension", null, "Synergie markings",
                "A marking of a Synergie exchange: classification, Europol handling code and note, releasability, "
                        + "dissemination of hits and the peer exchanges a notice may cross to."),
        PHONE("synergie-phone-number", "new-sco", EntityKind.PHONE, "Phone number",
                "A telephone number, as given (E.164 when the originator normalised it)."),
        IBAN("synergie-iban", "new-sco", EntityKind.IBAN, "IBAN", "An international bank account number (ISO 13616)."),
        CRYPTO_WALLET("synergie-crypto-wallet", "new-sco", EntityKind.CRYPTO_WALLET, "Crypto-asset wallet",
                "A crypto-asset address (Bitcoin, Ethereum, Monero...); the chain, when known, is an attribute."),
        VEHICLE("synergie-vehicle", "new-sco", EntityKind.VEHICLE, "Vehicle",
                "A road vehicle by its registration plate or VIN."),
        VESSEL("synergie-vessel", "new-sco", EntityKind.VESSEL, "Vessel", "A ship by its IMO number, MMSI or name."),
        AIRCRAFT("synergie-aircraft", "new-sco", EntityKind.AIRCRAFT, "Aircraft", "An aircraft by its registration mark."),
        IDENTITY_DOCUMENT("synergie-identity-document", "new-sco", EntityKind.IDENTITY_DOCUMENT, "Identity document",
                "A passport, identity card or other identity document by its number; type and issuing country are "
                        + "attributes."),
        ASSET("synergie-asset", "new-sco", EntityKind.ASSET, "Asset",
                "An asset named for recovery (real estate, vehicle, vessel, aircraft, bank account, crypto-asset wallet, "
                        + "company, cash...): its type, register identifiers, estimated value, jurisdiction and the dated "
                        + "steps of the recovery procedure."),
        OWNERSHIP("synergie-ownership", "property-extension", null, "Synergie ownership",
                "The share of an asset an owner holds, per cent, on the owns or beneficially-owns relationship of a "
                        + "Synergie notice."),
        OTHER("synergie-entity-value", "new-sco", null, "Synergie entity",
                "An entity whose value the standard STIX object of its kind cannot hold (an IP address that is not one), "
                        + "kept with its Synergie kind rather than dropped.");

        /** The extension's name; for a new SCO, also the object type. */
        final String name;
        final String extensionType;
        final EntityKind kind;
        final String title;
        final String description;

        Extension(String name, String extensionType, EntityKind kind, String title, String description) {
            this.name = name;
            this.extensionType = extensionType;
            this.kind = kind;
            this.title = title;
            this.description = description;
        }

        String id() {
            return StixIds.id("extension-definition", "extension-definition:" + name);
        }

        String schemaUrl() {
            return SCHEMA_BASE + name + ".json";
        }

        boolean newSco() {
            return extensionType.equals("new-sco");
        }

        static Optional<Extension> ofKind(EntityKind kind) {
            return Arrays.stream(values()).filter(e -> e.kind == kind).findFirst();
        }

        static Optional<Extension> byType(String type) {
            return Arrays.stream(values()).filter(e -> e.newSco() && e.name.equals(type)).findFirst();
        }

        static Optional<Extension> byId(String id) {
            return Arrays.stream(values()).filter(e -> e.id().equals(id)).findFirst();
        }

        ObjectNode object() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("type", "extension-definition");
            node.put("spec_version", SPEC_VERSION);
            node.put("id", id());
            node.put("created_by_ref", EXCHANGE_IDENTITY);
            node.put("created", DEFINED);
            node.put("modified", DEFINED);
            node.put("name", title);
            node.put("description", description);
            node.put("schema", schemaUrl());
            node.put("version", "1.0.0");
            node.putArray("extension_types").add(extensionType);
            return node;
        }
    }

    /** The identity that defines our extensions: the Synergie exchange software, not any one deployment. */
    static final String EXCHANGE_IDENTITY = StixIds.id("identity", "identity:synergie");

    static ObjectNode exchangeIdentity() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "identity");
        node.put("spec_version", SPEC_VERSION);
        node.put("id", EXCHANGE_IDENTITY);
        node.put("created", DEFINED);
        node.put("modified", DEFINED);
        node.put("name", "Synergie");
        node.put("description", "Synergie, the intelligence-sharing exchange of law-enforcement agencies: the author "
                + "of the Synergie STIX extensions.");
        node.put("identity_class", "system");
        return node;
    }

    private Definitions() {
    }
}
