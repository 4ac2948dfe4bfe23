package eu.synergie.core.policy;

import eu.synergie.core.notice.Classification;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may triage and follow partners' reports: the addressee's analysts, a desk's region, the reporter alone. */
class ReportAccessTest {

    private final AccessPolicy policy = new AccessPolicy();
    private final Caller claire = new Caller("claire.martin", "FR-DGPN", Set.of("EU-WEST", "MED"), Classification.CONFIDENTIAL,
            Set.of(Role.ANALYST));
    private final Caller youssef = new Caller("youssef.benali", "MA-DGSN", Set.of("MED"), Classification.RESTRICTED,
            Set.of(Role.ANALYST));
    private final Caller nadia = new Caller("nadia.girard", "FR-DGPN", Set.of("EU-WEST"), Classification.RESTRICTED,
            Set.of(Role.RELEASE_APPROVER));
    private final Caller lea = new Caller("lea.moreau", "NGO-ALC", Set.of("EU-WEST"), null, Set.of(Role.PARTNER_REPORTER));

    @Test
    void triageWhenForAnAgencyThenItsAnalystsOnly() {
        assertThat(policy.decideReportTriage(claire, "FR-DGPN", "EU-WEST").permitted()).isTrue();
        assertThat(policy.decideReportTriage(youssef, "FR-DGPN", "MED").permitted()).isFalse();
        assertThat(policy.decideReportTriage(nadia, "FR-DGPN", "EU-WEST").permitted()).as("not an analyst").isFalse();
        assertThat(policy.decideReportTriage(lea, "FR-DGPN", "EU-WEST").permitted()).isFalse();
    }

    @Test
    void triageWhenForADeskThenTheRegionsAnalysts() {
        assertThat(policy.decideReportTriage(claire, null, "MED").permitted()).isTrue();
        assertThat(policy.decideReportTriage(youssef, null, "MED").permitted()).isTrue();
        assertThat(policy.decideReportTriage(youssef, null, "EU-WEST").permitted()).isFalse();
    }

    @Test
    void followWhenTheReporterThenPermittedAndNobodyElse() {
        assertThat(policy.decideReportOwner(lea, "lea.moreau").permitted()).isTrue();
        assertThat(policy.decideReportOwner(new Caller("marc.roy", "NGO-ALC", Set.of("EU-WEST"), null,
                Set.of(Role.PARTNER_REPORTER)), "lea.moreau").permitted()).as("a colleague").isFalse();
        assertThat(policy.decideReportOwner(claire, "lea.moreau").permitted()).isFalse();
        assertThat(policy.decideReportOwner(new Caller("lea.moreau", "FR-DGPN", Set.of(), null, Set.of(Role.ANALYST)),
                "lea.moreau").permitted()).as("the role, not the name").isFalse();
    }
}
