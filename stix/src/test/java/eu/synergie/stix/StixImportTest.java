package eu.synergie.stix;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;
import eu.synergie.stix.Conversion.Unmapped;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Bundles as other producers write them: a MISP event, an OpenCTI report. */
class StixImportTest {

    private static final ImportDefaults FRANCE = new ImportDefaults("FR-DGPN", "EU-WEST", NoticeType.CYBERCRIME, "fr",
            Classification.RESTRICTED, HandlingCode.H2, Dissemination.POINTER, Tlp.AMBER);

    @Test
    void convertWhenMispEventThenOneNoticeWithItsAttributesAndTlp1AmberAndTheRestListed() {
        List<Conversion> conversions = StixImport.convert(TestNotices.read("/bundles/misp-event.json"), FRANCE);

        assertThat(conversions).hasSize(1);
        Notice notice = conversions.getFirst().notice();
        assertThat(notice.title()).isEqualTo("Hameçonnage « Ameli » : faux remboursements, mules bancaires et paiement en bitcoins");
        assertThat(notice.summary()).isNull();
        assertThat(notice.type()).isEqualTo(NoticeType.CYBERCRIME);
        assertThat(notice.language()).isEqualTo("fr");
        assertThat(notice.issuedAt()).isEqualTo(Instant.parse("2026-11-25T16:40:03Z"));
        assertThat(notice.validUntil()).isNull();
        assertThat(notice.caseRef()).isNull();
        assertThat(notice.sourceReliability()).isNull();
        assertThat(notice.version()).isEqualTo(1);
        assertThat(notice.status()).isEqualTo(NoticeStatus.ACTIVE);
        assertThat(notice.entities()).containsExactly(
                new Entity(EntityKind.DOMAIN, "ameli-remboursement-fr.com", null),
                new Entity(EntityKind.IP_ADDRESS, "185.243.115.84", null),
                new Entity(EntityKind.EMAIL, "remboursement@ameli-securite.fr", Map.of("displayName", "Assurance Maladie")),
                new Entity(EntityKind.PHONE, "+33 1 84 80 12 34", null),
                new Entity(EntityKind.CRYPTO_WALLET, "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", Map.of("chain", "BTC")),
                new Entity(EntityKind.IBAN, "LT121000011101001000", null));
        assertThat(notice.markings().tlp()).isEqualTo(Tlp.AMBER);
        assertThat(notice.markings().originAgency()).isEqualTo("FR-DGPN");
        assertThat(notice.markings().region()).isEqualTo("EU-WEST");
        assertThat(notice.markings().classification()).isEqualTo(Classification.RESTRICTED);
        assertThat(notice.markings().handlingCode()).isEqualTo(HandlingCode.H2);
        assertThat(notice.markings().dissemination()).isEqualTo(Dissemination.POINTER);
        assertThat(notice.markings().releasableTo()).isEmpty();
        assertThat(conversions.getFirst().unmapped()).extracting(Unmapped::id, Unmapped::type).containsExactlyInAnyOrder(
                tuple("marking-definition--1d5e3b7a-9c2f-4e18-b6a4-8f0d2c4e6a57", "marking-definition"),
                tuple("indicator--e7f2a913-0c4d-4b5e-a6f8-9d1c3e5b7a24", "indicator"),
                tuple("indicator--3c5e7a9b-1d2f-4e64-8a0c-2b4d6f8a0c35", "indicator"),
                tuple("threat-actor--7b9d1f3a-5c2e-4d81-9f6a-4c8e0a2b6d46", "threat-actor"));
        assertThat(conversions.getFirst().unmapped()).filteredOn(u -> u.type().equals("indicator"))
                .extracting(Unmapped::reason).anyMatch(r -> r.contains("url")).anyMatch(r -> r.contains("beyond one equality"));
    }

