package eu.synergie.core.trust;

import eu.synergie.crypto.pki.RevokedCertificate;

import java.util.Collection;
import java.util.List;

/**
 * Every revocation the exchange made, kept apart from {@code synergie.trust} where whoever can write that topic
 * cannot reach (next to the CA key): deleting a revocation from the topic (a tombstone, or junk under its key
 * that compaction keeps instead) never drops it from the CRL. Only grows.
 */
public interface RevocationArchive {

    /** Every revocation kept, in any order. */
    List<RevokedCertificate> revoked();

    /**
     * Keeps those of {@code revocations} not kept yet (by serial; the first one kept for a serial stays).
     *
     * @throws TrustUnavailableException when they cannot be kept now
     */
    void keep(Collection<RevokedCertificate> revocations);
}
