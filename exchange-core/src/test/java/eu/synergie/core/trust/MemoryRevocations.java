package eu.synergie.core.trust;

import eu.synergie.crypto.pki.RevokedCertificate;

import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link RevocationArchive} in memory: the key folder that every instance of a test exchange shares. */
public final class MemoryRevocations implements RevocationArchive {

    private final Map<BigInteger, RevokedCertificate> kept = new ConcurrentHashMap<>();

    @Override
    public List<RevokedCertificate> revoked() {
        return List.copyOf(kept.values());
    }

    @Override
    public void keep(Collection<RevokedCertificate> revocations) {
        revocations.forEach(entry -> kept.putIfAbsent(entry.serial(), entry));
    }
}
