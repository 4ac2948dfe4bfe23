package eu.synergie.core.notice;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the originator says about who may read a notice and how it may be used. The access policy
 * decides on these fields only.
 *
 * @param federation the peer exchanges the originator lets the notice cross to, by name (e.g. {@code EXCH-MED}), or
 *                   {@value #EVERY_PEER} for every peer of its exchange; empty: it stays home. Whether it does cross
 *                   is the federation rule's call, which also weighs the TLP and the handling code.
 */
public record Markings(String region, String originAgency, Classification classification, HandlingCode handlingCode,
                       String handlingNote, Tlp tlp, Set<String> releasableTo, Dissemination dissemination,
                       Set<String> federation) {

    /** In {@link #federation()}: every peer the exchange has, except where a peer must be named. */
    public static final String EVERY_PEER = "*";

    private static final Pattern PEER = Pattern.compile("[A-Z][A-Z0-9-]{1,31}");

    public Markings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(originAgency, "originAgency");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(handlingCode, "handlingCode");
        Objects.requireNonNull(tlp, "tlp");
        Objects.requireNonNull(dissemination, "dissemination");
        releasableTo = releasableTo == null ? Set.of() : Set.copyOf(releasableTo);
        federation = federation == null ? Set.of() : Set.copyOf(federation);
        for (String peer : federation) {
            if (!peer.equals(EVERY_PEER) && !PEER.matcher(peer).matches()) {
                throw new IllegalArgumentException("federation must hold peer exchange names such as EXCH-MED, or *");
            }
        }
        if (handlingCode == HandlingCode.H3 && (handlingNote == null || handlingNote.isBlank())) {
            throw new IllegalArgumentException("handlingNote is required with handling code H3");
        }
        if (tlp == Tlp.RED && releasableTo.isEmpty()) {
            throw new IllegalArgumentException("TLP:RED needs a non-empty releasableTo");
        }
    }

    /** Markings that keep the notice at home (no {@link #federation()}). */
    public Markings(String region, String originAgency, Classification classification, HandlingCode handlingCode,
                    String handlingNote, Tlp tlp, Set<String> releasableTo, Dissemination dissemination) {
        this(region, originAgency, classification, handlingCode, handlingNote, tlp, releasableTo, dissemination, Set.of());
    }
}
