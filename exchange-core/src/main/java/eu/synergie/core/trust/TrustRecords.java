package eu.synergie.core.trust;

import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.integrity.Rejection;
import eu.synergie.crypto.stamp.ExchangeSignatures;
import eu.synergie.crypto.stamp.ExchangeSigner;
import eu.synergie.crypto.stamp.StampException;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Trust events as the records of {@code synergie.trust}: their JSON ({@link TrustEventJson}) inside a CMS
 * {@code SignedData} by the exchange's log signer. A record is read back only if the exchange signed it, under
 * the key it was signed for, and it was appended soon after it was signed ({@link Freshness}); whether it is a
 * later state than the one applied is the registry's to say.
 */
public final class TrustRecords {

    private final ExchangeSigner signer;
    private final ExchangeSignatures signatures;
    private final Freshness freshness;

    private TrustRecords(ExchangeSigner signer, ExchangeSignatures signatures, Freshness freshness) {
        this.signer = signer;
        this.signatures = Objects.requireNonNull(signatures, "signatures");
        this.freshness = Objects.requireNonNull(freshness, "freshness");
    }

    /** Writes and reads: the exchange's gateway. */
    public static TrustRecords of(ExchangeSigner signer, ExchangeSignatures signatures, Freshness freshness) {
        return new TrustRecords(Objects.requireNonNull(signer, "signer"), signatures, freshness);
    }

    /** Reads only: a follower that holds the exchange root but not its signing key. */
    public static TrustRecords reader(ExchangeSignatures signatures, Freshness freshness) {
        return new TrustRecords(null, signatures, freshness);
    }

    /** The record value of {@code event}: its JSON, signed. */
    public byte[] write(TrustEvent event) {
        if (signer == null) {
            throw new IllegalStateException("this instance cannot sign trust events");
        }
        return signer.sign(TrustEventJson.write(event));
    }

    /** What a record of the log is: a trust event to apply, or refused with its reason. */
    public sealed interface Read {

        /** @param signedAt when the exchange signed it */
        record Valid(TrustEvent event, Instant signedAt) implements Read {
        }

        /** @param detail which check failed, never the content */
        record Refused(Rejection reason, String detail) implements Read {
        }
    }

    /**
     * @param key        the record's Kafka key
     * @param value      the record's value (null for a tombstone)
     * @param appendedAt the broker's append time
     */
    public Read read(String key, byte[] value, Instant appendedAt) {
        if (value == null) {
            return new Read.Refused(Rejection.UNSIGNED, "a tombstone: the exchange never deletes trust events");
        }
        ExchangeSignatures.Signed signed;
        try {
            signed = signatures.open(value);
        } catch (StampException e) {
            return new Read.Refused(Rejection.of(e.reason()), e.getMessage());
        }
        TrustEvent event;
        try {
            event = TrustEventJson.read(signed.content());
        } catch (IllegalArgumentException | NullPointerException e) {
            return new Read.Refused(Rejection.UNREADABLE, "a signed trust event this version cannot read");
        }
        if (!event.key().equals(key)) {
            return new Read.Refused(Rejection.MISKEYED, "signed for key " + event.key() + ", appended under another");
        }
        Optional<String> stale = freshness.stale(signed.signedAt(), appendedAt);
        if (stale.isPresent()) {
            return new Read.Refused(Rejection.REPLAYED, "version " + event.version() + " " + stale.get());
        }
        return new Read.Valid(event, signed.signedAt());
    }
}
