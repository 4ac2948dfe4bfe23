package eu.synergie.core.federation;

/** Where a pointer a peer's approvers released goes, read from that peer's inbound topic. */
@FunctionalInterface
public interface PointerInbox {

    /** @param value the record as the peer signed it; what is wrong with it is the inbox's to refuse and alarm */
    void received(String peer, byte[] value);
}
