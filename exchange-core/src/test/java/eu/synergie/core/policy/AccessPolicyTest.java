package eu.synergie.core.policy;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Tlp;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AccessPolicyTest {

    private final AccessPolicy policy = new AccessPolicy();

    @Test
    void decideWhenRegionClearanceAndReleasabilityHoldThenPermit() {
        assertThat(policy.decide(analyst("BE-PJF", "EU-WEST", Classification.RESTRICTED),
                markings("EU-WEST", "FR-DGPN", Classification.RESTRICTED, Set.of())).permitted()).isTrue();
    }

    @Test
    void decideWhenRegionNotTheCallersThenDeny() {
        assertThat(policy.decide(analyst("DE-BKA", "EU-CENTRAL", Classification.SECRET),
                markings("EU-WEST", "FR-DGPN", Classification.UNCLASSIFIED, Set.of())))
                .isEqualTo(new Decision.Deny("region not in the caller's regions"));
    }

    @Test
    void decideWhenClassificationAboveClearanceThenDeny() {
        assertThat(policy.decide(analyst("FR-DGPN", "EU-WEST", Classification.RESTRICTED),
                markings("EU-WEST", "FR-DGPN", Classification.CONFIDENTIAL, Set.of())).permitted()).isFalse();
    }

    @Test
    void decideWhenReleasableToOthersThenDenyUnlessOriginator() {
        Markings toBelgium = markings("EU-WEST", "FR-DGPN", Classification.RESTRICTED, Set.of("BE-PJF"));
        assertThat(policy.decide(analyst("ES-CNP", "EU-WEST", Classification.SECRET), toBelgium).permitted()).isFalse();
        assertThat(policy.decide(analyst("BE-PJF", "EU-WEST", Classification.SECRET), toBelgium).permitted()).isTrue();
        assertThat(policy.decide(analyst("FR-DGPN", "EU-WEST", Classification.SECRET), toBelgium).permitted()).isTrue();
    }

    @Test
    void decideWhenCallerIsNotAnalystThenDeny() {
        Caller feed = new Caller("feed", "FR-DGPN", Set.of("EU-WEST"), Classification.SECRET, Set.of(Role.AGENCY_FEED));
        assertThat(policy.decide(feed, markings("EU-WEST", "FR-DGPN", Classification.UNCLASSIFIED, Set.of())).permitted()).isFalse();
        assertThat(policy.scopeOf(feed).isEmpty()).isTrue();
    }

    @Test
    void decideWhenClearanceClaimMissingThenDeny() {
        Caller noClearance = new Caller("x", "FR-DGPN", Set.of("EU-WEST"), null, Set.of(Role.ANALYST));
        assertThat(policy.decide(noClearance, markings("EU-WEST", "FR-DGPN", Classification.UNCLASSIFIED, Set.of())).permitted())
                .isFalse();
        assertThat(policy.scopeOf(noClearance).isEmpty()).isTrue();
    }

    /** The scope is the same rule: for every combination, the notice is in scope iff decide permits it. */
    @Test
    void scopeOfWhenAnyCallerAndMarkingsThenAgreesWithDecide() {
        List<String> agencies = List.of("FR-DGPN", "BE-PJF", "DE-BKA");
        List<Set<String>> releasabilities = List.of(Set.of(), Set.of("BE-PJF"), Set.of("DE-BKA", "FR-DGPN"));
        int checked = 0;
        for (String callerAgency : agencies) {
            for (Classification clearance : Classification.values()) {
                for (Set<String> regions : List.of(Set.of("EU-WEST"), Set.of("EU-WEST", "MED"), Set.<String>of())) {
                    Caller caller = new Caller("a", callerAgency, regions, clearance, Set.of(Role.ANALYST));
                    ReadScope scope = policy.scopeOf(caller);
                    for (String origin : agencies) {
                        for (Classification classification : Classification.values()) {
                            for (String region : List.of("EU-WEST", "MED", "EU-CENTRAL")) {
                                for (Set<String> releasable : releasabilities) {
                                    Markings m = markings(region, origin, classification, releasable);
                                    assertThat(inScope(scope, m)).as("%s %s", caller, m)
                                            .isEqualTo(policy.decide(caller, m).permitted());
                                    checked++;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(3 * 4 * 3 * 3 * 4 * 3 * 3);
    }

    @Test
    void decidePublishWhenOwnAgencyAndMemberRegionThenPermit() {
        Caller feed = new Caller("feed", "FR-DGPN", Set.of("EU-WEST"), Classification.RESTRICTED, EnumSet.of(Role.AGENCY_FEED));
        Markings m = markings("EU-WEST", "FR-DGPN", Classification.RESTRICTED, Set.of());
        Set<String> member = Set.of("EU-WEST", "MED");
        assertThat(policy.decidePublish(feed, m, "FR-DGPN", member).permitted()).isTrue();
        assertThat(policy.decidePublish(feed, m, "BE-PJF", member).permitted()).isFalse();
        assertThat(policy.decidePublish(feed, markings("MED", "FR-DGPN", Classification.RESTRICTED, Set.of()), "FR-DGPN", member)
                .permitted()).as("region in the registry but not in the token").isFalse();
        assertThat(policy.decidePublish(feed, m, "FR-DGPN", Set.of("MED")).permitted())
                .as("region in the token but not in the registry").isFalse();
        assertThat(policy.decidePublish(feed, markings("EU-WEST", "BE-PJF", Classification.RESTRICTED, Set.of()), "BE-PJF", member)
                .permitted()).isFalse();
    }

    /** What the search module's filter does with a scope, written independently of the policy. */
    private static boolean inScope(ReadScope scope, Markings m) {
        return !scope.isEmpty() && scope.regions().contains(m.region()) && scope.classifications().contains(m.classification())
                && (m.releasableTo().isEmpty() || m.releasableTo().contains(scope.agency()) || m.originAgency().equals(scope.agency()));
    }

    private static Caller analyst(String agency, String region, Classification clearance) {
        return new Caller("analyst", agency, Set.of(region), clearance, Set.of(Role.ANALYST));
    }

    private static Markings markings(String region, String origin, Classification classification, Set<String> releasableTo) {
        return new Markings(region, origin, classification, HandlingCode.H0, null, Tlp.AMBER, releasableTo, Dissemination.FULL);
    }
}
