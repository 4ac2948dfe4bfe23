package eu.synergie.core.notice;

import java.util.Objects;
import java.util.Set;

/**
 * What the originator says about who may read a notice and how it may be used. The access policy
 * decides on these fields only.
 */
public record Markings(String region, String originAgency, Classification classification, HandlingCode handlingCode,
                       String handlingNote, Tlp tlp, Set<String> releasableTo, Dissemination dissemination) {

    public Markings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(originAgency, "originAgency");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(handlingCode, "handlingCode");
        Objects.requireNonNull(tlp, "tlp");
        Objects.requireNonNull(dissemination, "dissemination");
        releasableTo = releasableTo == null ? Set.of() : Set.copyOf(releasableTo);
        if (handlingCode == HandlingCode.H3 && (handlingNote == null || handlingNote.isBlank())) {
            throw new IllegalArgumentException("handlingNote is required with handling code H3");
        }
        if (tlp == Tlp.RED && releasableTo.isEmpty()) {
            throw new IllegalArgumentException("TLP:RED needs a non-empty releasableTo");
        }
    }
}
