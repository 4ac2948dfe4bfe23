package eu.synergie.core.trust;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A peer exchange as this exchange registered it: what it is pinned to and what may flow between the two. Nothing
 * flows until both exchanges registered each other: this record is this side's half of that consent.
 *
 * @param name           the peer's name in the network, e.g. {@code EXCH-MED}; also the MirrorMaker alias of its cluster
 * @param rootPem        the peer's root certificate, pinned (its fingerprint was checked out of band at registration):
 *                       the anchor against which its agencies' signatures and its trust events are verified
 * @param federationPem  the peer's federation recipient certificate with its chain up to (without) the root: what
 *                       notices sent to the peer are encrypted to
 * @param sends          this exchange's regions whose notices the peer may receive
 * @param receives       the peer's regions this exchange accepts notices of, each with the region of ours it maps to
 * @param since          when the current status began
 */
public record PeerRecord(String name, String rootPem, String federationPem, Set<String> sends, Map<String, String> receives,
                         PeerStatus status, Instant since) {

    static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9-]{1,31}");

    public PeerRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rootPem, "rootPem");
        Objects.requireNonNull(federationPem, "federationPem");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(since, "since");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a peer's name must look like EXCH-MED");
        }
        sends = sends == null ? Set.of() : Set.copyOf(new TreeSet<>(sends));
        receives = receives == null ? Map.of() : Map.copyOf(new TreeMap<>(receives));
    }

    public boolean active() {
        return status == PeerStatus.ACTIVE;
    }

    /** The region of ours a notice of the peer's {@code peerRegion} lands in, if this exchange accepts that region. */
    public java.util.Optional<String> regionFor(String peerRegion) {
        return java.util.Optional.ofNullable(receives.get(peerRegion));
    }

    /** Whether notices of our {@code region} may be sent to the peer. */
    public boolean sends(String region) {
        return sends.contains(region);
    }

    /** This peer removed at {@code at}: nothing flows either way from then on. */
    public PeerRecord removed(Instant at) {
        return new PeerRecord(name, rootPem, federationPem, sends, receives, PeerStatus.REMOVED, at);
    }
}
