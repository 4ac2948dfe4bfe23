package eu.synergie.core.federation.hits;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What one exchange publishes to one peer for one of its notices in one epoch: the keyed hashes of the notice's
 * correlating entities, and what the publisher needs to recognise the notice when a hit comes back. No entity
 * value, normalised or raw, and no originating agency: a match tells the peer only that this exchange holds, in
 * {@code region}, a notice sharing a value with one of its own; who holds it is disclosed only after the owner's
 * approvers agree. An empty {@code hashes} retracts what was published for the notice earlier in the epoch
 * (withdrawn, no longer FULL or POINTER).
 *
 * @param from     the publishing exchange
 * @param to       the peer it is published to
 * @param epoch    the epoch whose key made the hashes ({@link Epochs})
 * @param noticeId the notice, as its originator named it
 * @param region   the publisher's region the notice is in
 * @param hashes   HMAC-SHA256 values, base64url without padding (RFC 4648 section 5), sorted and distinct so that
 *                 their order says nothing of the entities' order
 */
public record PublishedHashes(String from, String to, String epoch, UUID noticeId, String region, List<String> hashes) {

    /** At most this many hashes in one record: far more than a real notice names, few enough to read safely. */
    public static final int MAX_HASHES = 4_096;

    private static final Pattern HASH = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/+-]{0,63}");

    public PublishedHashes {
        require(from, "from");
        require(to, "to");
        require(epoch, "epoch");
        require(region, "region");
        Objects.requireNonNull(noticeId, "noticeId is required");
        if (from.equals(to)) {
            throw new IllegalArgumentException("from and to must be two different exchanges");
        }
        Objects.requireNonNull(hashes, "hashes is required");
        if (hashes.size() > MAX_HASHES) {
            throw new IllegalArgumentException("hashes must hold at most " + MAX_HASHES + " values");
        }
        for (String hash : hashes) {
            if (hash == null || !HASH.matcher(hash).matches()) {
                throw new IllegalArgumentException("hashes must be 32-byte values in base64url without padding");
            }
        }
        hashes = List.copyOf(new TreeSet<>(hashes));
    }

    /** Whether this record retracts the notice's earlier hashes rather than publishing any. */
    public boolean retraction() {
        return hashes.isEmpty();
    }

    private static void require(String value, String field) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 1 to 64 letters, digits or . _ : / + -");
        }
    }
}
