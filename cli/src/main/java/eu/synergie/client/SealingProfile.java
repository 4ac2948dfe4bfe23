package eu.synergie.client;

/**
 * Which envelope profile an {@link AgencySealer} seals with.
 *
 * <ul>
 *   <li>{@link #AUTO}: hybrid for each region whose ML-KEM-768 certificate was given, when the agency has its
 *       post-quantum keys; classical otherwise.</li>
 *   <li>{@link #CLASSICAL}: classical for every region (readable with OpenSSL 3.0), even where hybrid is possible.</li>
 *   <li>{@link #HYBRID}: hybrid for every region; refused unless the agency's post-quantum keys and every region's
 *       ML-KEM-768 certificate are given.</li>
 * </ul>
 */
public enum SealingProfile {
    AUTO,
    CLASSICAL,
    HYBRID
}
