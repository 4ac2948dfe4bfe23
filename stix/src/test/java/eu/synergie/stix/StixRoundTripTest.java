package eu.synergie.stix;

import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.Tlp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

import static eu.synergie.stix.TestNotices.fetched;
import static org.assertj.core.api.Assertions.assertThat;

/** A notice exported, then imported as another agency's feed: the same content, entities and markings. */
class StixRoundTripTest {

    private static final ImportDefaults BELGIUM = ImportDefaults.of("BE-PJF", "EU-WEST");

    static Notice roundTrip(Notice notice, ImportDefaults defaults) {
        JsonNode bundle = TestNotices.JSON.readTree(TestNotices.JSON.writeValueAsString(
                StixExport.bundleOf(List.of(fetched(notice)))));
        List<Conversion> conversions = StixImport.convert(bundle, defaults);
        assertThat(conversions).hasSize(1);
        assertThat(conversions.getFirst().unmapped()).isEmpty();
        return conversions.getFirst().notice();
    }

    /** Field by field, so that a failure names the field; originAgency and region are the importer's. */
    static void assertSameContent(Notice back, Notice original, ImportDefaults defaults) {
        assertThat(back.title()).isEqualTo(original.title());
        assertThat(back.summary()).isEqualTo(original.summary());
        assertThat(back.language()).isEqualTo(original.language());
        assertThat(back.type()).isEqualTo(original.type());
        assertThat(back.issuedAt()).isEqualTo(original.issuedAt());
        assertThat(back.validUntil()).isEqualTo(original.validUntil());
        assertThat(back.caseRef()).isEqualTo(original.caseRef());
        assertThat(back.sourceReliability()).isEqualTo(original.sourceReliability());
        assertThat(back.infoReliability()).isEqualTo(original.infoReliability());
        assertThat(back.version()).isEqualTo(original.version());
        assertThat(back.status()).isEqualTo(original.status());
        assertThat(back.entities()).hasSameSizeAs(original.entities());
        for (int i = 0; i < original.entities().size(); i++) {
            assertThat(back.entities().get(i).kind()).as("entity %d kind", i).isEqualTo(original.entities().get(i).kind());
            assertThat(back.entities().get(i).value()).as("entity %d value", i).isEqualTo(original.entities().get(i).value());
            assertThat(back.entities().get(i).attributes()).as("entity %d attributes", i)
                    .isEqualTo(original.entities().get(i).attributes());
        }
        Markings m = back.markings();
        Markings o = original.markings();
        assertThat(m.classification()).isEqualTo(o.classification());
        assertThat(m.handlingCode()).isEqualTo(o.handlingCode());
        assertThat(m.handlingNote()).isEqualTo(o.handlingNote());
        assertThat(m.tlp()).isEqualTo(o.tlp());
        assertThat(m.releasableTo()).isEqualTo(o.releasableTo());
        assertThat(m.dissemination()).isEqualTo(o.dissemination());
        assertThat(m.federation()).isEqualTo(o.federation());
        assertThat(m.originAgency()).isEqualTo(defaults.originAgency());
        assertThat(m.region()).isEqualTo(defaults.region());
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
    void convertWhenAmberStrictForTheWholeRegionThenReleasableToTheImporterOnly() {
        Notice full = TestNotices.everything();
        Markings m = full.markings();
        Notice regionWide = new Notice(full.noticeId(), full.type(), full.title(), full.summary(), full.language(),
                full.issuedAt(), full.validUntil(), new Markings(m.region(), m.originAgency(), m.classification(),
                m.handlingCode(), m.handlingNote(), Tlp.AMBER_STRICT, null, m.dissemination(), m.federation()),
                full.sourceReliability(), full.infoReliability(), full.caseRef(), full.entities());

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
                eu.synergie.core.notice.HandlingCode.H0, null, Tlp.CLEAR, null, eu.synergie.core.notice.Dissemination.FULL),
                null, null, null, List.of());

        assertSameContent(roundTrip(bare, BELGIUM), bare, BELGIUM);
    }
}
