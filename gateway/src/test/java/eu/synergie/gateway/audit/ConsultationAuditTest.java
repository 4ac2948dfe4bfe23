package eu.synergie.gateway.audit;

import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditEventJson;
import eu.synergie.core.audit.AuditUnavailableException;
import eu.synergie.core.index.ExpiredNotice;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.index.NoticeSummary;
import eu.synergie.core.index.SearchResult;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsultationAuditTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private final List<AuditEvent> log = new ArrayList<>();
    private final ConsultationAudit audit = new ConsultationAudit(log::add, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Caller claire = new Caller("claire.martin", "FR-DGPN", Set.of("EU-WEST"), Classification.CONFIDENTIAL,
            Set.of(Role.ANALYST));

    @Test
    void searchedThenOneEventWithPurposeQueryAndReturnedIdsButNoContent() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        SearchResult result = new SearchResult(7, List.of(summary(first), summary(second)));

        audit.searched(claire, "PJ-MRS-2026-0412", new NoticeQuery("société écran", 2), result);

        assertThat(log).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.SEARCH);
            assertThat(e.at()).isEqualTo(NOW);
            assertThat(e.subject()).isEqualTo("claire.martin");
            assertThat(e.agency()).isEqualTo("FR-DGPN");
            assertThat(e.purpose()).isEqualTo("PJ-MRS-2026-0412");
            assertThat(e.query()).isEqualTo(new AuditEvent.Query("société écran", java.util.Map.of("size", "2",
                    "sort", "RELEVANCE"), 7));
            assertThat(e.noticeIds()).containsExactly(first.toString(), second.toString());
            assertThat(AuditEventJson.toJson(e).toString()).doesNotContain("Blanchiment").doesNotContain("Marseille");
        });
    }

    @Test
    void searchedWhenCountingStoppedThenTheRecordSaysTheTotalIsALowerBoundAndWhenExactAskedSaysSo() {
        SearchResult stopped = new SearchResult(10_000, true, List.of(summary(UUID.randomUUID())), java.util.Map.of(),
                java.util.Map.of(), false, null, List.of());

        audit.searched(claire, "PJ-MRS-2026-0412", new NoticeQuery("blanchiment", 1), stopped);
        audit.searched(claire, "PJ-MRS-2026-0412", new NoticeQuery("blanchiment", eu.synergie.core.index.NoticeFilters.NONE,
                NoticeQuery.Sort.RELEVANCE, 1, null, false, false, true), new SearchResult(12_345, List.of()));

        assertThat(log).extracting(AuditEvent::query).containsExactly(
                new AuditEvent.Query("blanchiment", java.util.Map.of("size", "1", "sort", "RELEVANCE", "total", "at-least"), 10_000),
                new AuditEvent.Query("blanchiment", java.util.Map.of("size", "1", "sort", "RELEVANCE", "count", "exact"), 12_345));
    }

    @Test
    void assetsExportedThenADisclosureOfTheNoticesReadToTheAnalystsAgency() {
        UUID own = UUID.randomUUID();
        UUID spanish = UUID.randomUUID();
        UUID moroccan = UUID.randomUUID();
        eu.synergie.core.assets.AssetTrace trace = new eu.synergie.core.assets.AssetTrace(
                new eu.synergie.core.assets.AssetTrace.Subject(own, "p1", "PERSON", "Karim BENSAÏD"),
                java.util.Currency.getInstance("EUR"), java.time.LocalDate.of(2026, 12, 4), 4, List.of(),
                new eu.synergie.core.assets.AssetTrace.Totals(0, java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO,
                        java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), 0, List.of()),
                List.of(), 0, List.of(), false, List.of(own, spanish), List.of(moroccan));

        audit.assetsExported(claire, "OCRGDF-2026-0412", trace, "xlsx");

        assertThat(log).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.DISCLOSURE);
            assertThat(e.subject()).isEqualTo("claire.martin");
            assertThat(e.agency()).isEqualTo("FR-DGPN");
            assertThat(e.purpose()).isEqualTo("OCRGDF-2026-0412");
            assertThat(e.noticeIds()).as("what it read, and what its pointers are about")
                    .containsExactly(own.toString(), spanish.toString(), moroccan.toString());
            assertThat(e.recipients()).containsExactly("FR-DGPN");
            assertThat(e.change()).isEqualTo("asset tracing export (xlsx) of " + own + "#p1");
            assertThat(AuditEventJson.toJson(e).toString()).doesNotContain("BENSAÏD");
        });
        assertThatThrownBy(() -> audit.assetsExported(claire, " ", trace, "csv"))
                .as("a disclosure states its purpose").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tracedWithPointersThenASearchAndADisclosureOfThePointedNoticesToTheAnalystsAgency() {
        UUID own = UUID.randomUUID();
        UUID pointed = UUID.randomUUID();
        eu.synergie.core.assets.AssetTrace trace = new eu.synergie.core.assets.AssetTrace(
                new eu.synergie.core.assets.AssetTrace.Subject(own, "p1", "PERSON", "Karim BENSAÏD"),
                java.util.Currency.getInstance("EUR"), java.time.LocalDate.of(2026, 12, 4), 4, List.of(),
                new eu.synergie.core.assets.AssetTrace.Totals(0, java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO,
                        java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), 0, List.of()),
                List.of(new eu.synergie.core.matching.HolderLookup.Pointer("IMO:9074729", "MA-DGSN", "DGSN-1")), 0,
                List.of(), false, List.of(own), List.of(pointed));

        audit.traced(claire, "OCRGDF-2026-0412", trace);

        assertThat(log).extracting(e -> e.action()).containsExactly(AuditAction.SEARCH, AuditAction.DISCLOSURE);
        assertThat(log.get(0).noticeIds()).containsExactly(own.toString());
        assertThat(log.get(1).noticeIds()).containsExactly(pointed.toString());
        assertThat(log.get(1).recipients()).containsExactly("FR-DGPN");
        assertThat(log.get(1).purpose()).isEqualTo("OCRGDF-2026-0412");
    }

    @Test
    void taxiiReadThenOneConsultationWithPurposeReadCollectionFiltersAndNotices() {
        UUID notice = UUID.randomUUID();

        audit.taxiiRead(claire, "SA-FR-DGPN-7", "objects", "EU-WEST", java.util.Map.of("limit", "2", "match[type]", "report"), 2,
                List.of(notice));

        assertThat(log).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.TAXII_READ);
            assertThat(e.purpose()).isEqualTo("SA-FR-DGPN-7");
            assertThat(e.query()).isEqualTo(new AuditEvent.Query("", java.util.Map.of("limit", "2", "match[type]", "report",
                    "read", "objects", "collection", "EU-WEST"), 2));
            assertThat(e.noticeIds()).containsExactly(notice.toString());
        });
        assertThatThrownBy(() -> audit.taxiiRead(claire, " ", "objects", "EU-WEST", java.util.Map.of(), 0, List.of()))
                .as("a TAXII read is a consultation: it states its purpose").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void searchedWithFiltersThenTheFiltersAndPagingAreRecordedBesideTheText() {
        eu.synergie.core.index.NoticeFilters filters = new eu.synergie.core.index.NoticeFilters(
                Set.of(eu.synergie.core.notice.NoticeType.CYBERCRIME), Set.of("BE-PJF"), Set.of(), Set.of(),
                Set.of(eu.synergie.core.notice.Tlp.AMBER), Set.of(), java.time.Instant.parse("2026-11-01T00:00:00Z"), null,
                eu.synergie.core.notice.EntityKind.PHONE, "+33612345678");
        audit.searched(claire, "PJ-MRS-2026-0412", new NoticeQuery("rançongiciel", filters, NoticeQuery.Sort.NEWEST, 50,
                "abc", false), new SearchResult(0, List.of()));

        assertThat(log).singleElement().satisfies(e -> assertThat(e.query().filters()).containsEntry("type", "CYBERCRIME")
                .containsEntry("agency", "BE-PJF").containsEntry("tlp", "AMBER").containsEntry("from", "2026-11-01T00:00:00Z")
                .containsEntry("entity", "PHONE:+33612345678").containsEntry("sort", "NEWEST").containsEntry("size", "50")
                .containsEntry("page", "continued"));
    }

    @Test
    void expiredThenErasureBySystemWithTheNoticeId() {
        UUID id = UUID.randomUUID();
        audit.expired(new ExpiredNotice(id, "EU-WEST", "BE-PJF"));

        assertThat(log).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.ERASURE);
            assertThat(e.subject()).isEqualTo("system:retention");
            assertThat(e.agency()).isEqualTo("BE-PJF");
            assertThat(e.noticeIds()).containsExactly(id.toString());
        });
    }

    @Test
    void disclosedThenRecipientsRecorded() {
        UUID id = UUID.randomUUID();
        audit.disclosed("system:matcher", "FR-DGPN", "watchlist W-12", List.of(id), List.of("BE-PJF", "ES-CNP"));

        assertThat(log).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.DISCLOSURE);
            assertThat(e.recipients()).containsExactly("BE-PJF", "ES-CNP");
            assertThat(e.noticeIds()).containsExactly(id.toString());
        });
    }

    @Test
    void openedWhenLogUnavailableThenTheCallerSeesTheFailure() {
        ConsultationAudit failing = new ConsultationAudit(event -> {
            throw new AuditUnavailableException("down", null);
        }, Clock.systemUTC());

        assertThatThrownBy(() -> failing.opened(claire, "PJ-MRS-2026-0412", UUID.randomUUID()))
                .isInstanceOf(AuditUnavailableException.class);
    }

    private static NoticeSummary summary(UUID id) {
        return new NoticeSummary(id, "EU-WEST", "FR-DGPN", NoticeType.MONEY_LAUNDERING, "Blanchiment via société écran",
                "Virements vers Marseille", "fr", Classification.RESTRICTED, Tlp.AMBER, HandlingCode.H2, NOW);
    }
}
