package eu.synergie.core.integrity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The replay rule for stamped records: the exchange appends what it stamps at once, so a record whose broker
 * append time ({@code LogAppendTime}, which no producer can set) is long after its stamped time is a genuine
 * record appended again. Unlike a version check, this holds after compaction has dropped the record that the
 * replay displaced: the replay itself stays stale for ever.
 *
 * @param maxDelay how long after stamping a record may be appended (the producer's delivery time, with a margin),
 *                 and how far a stamp may lie ahead of the broker's clock
 */
public record Freshness(Duration maxDelay) {

    public Freshness {
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxDelay.isNegative() || maxDelay.isZero()) {
            throw new IllegalArgumentException("the freshness delay must be positive");
        }
    }

    /**
     * A fingerprint of a record's bytes. Every stamp the exchange makes is unique (a random ECDSA nonce, a random
     * per-record MAC key), so two records with the same fingerprint are one record appended twice: a replay, never
     * the exchange writing the same thing again.
     */
    public static String fingerprint(byte[] record) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(record));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Why a record stamped at {@code stampedAt} and appended at {@code appendedAt} is not fresh, if it is not. */
    public Optional<String> stale(Instant stampedAt, Instant appendedAt) {
        if (appendedAt.isAfter(stampedAt.plus(maxDelay))) {
            return Optional.of("appended " + Duration.between(stampedAt, appendedAt).toSeconds() + " s after the exchange stamped it"
                    + " (at most " + maxDelay.toSeconds() + " s)");
        }
        if (stampedAt.isAfter(appendedAt.plus(maxDelay))) {
            return Optional.of("stamped " + Duration.between(appendedAt, stampedAt).toSeconds() + " s after it was appended");
        }
        return Optional.empty();
    }
}
