package eu.synergie.core.index;

import java.time.Instant;

/**
 * What the index holds of a notice id: whose it is and which version, to judge a newly arrived one.
 *
 * @param held whether the indexed version is held for its agency's release approvers (four-eyes release)
 * @param peer the peer exchange the held notice came from, null for one published here: an agency code names an
 *             agency of one exchange only, so a notice id is owned by an agency <em>of an exchange</em>
 */
public record StoredVersion(String originAgency, int version, Instant issuedAt, String peer, boolean held) {

    /** A notice published here, its region sees. */
    public StoredVersion(String originAgency, int version, Instant issuedAt) {
        this(originAgency, version, issuedAt, null, false);
    }

    /** A notice its region sees. */
    public StoredVersion(String originAgency, int version, Instant issuedAt, String peer) {
        this(originAgency, version, issuedAt, peer, false);
    }

    /** Whether {@code agency} of {@code peer} (null: of this exchange) owns the held notice. */
    public boolean ownedBy(String agency, String peer) {
        return originAgency.equals(agency) && java.util.Objects.equals(this.peer, peer);
    }
}
