package eu.synergie.core.index;

import java.time.Instant;

/** What the index holds of a notice id: whose it is and which version, to judge a newly arrived one. */
public record StoredVersion(String originAgency, int version, Instant issuedAt) {
}