    @Test
    void convertWhenOpenCtiReportThenAmberStrictReleasableToTheImporterOnly() {
        List<Conversion> conversions = StixImport.convert(TestNotices.read("/bundles/opencti-report.json"), FRANCE);

        assertThat(conversions).hasSize(1);
        Notice notice = conversions.getFirst().notice();
        assertThat(notice.title()).isEqualTo("Fraude au faux ordre de virement (FOVI) : réseau de mules bancaires lyonnais");
        assertThat(notice.summary()).startsWith("Une société de transport de la région lyonnaise a viré 412 000 €");
        assertThat(notice.language()).isEqualTo("fr");
        assertThat(notice.type()).isEqualTo(NoticeType.CYBERCRIME);
        assertThat(notice.issuedAt()).isEqualTo(Instant.parse("2026-11-28T08:03:44.219Z"));
        assertThat(notice.caseRef()).isEqualTo("OFAC-2026-1187");
        assertThat(notice.sourceReliability()).isEqualTo("B");
        assertThat(notice.infoReliability()).isNull();
        assertThat(notice.entities()).containsExactly(
                new Entity(EntityKind.PERSON, "Mathieu GIRAUD", null),
                new Entity(EntityKind.ORGANIZATION, "Transports Rhône Express Logistique", null),
                new Entity(EntityKind.IBAN, "FR7610278073450002057830144", Map.of("bic", "CMCIFR2A")),
                new Entity(EntityKind.PHONE, "+33478123456", null),
                new Entity(EntityKind.EMAIL, "comptabilite@rhone-express-logistique.co", null),
                new Entity(EntityKind.DOMAIN, "rhone-express-logistique.co", null),
                new Entity(EntityKind.ADDRESS, "14 rue Paul Bert", Map.of("city", "Vénissieux", "postalCode", "69200",
                        "country", "FR")));
        assertThat(notice.markings().tlp()).isEqualTo(Tlp.AMBER_STRICT);
        assertThat(notice.markings().releasableTo()).isEqualTo(Set.of("FR-DGPN"));
        assertThat(notice.markings().originAgency()).isEqualTo("FR-DGPN");
        assertThat(conversions.getFirst().unmapped()).extracting(Unmapped::id, Unmapped::type).containsExactly(
                tuple("location--2d4f6b8c-0e9a-5b15-ad37-9f1b3d5f7a02", "location"),
                tuple("relationship--3e5a7c9d-1f0b-5c26-ae48-0a2c4e6a8b13", "relationship"));
    }

    @Test
    void convertWhenMispEventExportedAsGroupingThenTheSameNotice() {
        var bundle = (tools.jackson.databind.node.ObjectNode) TestNotices.read("/bundles/misp-event.json");
        var report = (tools.jackson.databind.node.ObjectNode) bundle.get("objects").get(1);
        Notice asReport = StixImport.convert(bundle, FRANCE).getFirst().notice();
        report.put("type", "grouping");
        report.put("id", report.get("id").asString().replace("report--", "grouping--"));
        report.put("context", "suspicious-activity");
        report.remove("published");
        report.remove("report_types");

        Notice asGrouping = StixImport.convert(bundle, FRANCE).getFirst().notice();

        assertThat(asGrouping.title()).isEqualTo(asReport.title());
        assertThat(asGrouping.entities()).isEqualTo(asReport.entities());
        assertThat(asGrouping.markings()).isEqualTo(asReport.markings());
        assertThat(asGrouping.issuedAt()).isEqualTo(asReport.issuedAt());
        assertThat(asGrouping.noticeId()).isNotEqualTo(asReport.noticeId());
    }

    @Test
    void convertWhenNoMarkingAtAllThenTheAgencyDefaults() {
        var bundle = (tools.jackson.databind.node.ObjectNode) TestNotices.read("/bundles/opencti-report.json");
        for (var object : bundle.get("objects")) {
            ((tools.jackson.databind.node.ObjectNode) object).remove("object_marking_refs");
        }

        Notice notice = StixImport.convert(bundle, FRANCE).getFirst().notice();

        assertThat(notice.markings().tlp()).isEqualTo(Tlp.AMBER);
        assertThat(notice.markings().releasableTo()).isEmpty();
    }

    @Test
    void convertWhenAnObjectIsMarkedStricterThanItsReportThenTheNoticeTakesTheStricter() {
        var bundle = (tools.jackson.databind.node.ObjectNode) TestNotices.read("/bundles/misp-event.json");
        for (var object : bundle.get("objects")) {
            if (object.get("id").asString().equals("email-addr--2b6d8f1a-4c3e-4a97-b5d0-8e1f7c9a3b62")) {
                // TLP 1.0 RED, by its fixed id, not in the bundle.
                ((tools.jackson.databind.node.ObjectNode) object).putArray("object_marking_refs")
                        .add("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed");
            }
        }

        Notice notice = StixImport.convert(bundle, FRANCE).getFirst().notice();

        assertThat(notice.markings().tlp()).isEqualTo(Tlp.RED);
        assertThat(notice.markings().releasableTo()).isEqualTo(Set.of("FR-DGPN"));
    }
}
