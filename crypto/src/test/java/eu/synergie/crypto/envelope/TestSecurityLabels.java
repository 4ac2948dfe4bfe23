package eu.synergie.crypto.envelope;

import java.util.List;

/** Security labels for tests, shaped like the markings of a notice. */
final class TestSecurityLabels {

    static final String RELEASABLE_TO = SecurityLabel.SYNERGIE_POLICY + ".1";
    static final String HANDLING = SecurityLabel.SYNERGIE_POLICY + ".2";

    private TestSecurityLabels() {
    }

    static SecurityLabel restricted() {
        return new SecurityLabel(SecurityLabel.SYNERGIE_POLICY, SecurityLabel.RESTRICTED, "TLP:AMBER",
                List.of(new SecurityCategory(RELEASABLE_TO, List.of("FR-DGPN", "DE-BKA")),
                        new SecurityCategory(HANDLING, List.of("H2"))));
    }
}
