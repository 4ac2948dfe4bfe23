package eu.synergie.core.trust;

/** Where trust events are kept ({@code synergie.trust}, compacted). */
public interface TrustLog {

    String TOPIC = "synergie.trust";

    /** Appends and returns once the log has acknowledged. */
    void append(TrustEvent event);
}
