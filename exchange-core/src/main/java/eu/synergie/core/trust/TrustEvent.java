package eu.synergie.core.trust;

import java.time.Instant;

/**
 * One change to the registry, as written to the compacted topic {@code synergie.trust}. Each event
 * carries the whole resulting state of what it changed, keyed by agency or certificate: compaction may
 * drop older events of a key, and the state is still complete.
 */
public sealed interface TrustEvent {

    /** The compaction key: {@code agency:<code>} or {@code certificate:<serial>}. */
    String key();

    Instant at();

    /** Who made the change (the administrator's subject). */
    String by();

    /** An agency was registered, suspended, reinstated, or its regions changed. */
    record AgencyChanged(Kind kind, AgencyRecord agency, Instant at, String by) implements TrustEvent {

        public enum Kind { REGISTERED, REGION_GRANTED, REGION_WITHDRAWN, SUSPENDED, REINSTATED }

        @Override
        public String key() {
            return "agency:" + agency.code();
        }
    }

    /** A certificate was issued or revoked. */
    record CertificateChanged(Kind kind, CertificateRecord certificate, Instant at, String by) implements TrustEvent {

        public enum Kind { ISSUED, REVOKED }

        @Override
        public String key() {
            return "certificate:" + certificate.serial();
        }
    }
}
