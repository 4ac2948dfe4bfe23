package eu.synergie.stix;

import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.index.NoticeProvenance;
import eu.synergie.core.notice.Asset;
import eu.synergie.core.notice.AssetStatus;
import eu.synergie.core.notice.AssetType;
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
import eu.synergie.core.notice.Ownership;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.notice.TracingRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
        // A protected witness: a pseudonym, its role in our extension, nothing else.
        entities.add(new Entity(EntityKind.PERSON, "W-3f9a0c1b2d4e5f60718293a4", Map.of(), null, null,
                eu.synergie.core.notice.ProtectedRole.WITNESS));
        entities.add(new Entity(EntityKind.PHONE, "+33612345678", null));
        entities.add(new Entity(EntityKind.EMAIL, "j.dupont80@protonmail.com", Map.of("displayName", "Jean Dupont")));
        // The same phone again: a notice may name a value twice (two roles), and both come back.
        entities.add(new Entity(EntityKind.PHONE, "+33612345678", Map.of("role", "second line")));
        entities.add(new Entity(EntityKind.PHONE, "+33612345678", null));
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

    /**
     * A shell-company chain, as asset recovery offices trace one: a beneficial owner, a Maltese holding, a French
     * property company, the villa it holds and a yacht the holding held for a while. The IMO number 9074729 is the
     * example of IMO Resolution A.1117(30)'s check digit (also in exchange-core's AssetIdentifiersTest); company
     * numbers and the cadastral reference are made up (they have no check digit to get wrong).
     */
    static Notice shellCompanies() {
        List<Entity> entities = List.of(
                new Entity(EntityKind.PERSON, "Karim BENALI", Map.of("birthDate", "1975-04-12"), "benali", null),
                new Entity(EntityKind.ASSET, "Azur Holding Ltd", null, "azur", new Asset(AssetType.COMPANY,
                        Map.of("companyNumber", "C 81234"), null, "MT", null)),
                new Entity(EntityKind.ASSET, "SCI Les Oliviers", Map.of("manager", "nominee director"), "sci",
                        new Asset(AssetType.COMPANY, Map.of("companyNumber", "812 345 678"), null, "FR", null)),
                new Entity(EntityKind.ASSET, "Villa Les Oliviers, Ramatuelle", null, "villa", new Asset(AssetType.REAL_ESTATE,
                        Map.of("cadastralRef", "83101 000 AB 0123"),
                        new Asset.Valuation(new BigDecimal("2450000.00"), Currency.getInstance("EUR"),
                                LocalDate.parse("2026-09-30"), "expertise judiciaire"), "FR",
                        List.of(new Asset.Step(AssetStatus.IDENTIFIED, LocalDate.parse("2026-09-12")),
                                new Asset.Step(AssetStatus.FROZEN, LocalDate.parse("2026-11-02"))))),
                new Entity(EntityKind.ASSET, "Yacht Sirène", null, "yacht", new Asset(AssetType.VESSEL,
                        Map.of("imo", "IMO 9074729", "mmsi", "248123456"),
                        new Asset.Valuation(new BigDecimal("4200000"), Currency.getInstance("USD"),
                                LocalDate.parse("2026-10-01"), null), "MT", null)),
                // Not in any relation: an entity without a ref stays without one.
                new Entity(EntityKind.IBAN, "FR7630006000011234567890189", null));
        List<Ownership> relations = List.of(
                new Ownership("benali", "azur", Ownership.Kind.LEGAL, new BigDecimal("60"), LocalDate.parse("2019-03-01"), null),
                new Ownership("benali", "villa", Ownership.Kind.BENEFICIAL, new BigDecimal("59.7"), null, null),
                new Ownership("azur", "sci", Ownership.Kind.LEGAL, new BigDecimal("99.50"), LocalDate.parse("2020-01-15"), null),
                new Ownership("sci", "villa", Ownership.Kind.LEGAL, new BigDecimal("100"), LocalDate.parse("2020-06-15"), null),
                // Held one day only: from and to the same day.
                new Ownership("azur", "yacht", Ownership.Kind.LEGAL, new BigDecimal("33.33"), LocalDate.parse("2021-01-01"),
                        LocalDate.parse("2021-01-01")),
                new Ownership("benali", "yacht", Ownership.Kind.BENEFICIAL, null, LocalDate.parse("2021-01-02"), null));
        Markings markings = new Markings("EU-WEST", "FR-DGPN", Classification.RESTRICTED, HandlingCode.H1, null, Tlp.AMBER,
                Set.of(), Dissemination.FULL);
        return new Notice(UUID.fromString("0b6f3c52-2d7e-4d39-9a51-3f0c6c1d9e20"), NoticeType.ASSET_TRACING,
                "Blanchiment via une chaîne de sociétés écrans", null, "fr", Instant.parse("2026-11-28T10:00:00Z"), null,
                markings, "B", "2", "OCRGDF-2026-0412", entities, relations, 1, NoticeStatus.ACTIVE);
    }

    /**
     * An asset-tracing request: FR-DGPN asks Spain, Morocco and Belgium (given out of order, exported sorted) what
     * Karim BENALI holds there.
     */
    static Notice tracingRequest() {
        Markings markings = new Markings("EU-WEST", "FR-DGPN", Classification.RESTRICTED, HandlingCode.H1, null, Tlp.AMBER,
                Set.of("ES-CNP", "MA-DGSN", "BE-PJF"), Dissemination.FULL);
        return new Notice(UUID.fromString("3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"), NoticeType.ASSET_TRACING,
                "Recherche d'avoirs : Karim BENALI", null, "fr", Instant.parse("2026-12-01T09:00:00Z"), null, markings,
                "B", "2", "OCRGDF-2026-0415",
                List.of(new Entity(EntityKind.PERSON, "Karim BENALI", Map.of("birthDate", "1975-04-12"), "benali", null)),
                List.of(), new TracingRequest("Information judiciaire pour blanchiment en bande organisée (art. 324-2 "
                        + "du code pénal), saisie des avoirs ordonnée", new LinkedHashSet<>(List.of("MA", "ES", "BE")),
                        LocalDate.parse("2027-01-15")), null, 1, NoticeStatus.ACTIVE);
    }

    /**
     * Spain's reply to {@code request}: a flat in Marbella held by the subject. The cadastral reference is made up in
     * the 20-character form of the Spanish Catastro; its two check letters are not computed (nothing here checks them).
     */
    static Notice tracingReply(Notice request) {
        Markings markings = new Markings("EU-WEST", "ES-CNP", Classification.RESTRICTED, HandlingCode.H1, null, Tlp.AMBER,
                Set.of("FR-DGPN"), Dissemination.FULL);
        return new Notice(UUID.fromString("4d2e3f50-6b7c-4d8e-9fa0-1b2c3d4e5f60"), NoticeType.ASSET_TRACING,
                "Respuesta: bienes de Karim BENALI en España", null, "es", Instant.parse("2026-12-10T11:30:00Z"), null,
                markings, "A", "2", "UDEF-2026-0981", List.of(
                        new Entity(EntityKind.PERSON, "Karim BENALI", Map.of("birthDate", "1975-04-12"), "benali", null),
                        new Entity(EntityKind.ASSET, "Piso en Marbella", null, "piso", new Asset(AssetType.REAL_ESTATE,
                                Map.of("cadastralRef", "9872023VH5797S0001WX"), null, "ES", null))),
                List.of(new Ownership("benali", "piso", Ownership.Kind.LEGAL, new BigDecimal("100"),
                        LocalDate.parse("2022-05-01"), null)),
                null, request.noticeId(), 1, NoticeStatus.ACTIVE);
    }

    /** The same notice under other markings. */
    static Notice withMarkings(Notice n, Markings markings) {
        return new Notice(n.noticeId(), n.type(), n.title(), n.summary(), n.language(), n.issuedAt(), n.validUntil(),
                markings, n.sourceReliability(), n.infoReliability(), n.caseRef(), n.entities(), n.relations(), n.request(),
                n.replyTo(), n.version(), n.status());
    }

    /** The same notice with other entities (and no relations: they would name refs that may be gone). */
    static Notice withEntities(Notice n, List<Entity> entities) {
        return new Notice(n.noticeId(), n.type(), n.title(), n.summary(), n.language(), n.issuedAt(), n.validUntil(),
                n.markings(), n.sourceReliability(), n.infoReliability(), n.caseRef(), entities, n.version(), n.status());
    }

    /** The same notice, a later version. */
    static Notice nextVersion(Notice n, Instant issuedAt, NoticeStatus status) {
        return new Notice(n.noticeId(), n.type(), n.title() + " (mise à jour)", n.summary(), n.language(), issuedAt,
                n.validUntil(), n.markings(), n.sourceReliability(), n.infoReliability(), n.caseRef(), n.entities(),
                n.relations(), n.request(), n.replyTo(), n.version() + 1, status);
    }

    static Map<String, JsonNode> byId(List<? extends JsonNode> objects) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        objects.forEach(o -> out.put(o.get("id").asString(), o));
        return out;
    }
}
