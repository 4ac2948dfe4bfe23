package eu.synergie.core.federation;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Tlp;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FederationRuleTest {

    private static final String PEER = "EXCH-MED";

    @Test
    void crossesWhenPeerNamedAndTlpAmberThenYes() {
        assertThat(FederationRule.crosses(markings(Tlp.AMBER, HandlingCode.H1, Set.of(PEER)), PEER)).isTrue();
    }

    @Test
    void crossesWhenNotMarkedThenNo() {
        assertThat(FederationRule.refusal(markings(Tlp.GREEN, HandlingCode.H0, Set.of()), PEER))
                .contains("its originator did not mark it for EXCH-MED");
        assertThat(FederationRule.crosses(markings(Tlp.GREEN, HandlingCode.H0, Set.of("EXCH-WAF")), PEER)).isFalse();
    }

    @Test
    void crossesWhenEveryPeerThenAnyPeerButOnlyNamedForH2AndH3() {
        assertThat(FederationRule.crosses(markings(Tlp.GREEN, HandlingCode.H1, Set.of(Markings.EVERY_PEER)), PEER)).isTrue();
        assertThat(FederationRule.refusal(markings(Tlp.GREEN, HandlingCode.H2, Set.of(Markings.EVERY_PEER)), PEER))
                .contains("handling code H2 crosses only to a peer its originator named");
        assertThat(FederationRule.crosses(markings(Tlp.GREEN, HandlingCode.H3, Set.of(Markings.EVERY_PEER)), PEER)).isFalse();
        assertThat(FederationRule.crosses(markings(Tlp.GREEN, HandlingCode.H3, Set.of(PEER)), PEER)).isTrue();
    }

    /** Every TLP, handling code and list: exhaustive, the rule has few inputs. */
    @Test
    void crossesThenExactlyWhenListAllowsAndTlpAndHandlingPermit() {
        var lists = java.util.List.of(Set.<String>of(), Set.of(PEER), Set.of(Markings.EVERY_PEER), Set.of("EXCH-WAF"),
                Set.of(PEER, Markings.EVERY_PEER), Set.of("EXCH-WAF", Markings.EVERY_PEER));
        int crossed = 0;
        for (Tlp tlp : Tlp.values()) {
            for (HandlingCode handling : HandlingCode.values()) {
                for (Set<String> federation : lists) {
                    boolean named = federation.contains(PEER);
                    boolean expected = tlp != Tlp.AMBER_STRICT && tlp != Tlp.RED
                            && (named || (federation.contains(Markings.EVERY_PEER)
                            && handling != HandlingCode.H2 && handling != HandlingCode.H3));
                    assertThat(FederationRule.crosses(markings(tlp, handling, federation), PEER))
                            .as("%s %s %s", tlp, handling, federation).isEqualTo(expected);
                    crossed += expected ? 1 : 0;
                }
            }
        }
        assertThat(crossed).isEqualTo(3 * (2 * 4 + 2 * 2));
    }

    private static Markings markings(Tlp tlp, HandlingCode handling, Set<String> federation) {
        return new Markings("EU-WEST", "FR-DGPN", Classification.RESTRICTED, handling,
                handling == HandlingCode.H3 ? "not in court" : null, tlp, tlp == Tlp.RED ? Set.of("BE-FPP") : Set.of(),
                Dissemination.FULL, federation);
    }
}
