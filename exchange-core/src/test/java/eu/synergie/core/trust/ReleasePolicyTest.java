package eu.synergie.core.trust;

import eu.synergie.core.envelope.TestExchange;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.core.notice.NoticeType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReleasePolicyTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private static Notice notice(String classification, String handlingCode, String type) {
        String json = TestExchange.notice(UUID.randomUUID(), "FR-DGPN", "EU-WEST")
                .replace("\"RESTRICTED\"", "\"" + classification + "\"").replace("\"H0\"", "\"" + handlingCode + "\"")
                .replace("\"CYBERCRIME\"", "\"" + type + "\"");
        return NoticeJson.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void holdsWhenAnyCriterionNamesTheNotice() {
        var byLevel = new ReleasePolicy.Criteria(false, Classification.CONFIDENTIAL, Set.of(), Set.of(), null);
        assertThat(byLevel.holds(notice("RESTRICTED", "H0", "CYBERCRIME"))).isFalse();
        assertThat(byLevel.holds(notice("CONFIDENTIAL", "H0", "CYBERCRIME"))).isTrue();
        assertThat(byLevel.holds(notice("SECRET", "H0", "CYBERCRIME"))).isTrue();
        var byCode = new ReleasePolicy.Criteria(false, null, Set.of(HandlingCode.H2, HandlingCode.H3), Set.of(), null);
        assertThat(byCode.holds(notice("RESTRICTED", "H2", "CYBERCRIME"))).isTrue();
        assertThat(byCode.holds(notice("SECRET", "H1", "CYBERCRIME"))).isFalse();
        var byType = new ReleasePolicy.Criteria(false, null, Set.of(), Set.of(NoticeType.TRAFFICKING_HUMAN_BEINGS), null);
        assertThat(byType.holds(notice("RESTRICTED", "H0", "TRAFFICKING_HUMAN_BEINGS"))).isTrue();
        assertThat(byType.holds(notice("RESTRICTED", "H0", "CYBERCRIME"))).isFalse();
        var all = new ReleasePolicy.Criteria(true, null, null, null, null);
        assertThat(all.holds(notice("UNCLASSIFIED", "H0", "CYBERCRIME"))).isTrue();
        assertThat(all.expiresAfter()).isEqualTo(ReleasePolicy.Criteria.DEFAULT_EXPIRY);
        assertThat(ReleasePolicy.NONE.holds(notice("SECRET", "H2", "TRAFFICKING_HUMAN_BEINGS"))).isFalse();
        assertThat(ReleasePolicy.NONE.holdsNothing()).isTrue();
    }

    @Test
    void criteriaAtWhenRulesChangeThenEachNoticeJudgedByTheRuleOfItsTime() {
        var confidential = new ReleasePolicy.Criteria(false, Classification.CONFIDENTIAL, Set.of(), Set.of(), null);
        var everything = new ReleasePolicy.Criteria(true, null, Set.of(), Set.of(), Duration.ofDays(2));
        ReleasePolicy policy = ReleasePolicy.none("FR-DGPN").changedTo(confidential, T0).changedTo(everything, T0.plusSeconds(60));
        assertThat(policy.criteriaAt(T0.minusMillis(1))).isEqualTo(ReleasePolicy.NONE);
        assertThat(policy.criteriaAt(T0)).isEqualTo(confidential);
        assertThat(policy.criteriaAt(T0.plusSeconds(59))).isEqualTo(confidential);
        assertThat(policy.criteriaAt(T0.plusSeconds(60))).isEqualTo(everything);
        // A rule chosen again for a date already planned replaces the plan, and the earlier history stays.
        ReleasePolicy replanned = policy.changedTo(ReleasePolicy.NONE, T0.plusSeconds(30));
        assertThat(replanned.rules()).extracting(ReleasePolicy.Rule::from).containsExactly(T0, T0.plusSeconds(30));
        assertThat(replanned.criteriaAt(T0.plusSeconds(90))).isEqualTo(ReleasePolicy.NONE);
    }

    @Test
    void criteriaWhenExpiryOutOfRangeThenRefused() {
        assertThatThrownBy(() -> new ReleasePolicy.Criteria(true, null, null, null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expiresAfter");
        assertThatThrownBy(() -> new ReleasePolicy.Criteria(true, null, null, null, Duration.ofDays(91)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventWhenWrittenAndReadThenTheSameAndAppliedToTheRegistry() {
        var criteria = new ReleasePolicy.Criteria(false, Classification.SECRET, Set.of(HandlingCode.H3), Set.of(NoticeType.CORRUPTION),
                Duration.ofHours(12));
        var event = new TrustEvent.ReleasePolicyChanged(ReleasePolicy.none("BE-PJF").changedTo(criteria, T0), T0, "amelie.roux", 1);
        assertThat(TrustEventJson.read(TrustEventJson.write(event))).isEqualTo(event);
        assertThat(event.key()).isEqualTo("release:BE-PJF");
        TrustRegistry registry = new TrustRegistry();
        registry.apply(event);
        assertThat(registry.releasePolicy("BE-PJF").orElseThrow().criteriaAt(T0.plusSeconds(1))).isEqualTo(criteria);
        assertThat(registry.releasePolicy("FR-DGPN")).isEmpty();
    }

    @Test
    void chooseWhenAgencyUnknownThenNotFoundAndWhenKnownThenFromTheLeadOn() {
        TestExchange exchange = new TestExchange();
        assertThatThrownBy(() -> exchange.trust.chooseReleasePolicy("XX-NONE", ReleasePolicy.NONE, "admin"))
                .isInstanceOf(TrustException.class).hasMessageContaining("XX-NONE");
        exchange.agency("FR-DGPN");
        Instant before = Instant.now();
        ReleasePolicy chosen = exchange.trust.chooseReleasePolicy("FR-DGPN",
                new ReleasePolicy.Criteria(true, null, null, null, null), "admin");
        assertThat(chosen.last().orElseThrow().from()).isAfterOrEqualTo(before.plus(TrustService.DEFAULT_PROFILE_LEAD));
        assertThat(exchange.registry.releasePolicy("FR-DGPN")).contains(chosen);
    }
}
