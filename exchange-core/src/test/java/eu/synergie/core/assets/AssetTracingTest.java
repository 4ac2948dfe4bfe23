package eu.synergie.core.assets;

import eu.synergie.core.index.ListNoticeIndex;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.matching.EntityHoldings;
import eu.synergie.core.matching.HolderLookup;
import eu.synergie.core.notice.Asset;
import eu.synergie.core.notice.AssetType;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Ownership;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracing view over an index that applies the access rule as Elasticsearch does: totals of what the caller reads. */
class AssetTracingTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final AccessPolicy POLICY = new AccessPolicy();
    private static final Caller RESTRICTED = new Caller("luc.peeters", "BE-PJF", Set.of("EU-WEST"), Classification.RESTRICTED,
            Set.of(Role.ANALYST));
    private static final Caller CONFIDENTIAL = new Caller("an.analyst", "BE-PJF", Set.of("EU-WEST"),
            Classification.CONFIDENTIAL, Set.of(Role.ANALYST));

    // One yacht named three ways: by IMO in one notice, by MMSI in another, by both in a third (CONFIDENTIAL).
    private final Notice start = notice("FR-DGPN", Classification.RESTRICTED, List.of(person(), company("c1"),
            yacht("y1", Map.of("imo", "9074729"), "4000000", 1)), List.of(owns("p1", "c1"), owns("c1", "y1")));
    private final Notice byMmsi = notice("ES-CNP", Classification.RESTRICTED, List.of(company("c2"),
            yacht("y2", Map.of("mmsi", "248123456"), "4200000", 2), villa()), List.of(owns("c2", "y2"), owns("c2", "v1")));
    private final Notice byBoth = notice("ES-CNP", Classification.CONFIDENTIAL, List.of(company("c3"),
            yacht("y3", Map.of("imo", "9074729", "mmsi", "248123456"), "9999999", 3)), List.of(owns("c3", "y3")));

    @Test
    void traceWhenTheSameAssetIsNamedByDifferentIdentifiersThenCountedOnce() {
        AssetTrace trace = tracing().trace(CONFIDENTIAL, start.noticeId(), "p1", 4, EUR, LocalDate.of(2026, 12, 4)).orElseThrow();

        assertThat(trace.assets()).filteredOn(a -> a.type() == AssetType.VESSEL).singleElement().satisfies(yacht -> {
            assertThat(yacht.sources()).hasSize(3);
            assertThat(yacht.value().amount()).as("the latest estimate").isEqualByComparingTo("9999999");
        });
        assertThat(trace.totals().total()).isEqualByComparingTo("10999999");
    }

    @Test
    void traceWhenANoticeIsAboveTheCallersClearanceThenNoTotalHoldsItsValue() {
        AssetTrace trace = tracing().trace(RESTRICTED, start.noticeId(), "p1", 4, EUR, LocalDate.of(2026, 12, 4)).orElseThrow();

        // Without the CONFIDENTIAL notice the IMO and the MMSI are two yachts to this caller (nothing it may read links
        // them): 4,000,000 and 4,200,000, with the villa 1,000,000.
        assertThat(trace.read()).doesNotContain(byBoth.noticeId());
        assertThat(trace.assets()).filteredOn(a -> a.type() == AssetType.VESSEL).extracting(a -> a.value().amount())
                .noneMatch(v -> v.compareTo(new BigDecimal("9999999")) == 0);
        assertThat(trace.totals().total()).isEqualByComparingTo("9200000");
        assertThat(trace.toString()).doesNotContain("9999999");
    }

    @Test
    void traceWhenTheStartIsNotReadableThenNothing() {
        Caller other = new Caller("x", "DE-BKA", Set.of("EU-CENTRAL"), Classification.SECRET, Set.of(Role.ANALYST));
        assertThat(tracing().trace(other, start.noticeId(), "p1", 4, EUR, LocalDate.of(2026, 12, 4))).isEmpty();
    }

    private AssetTracing tracing() {
        List<Notice> all = List.of(start, byMmsi, byBoth);
        NoticeIndex index = new ListNoticeIndex(all);
        HolderLookup holders = new HolderLookup((keys, limit) -> new EntityHoldings(Map.of(), List.of()), POLICY, 25);
        return new AssetTracing(index, POLICY, holders, ExchangeRates.none(),
                Clock.fixed(Instant.parse("2026-12-05T00:00:00Z"), ZoneOffset.UTC));
    }

    private static Entity person() {
        return new Entity(EntityKind.PERSON, "Karim BENALI", Map.of("birthDate", "1975-04-12"), "p1", null);
    }

    private static Entity company(String ref) {
        return new Entity(EntityKind.ASSET, "Azur Holding Ltd", null, ref, new Asset(AssetType.COMPANY,
                Map.of("companyNumber", "C 81234"), null, "MT", null));
    }

    private static Entity yacht(String ref, Map<String, String> identifiers, String value, int month) {
        return new Entity(EntityKind.ASSET, "Yacht " + ref, null, ref, new Asset(AssetType.VESSEL, identifiers,
                new Asset.Valuation(new BigDecimal(value), EUR, LocalDate.of(2026, month, 1), null), "MT", null));
    }

    private static Entity villa() {
        return new Entity(EntityKind.ASSET, "Villa", null, "v1", new Asset(AssetType.REAL_ESTATE, Map.of("cadastralRef", "AB 1"),
                new Asset.Valuation(new BigDecimal("1000000"), EUR, LocalDate.of(2026, 1, 1), null), "ES", null));
    }

    private static Ownership owns(String owner, String owned) {
        return new Ownership(owner, owned, Ownership.Kind.LEGAL, new BigDecimal("100"), null, null);
    }

    private static Notice notice(String agency, Classification classification, List<Entity> entities, List<Ownership> relations) {
        Markings markings = new Markings("EU-WEST", agency, classification, HandlingCode.H1, null, Tlp.AMBER, Set.of(),
                Dissemination.FULL);
        return new Notice(UUID.randomUUID(), NoticeType.MONEY_LAUNDERING, "Chaîne", null, "fr",
                Instant.parse("2026-11-28T10:00:00Z"), null, markings, null, null, "CASE", entities, relations, 1,
                NoticeStatus.ACTIVE);
    }
}
