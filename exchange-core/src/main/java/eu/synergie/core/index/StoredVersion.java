package eu.synergie.core.index;

import java.time.Instant;

/**
 * What the index holds of a notice id: whose it is and which version, to judge a newly arrived one.
 *
 * @param peer the peer exchange the held notice came from, null for one published here: an agency code names an
 *             agency of one exchange only, so a notice id is owned by an agency <em>of an exchange</em>
 */
public record StoredVersion(String originAgency, int version, Instant issuedAt, String peer) {

    /** A notice published here. */
    public StoredVersion(String originAgency, int version, Instant issuedAt) {
        this(originAgency, version, issuedAt, null);
    }

    /** Whether {@code agency} of {@code peer} (null: of this exchange) owns the held notice. */
    public boolean ownedBy(String agency, String peer) {
        return originAgency.equals(agency) && java.util.Objects.equals(this.peer, peer);
    }
}
