package eu.synergie.core.federation;

import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Tlp;

import java.util.Optional;
import java.util.Set;

/**
 * The one rule of what crosses to a peer exchange, asked by the sending exchange before a notice leaves and again by
 * the receiving one before it is accepted. A notice crosses only where its originator said so in its signed
 * markings ({@link Markings#federation()}): naming the peer, or {@value Markings#EVERY_PEER} for every peer. Whatever the
 * list says, TLP:AMBER+STRICT (the originator's organisation only) and TLP:RED (named recipients only) never cross, and
 * a notice with handling code H2 (no dissemination) or H3 (conditions in a note) crosses only to a peer its
 * originator named: a wildcard is not a decision about conditions the peer's users will not see.
 */
public final class FederationRule {

    private static final Set<Tlp> NEVER = Set.of(Tlp.AMBER_STRICT, Tlp.RED);
    private static final Set<HandlingCode> NAMED_ONLY = Set.of(HandlingCode.H2, HandlingCode.H3);

    private FederationRule() {
    }

    /** Why a notice with {@code markings} may not cross to {@code peer}; empty when it may. */
    public static Optional<String> refusal(Markings markings, String peer) {
        if (NEVER.contains(markings.tlp())) {
            return Optional.of("TLP:" + markings.tlp().label() + " never leaves its exchange");
        }
        boolean named = markings.federation().contains(peer);
        if (!named && NAMED_ONLY.contains(markings.handlingCode())) {
            return Optional.of(markings.federation().contains(Markings.EVERY_PEER)
                    ? "handling code " + markings.handlingCode() + " crosses only to a peer its originator named"
                    : "its originator did not mark it for " + peer);
        }
        if (!named && !markings.federation().contains(Markings.EVERY_PEER)) {
            return Optional.of("its originator did not mark it for " + peer);
        }
        return Optional.empty();
    }

    public static boolean crosses(Markings markings, String peer) {
        return refusal(markings, peer).isEmpty();
    }
}
