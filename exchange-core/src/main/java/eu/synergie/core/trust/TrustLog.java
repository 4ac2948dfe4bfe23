package eu.synergie.core.trust;

/**
 * Where trust events are kept ({@code synergie.trust}, compacted), as one instance writes and reads it: appending
 * a change, and catching up with what every instance appended, its own records included.
 */
public interface TrustLog {

    String TOPIC = "synergie.trust";

    /**
     * Appends and returns once the log has acknowledged.
     *
     * @throws TrustUnavailableException when the log did not acknowledge in time: whether the change was recorded
     *                                   is then unknown
     */
    void append(TrustEvent event);

    /**
     * Returns once this instance's registry has read every record appended before the call (its own included).
     *
     * @throws TrustUnavailableException when it cannot read the log now
     */
    void catchUp();
}
