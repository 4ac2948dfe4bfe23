package eu.synergie.bench;

import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.index.NoticeProvenance;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.Tlp;
import eu.synergie.stix.Conversion;
import eu.synergie.stix.ImportDefaults;
import eu.synergie.stix.StixExport;
import eu.synergie.stix.StixImport;
import eu.synergie.stix.StixSchemas;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load generator's notices (every entity kind, names with accents and in Arabic, every marking) through the STIX
 * 2.1 export: each object validates against the OASIS schemas, and each notice comes back from its bundle (under the
 * importing agency, which alone may read what was TLP:AMBER+STRICT for the whole region).
 */
class StixExportOfGeneratedNoticesTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final List<Notice> notices = IntStream.range(0, 400)
            .mapToObj(new NoticeGenerator(11, NOW, BenchAgency.DEMO)::generate).map(NoticeGenerator.Generated::notice).toList();

    private static FetchedNotice fetched(Notice notice) {
        return new FetchedNotice(notice, new NoticeProvenance(notice.originAgency(), "01", "00".repeat(32),
                notice.issuedAt(), notice.issuedAt(), "synergie.notices." + notice.region(), 0, 0));
    }

    @Test
    void bundleOfWhenGeneratedNoticesThenEveryObjectValidatesAgainstTheOasisSchemas() {
        ObjectNode bundle = StixExport.bundleOf(notices.stream().map(StixExportOfGeneratedNoticesTest::fetched).toList());

        assertThat(StixSchemas.bundleProblems(bundle)).isEmpty();
        assertThat(bundle.get("objects").valueStream().filter(o -> o.get("type").asString().equals("report")))
                .hasSize(notices.size());
    }

    @Test
    void convertWhenGeneratedNoticeExportedThenTheSameNoticeUnderTheImportingAgency() {
        for (Notice notice : notices) {
            ImportDefaults importer = ImportDefaults.of("NL-NP", notice.region());
            List<Conversion> back = StixImport.convert(StixExport.bundleOf(List.of(fetched(notice))), importer);

            assertThat(back).hasSize(1);
            assertThat(back.getFirst().unmapped()).isEmpty();
            Notice imported = back.getFirst().notice();
            Markings m = notice.markings();
            // TLP:AMBER+STRICT for the whole region: the importer, a reader, may not pass it on beyond itself.
            Set<String> releasable = m.tlp() == Tlp.AMBER_STRICT && m.releasableTo().isEmpty() ? Set.of("NL-NP")
                    : m.releasableTo();
            Notice expected = new Notice(imported.noticeId(), notice.type(), notice.title(), notice.summary(),
                    notice.language(), notice.issuedAt(), notice.validUntil(), new Markings(m.region(), "NL-NP",
                    m.classification(), m.handlingCode(), m.handlingNote(), m.tlp(), releasable, m.dissemination(),
                    m.federation()), notice.sourceReliability(), notice.infoReliability(), notice.caseRef(),
                    notice.entities(), notice.version(), notice.status());
            assertThat(imported).isEqualTo(expected);
        }
    }
}
