package eu.synergie.core.envelope;

import eu.synergie.core.notice.Markings;
import eu.synergie.crypto.envelope.SecurityCategory;
import eu.synergie.crypto.envelope.SecurityLabel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A notice's markings as an ESS security label (RFC 2634) under the Synergie policy: the ESS
 * classification level, and one security category each for the handling code, the TLP, the agencies
 * it is releasable to, its dissemination for hits and, when it may cross, the peer exchanges it may cross to. Signed with the notice, the label makes lowering
 * a marking on the way detectable; the exchange refuses a notice whose markings differ from its label.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2634#section-5.4">RFC 2634, section 5.4</a>
 */
public final class MarkingsLabel {

    static final String HANDLING_CODE = SecurityLabel.SYNERGIE_POLICY + ".1";
    static final String TLP = SecurityLabel.SYNERGIE_POLICY + ".2";
    static final String RELEASABLE_TO = SecurityLabel.SYNERGIE_POLICY + ".3";
    static final String DISSEMINATION = SecurityLabel.SYNERGIE_POLICY + ".4";
    static final String FEDERATION = SecurityLabel.SYNERGIE_POLICY + ".5";

    private MarkingsLabel() {
    }

    public static SecurityLabel of(Markings markings) {
        List<SecurityCategory> categories = new ArrayList<>(List.of(
                new SecurityCategory(HANDLING_CODE, List.of(markings.handlingCode().name())),
                new SecurityCategory(TLP, List.of(markings.tlp().label())),
                new SecurityCategory(RELEASABLE_TO, List.copyOf(new TreeSet<>(markings.releasableTo()))),
                new SecurityCategory(DISSEMINATION, List.of(markings.dissemination().name()))));
        // Absent rather than empty when the notice stays home: labels signed before federation existed still match.
        if (!markings.federation().isEmpty()) {
            categories.add(new SecurityCategory(FEDERATION, List.copyOf(new TreeSet<>(markings.federation()))));
        }
        return new SecurityLabel(SecurityLabel.SYNERGIE_POLICY, level(markings), "TLP:" + markings.tlp().label(),
                List.copyOf(categories));
    }

    /**
     * Do the label and the markings say the same? Categories are compared as sets, so a label written by
     * another implementation in another order still matches; the privacy mark is a display string only.
     */
    public static boolean matches(SecurityLabel label, Markings markings) {
        SecurityLabel expected = of(markings);
        return label.policyId().equals(expected.policyId())
                && label.classification() == expected.classification()
                && categories(label).equals(categories(expected));
    }

    private static Map<String, Set<String>> categories(SecurityLabel label) {
        return label.categories().stream().collect(Collectors.toMap(SecurityCategory::type, c -> Set.copyOf(c.values()),
                (a, b) -> Set.of("duplicate category"), TreeMap::new));
    }

    private static int level(Markings markings) {
        return switch (markings.classification()) {
            case UNCLASSIFIED -> SecurityLabel.UNCLASSIFIED;
            case RESTRICTED -> SecurityLabel.RESTRICTED;
            case CONFIDENTIAL -> SecurityLabel.CONFIDENTIAL;
            case SECRET -> SecurityLabel.SECRET;
        };
    }
}
