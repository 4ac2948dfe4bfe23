package eu.synergie.core.trust;

import java.time.Instant;

/**
 * One change to the registry, as written to the compacted topic {@code synergie.trust}. Each event
 * carries the whole resulting state of what it changed, keyed by agency or certificate: compaction may
 * drop older events of a key, and the state is still complete. Each key's events are numbered
 * ({@link #version()}, 1, 2, 3…) under the exchange's signature, so that an older state appended again
 * never replaces a newer one.
 */
public sealed interface TrustEvent {

    /**
     * The compaction key: {@code agency:<code>}, {@code certificate:<serial>}, {@code peer:<name>} or
     * {@code region:<name>}.
     */
    String key();

    Instant at();

    /** Who made the change (the administrator's subject). */
    String by();

    /** This event's number among the events of its key, from 1; a higher number is a later state. */
    long version();

    /** An agency was registered, suspended, reinstated, or its regions changed. */
    record AgencyChanged(Kind kind, AgencyRecord agency, Instant at, String by, long version) implements TrustEvent {

        public enum Kind { REGISTERED, REGION_GRANTED, REGION_WITHDRAWN, SUSPENDED, REINSTATED }

        public AgencyChanged {
            requireVersion(version);
        }

        @Override
        public String key() {
            return "agency:" + agency.code();
        }
    }

    /** A certificate was issued or revoked. */
    record CertificateChanged(Kind kind, CertificateRecord certificate, Instant at, String by, long version)
            implements TrustEvent {

        public enum Kind { ISSUED, REVOKED }

        public CertificateChanged {
            requireVersion(version);
        }

        @Override
        public String key() {
            return "certificate:" + certificate.serial();
        }
    }

    /** A peer exchange was registered (again, or with other terms) or removed. */
    record PeerChanged(Kind kind, PeerRecord peer, Instant at, String by, long version) implements TrustEvent {

        public enum Kind { REGISTERED, REMOVED }

        public PeerChanged {
            requireVersion(version);
        }

        @Override
        public String key() {
            return "peer:" + peer.name();
        }
    }

    /** A region's envelope profile was chosen (issue 20: classical, or hybrid from a date). */
    record RegionProfileChanged(RegionProfile region, Instant at, String by, long version) implements TrustEvent {

        public RegionProfileChanged {
            requireVersion(version);
        }

        @Override
        public String key() {
            return "region:" + region.region();
        }
    }

    /** An agency's release policy was chosen (issue 18: which of its notices wait for one of its release approvers). */
    record ReleasePolicyChanged(ReleasePolicy policy, Instant at, String by, long version) implements TrustEvent {

        public ReleasePolicyChanged {
            requireVersion(version);
        }

        @Override
        public String key() {
            return "release:" + policy.agency();
        }
    }

    private static void requireVersion(long version) {
        if (version < 1) {
            throw new IllegalArgumentException("a trust event's version starts at 1");
        }
    }
}
