package eu.synergie.stix;

import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.index.NoticeProvenance;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Notices for the tests: the demo's, and one that sets every field and names every entity kind. */
final class TestNotices {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private TestNotices() {
    }

    static FetchedNotice fetched(Notice notice) {
        return new FetchedNotice(notice, new NoticeProvenance(notice.originAgency(), "1A2B", "ab".repeat(32),
                notice.issuedAt(), notice.issuedAt().plusSeconds(2), "synergie.notices." + notice.region(), 0, 42));
    }

    /**
     * The demo's notices: {@code demo-notices.json} is a copy of the gateway's
     * {@code src/main/resources/eu/synergie/gateway/demo/notices.json}, with the ids its loader (DemoData) gives them.
     */
    static List<Notice> demo() {
        List<Notice> out = new ArrayList<>();
        for (JsonNode node : read("/demo-notices.json")) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            copy.put("noticeId", UUID.nameUUIDFromBytes(("synergie-demo:" + node.get("caseRef").asString())
                    .getBytes(StandardCharsets.UTF_8)).toString());
            out.add(NoticeJson.read(JSON.writeValueAsBytes(copy)));
        }
        return out;
    }

    static JsonNode read(String resource) {
        try (InputStream in = TestNotices.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every entity kind, with attributes on several; every marking field set. */
    static Notice everything() {
        List<Entity> entities = new ArrayList<>();
        entities.add(new Entity(EntityKind.PERSON, "Jean DUPONT", Map.of("birthDate", "1980-02-01", "nationality", "FR")));
        entities.add(new Entity(EntityKind.ORGANIZATION, "SARL Bâtir Sud Rénovation", Map.of("registration", "RCS Marseille 812 345 678")));
        entities.add(new Entity(EntityKind.PHONE, "+33612345678", null));
        entities.add(new Entity(EntityKind.EMAIL, "j.dupont80@protonmail.com", null));
        entities.add(new Entity(EntityKind.IBAN, "FR7630006000011234567890189", Map.of("bank", "Société Générale")));
        entities.add(new Entity(EntityKind.CRYPTO_WALLET, "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", Map.of("chain", "BTC")));
        entities.add(new Entity(EntityKind.VEHICLE, "AB-123-CD", Map.of("country", "FR")));
        entities.add(new Entity(EntityKind.VESSEL, "IMO 9398242", Map.of("flag", "PA")));
        entities.add(new Entity(EntityKind.AIRCRAFT, "F-GKXA", null));
        entities.add(new Entity(EntityKind.IDENTITY_DOCUMENT, "18AB12345", Map.of("type", "PASSPORT", "country", "FR")));
        entities.add(new Entity(EntityKind.ADDRESS, "12 rue de la République, 13001 Marseille", Map.of("country", "FR")));
        entities.add(new Entity(EntityKind.ADDRESS, "Quai des Belges, Marseille", null));
        entities.add(new Entity(EntityKind.IP_ADDRESS, "185.220.101.4", null));
        entities.add(new Entity(EntityKind.IP_ADDRESS, "2001:db8::7", null));
        entities.add(new Entity(EntityKind.IP_ADDRESS, "10.1", Map.of("note", "as written in the seized notebook")));
        entities.add(new Entity(EntityKind.DOMAIN, "colis-suivi-laposte.top", null));
        Markings markings = new Markings("EU-WEST", "FR-DGPN", Classification.CONFIDENTIAL, HandlingCode.H3,
                "Ne pas agir avant d'avoir contacté l'officier de permanence de l'OFAST", Tlp.AMBER_STRICT,
                Set.of("BE-PJF", "ES-CNP"), Dissemination.POINTER, Set.of("EXCH-MED"));
        return new Notice(UUID.fromString("0b5f7a52-3c1e-4f0e-9a7d-6c2b8e1f4a90"), NoticeType.MONEY_LAUNDERING,
                "Blanchiment par sociétés écrans dans le BTP",
                "Sociétés éphémères du bâtiment émettant de fausses factures ; fonds transférés vers des comptes en "
                        + "Belgique puis retirés en espèces.",
                "fr", Instant.parse("2026-11-21T14:00:00Z"), Instant.parse("2027-11-20T00:00:00Z"), markings, "B", "3",
                "PJ-MRS-2026-0412", entities, 1, NoticeStatus.ACTIVE);
    }

    /** The same notice, a later version. */
    static Notice nextVersion(Notice n, Instant issuedAt, NoticeStatus status) {
        return new Notice(n.noticeId(), n.type(), n.title() + " (mise à jour)", n.summary(), n.language(), issuedAt,
                n.validUntil(), n.markings(), n.sourceReliability(), n.infoReliability(), n.caseRef(), n.entities(),
                n.version() + 1, status);
    }

    static Map<String, JsonNode> byId(List<? extends JsonNode> objects) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        objects.forEach(o -> out.put(o.get("id").asString(), o));
        return out;
    }
}
