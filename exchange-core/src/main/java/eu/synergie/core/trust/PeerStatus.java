package eu.synergie.core.trust;

/** Whether a peering stands. */
public enum PeerStatus {
    ACTIVE, REMOVED
}
