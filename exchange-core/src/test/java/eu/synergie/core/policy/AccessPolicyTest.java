package eu.synergie.core.policy;

import eu.synergie.core.envelope.RejectionReason;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.trust.AgencyStanding;
import eu.synergie.core.trust.CertificateRecord;
import eu.synergie.core.trust.Revocation;
import eu.synergie.core.trust.RevocationReason;
import eu.synergie.core.trust.SignerStanding;
import org.junit.jupiter.api.Test;

import java.time.Instant;
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

    private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void decidePublishWhenOwnAgencyAndMemberRegionThenAcceptedWithOrWithoutToken() {
        Caller feed = feed("FR-DGPN", "EU-WEST");
        Markings m = markings("EU-WEST", "FR-DGPN", Classification.RESTRICTED, Set.of());
        SignerStanding member = known("FR-DGPN", Set.of("EU-WEST", "MED"), false, null);
        assertThat(policy.decidePublish(feed, m, "FR-DGPN", T, member)).isEqualTo(PublishDecision.ACCEPTED);
        assertThat(policy.decidePublish(null, m, "FR-DGPN", T, member)).as("the indexer: no token").isEqualTo(PublishDecision.ACCEPTED);
    }

    @Test
    void decidePublishWhenTokenAndRegistryDisagreeThenNeitherWidensTheOther() {
        Markings west = markings("EU-WEST", "FR-DGPN", Classification.RESTRICTED, Set.of());
        Markings med = markings("MED", "FR-DGPN", Classification.RESTRICTED, Set.of());
        SignerStanding member = known("FR-DGPN", Set.of("EU-WEST", "MED"), false, null);
        assertThat(reason(policy.decidePublish(feed("FR-DGPN", "EU-WEST"), med, "FR-DGPN", T, member)))
                .as("region in the registry but not in the token").isEqualTo(RejectionReason.PUBLISH_NOT_PERMITTED);
        assertThat(reason(policy.decidePublish(feed("FR-DGPN", "EU-WEST"), west, "FR-DGPN", T,
                known("FR-DGPN", Set.of("MED"), false, null))))
                .as("region in the token but not in the registry").isEqualTo(RejectionReason.NOT_A_MEMBER);
        assertThat(reason(policy.decidePublish(feed("BE-PJF", "EU-WEST"), markings("EU-WEST", "FR-DGPN",
                Classification.RESTRICTED, Set.of()), "FR-DGPN", T, member))).as("another agency's feed")
                .isEqualTo(RejectionReason.PUBLISH_NOT_PERMITTED);
        Caller analyst = new Caller("a", "FR-DGPN", Set.of("EU-WEST"), Classification.SECRET, Set.of(Role.ANALYST));
        assertThat(reason(policy.decidePublish(analyst, west, "FR-DGPN", T, member))).isEqualTo(RejectionReason.PUBLISH_NOT_PERMITTED);
    }

    @Test
    void decidePublishWhenAnotherAgencysFeedThenRefusedBeforeAnythingIsSaidOfTheSignersStanding() {
        SignerStanding suspended = known("FR-DGPN", Set.of("EU-WEST"), true, null);
        Markings m = markings("EU-WEST", "FR-DGPN", Classification.RESTRICTED, Set.of());
        assertThat(policy.decidePublish(feed("BE-PJF", "EU-WEST"), m, "FR-DGPN", T, suspended))
                .isEqualTo(new PublishDecision.Refused(RejectionReason.PUBLISH_NOT_PERMITTED, "originAgency is not the caller's agency"));
        assertThat(reason(policy.decidePublish(null, m, "FR-DGPN", T, suspended))).isEqualTo(RejectionReason.AGENCY_SUSPENDED);
    }

    @Test
    void decidePublishWhenEachFactFailsThenItsOwnReason() {
        Markings m = markings("EU-WEST", "FR-DGPN", Classification.RESTRICTED, Set.of());
        assertThat(reason(policy.decidePublish(null, m, "BE-PJF", T, known("BE-PJF", Set.of("EU-WEST"), false, null))))
                .isEqualTo(RejectionReason.SIGNER_NOT_ORIGINATOR);
        assertThat(reason(policy.decidePublish(null, m, "FR-DGPN", T, new SignerStanding.Unknown("not registered"))))
                .isEqualTo(RejectionReason.UNKNOWN_SIGNER);
        assertThat(reason(policy.decidePublish(null, m, "FR-DGPN", T, known("BE-PJF", Set.of("EU-WEST"), false, null))))
                .as("a certificate registered to another agency").isEqualTo(RejectionReason.UNKNOWN_SIGNER);
        assertThat(reason(policy.decidePublish(null, m, "FR-DGPN", T.minusSeconds(86_400 * 2), known("FR-DGPN", Set.of("EU-WEST"), false, null))))
                .isEqualTo(RejectionReason.CERTIFICATE_NOT_YET_VALID);
        assertThat(reason(policy.decidePublish(null, m, "FR-DGPN", T.plusSeconds(86_400 * 31), known("FR-DGPN", Set.of("EU-WEST"), false, null))))
                .isEqualTo(RejectionReason.CERTIFICATE_EXPIRED);
        assertThat(reason(policy.decidePublish(null, m, "FR-DGPN", T, known("FR-DGPN", Set.of("EU-WEST"), false,
                new Revocation(RevocationReason.SUPERSEDED, T, null))))).isEqualTo(RejectionReason.CERTIFICATE_REVOKED);
        assertThat(policy.decidePublish(null, m, "FR-DGPN", T.minusMillis(1), known("FR-DGPN", Set.of("EU-WEST"), false,
                new Revocation(RevocationReason.SUPERSEDED, T, null)))).as("appended before the revocation").isEqualTo(PublishDecision.ACCEPTED);
        assertThat(reason(policy.decidePublish(null, m, "FR-DGPN", T.minusSeconds(60), known("FR-DGPN", Set.of("EU-WEST"), false,
                new Revocation(RevocationReason.KEY_COMPROMISE, T, T.minusSeconds(120))))))
                .as("appended after the stated compromise").isEqualTo(RejectionReason.CERTIFICATE_REVOKED);
        assertThat(reason(policy.decidePublish(null, m, "FR-DGPN", T, known("FR-DGPN", Set.of("EU-WEST"), true, null))))
                .isEqualTo(RejectionReason.AGENCY_SUSPENDED);
        assertThat(reason(policy.decidePublish(null, m, "FR-DGPN", T, known("FR-DGPN", Set.of("MED"), false, null))))
                .isEqualTo(RejectionReason.NOT_A_MEMBER);
        assertThat(RejectionReason.NOT_A_MEMBER.category()).as("the same status as a feed publishing outside its regions")
                .isEqualTo(RejectionReason.Category.FORBIDDEN);
    }

    private static Caller feed(String agency, String... regions) {
        return new Caller("service-account-feed", agency, Set.of(regions), null, EnumSet.of(Role.AGENCY_FEED));
    }

    /** A certificate valid a day before {@link #T} to 30 days after, with its agency's standing then. */
    private static SignerStanding known(String certificateAgency, Set<String> regions, boolean suspended, Revocation revocation) {
        return new SignerStanding.Known(new CertificateRecord("1f", certificateAgency, "pem", T.minusSeconds(86_400),
                T.plusSeconds(86_400 * 30), revocation), new AgencyStanding(T.minusSeconds(86_400), regions, suspended));
    }

    private static RejectionReason reason(PublishDecision decision) {
        return decision instanceof PublishDecision.Refused(RejectionReason reason, String message) ? reason : null;
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
