package eu.synergie.core.envelope;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The regions this exchange serves, each with the key pair that notices of the region are encrypted to (ECDH P-256),
 * and, for the hybrid profile, its ML-KEM-768 key pair: a hybrid envelope needs both.
 */
public final class RegionKeys {

    private final Map<String, KeyCredential> byRegion;
    private final Map<String, KeyCredential> kemByRegion;

    /** Regions with classical keys only: they cannot open hybrid envelopes. */
    public RegionKeys(Map<String, KeyCredential> byRegion) {
        this(byRegion, Map.of());
    }

    /**
     * @param kemByRegion the regions' ML-KEM-768 keys (certificates {@code CN=<region>, OU=Region} of the ML-DSA
     *                    hierarchy), for regions that have one
     */
    public RegionKeys(Map<String, KeyCredential> byRegion, Map<String, KeyCredential> kemByRegion) {
        this.byRegion = new TreeMap<>(byRegion);
        this.kemByRegion = new TreeMap<>(kemByRegion);
        if (!this.byRegion.keySet().containsAll(this.kemByRegion.keySet())) {
            throw new IllegalArgumentException("an ML-KEM key for a region without its ECDH key");
        }
    }

    public Set<String> regions() {
        return byRegion.keySet();
    }

    public boolean serves(String region) {
        return byRegion.containsKey(region);
    }

    /** The certificate agencies encrypt to for {@code region}. */
    public Optional<X509Certificate> recipientCertificate(String region) {
        return Optional.ofNullable(byRegion.get(region)).map(KeyCredential::certificate);
    }

    /** The ML-KEM-768 certificate agencies encrypt the outer layer of a hybrid envelope to for {@code region}. */
    public Optional<X509Certificate> kemCertificate(String region) {
        return Optional.ofNullable(kemByRegion.get(region)).map(KeyCredential::certificate);
    }

    /** Both recipient certificates of {@code region} (ECDH first, then ML-KEM if it has one): what an agency needs. */
    public List<X509Certificate> recipientCertificates(String region) {
        List<X509Certificate> certificates = new ArrayList<>();
        recipientCertificate(region).ifPresent(certificates::add);
        kemCertificate(region).ifPresent(certificates::add);
        return certificates;
    }

    Collection<KeyCredential> keys() {
        return byRegion.values();
    }

    /** Every key, ECDH and ML-KEM: what the hybrid opener picks its two from. */
    Collection<KeyCredential> allKeys() {
        List<KeyCredential> all = new ArrayList<>(byRegion.values());
        all.addAll(kemByRegion.values());
        return all;
    }

    /** The region whose ECDH or ML-KEM recipient certificate {@code recipient} is. */
    Optional<String> regionOf(X509Certificate recipient) {
        return java.util.stream.Stream.concat(byRegion.entrySet().stream(), kemByRegion.entrySet().stream())
                .filter(e -> e.getValue().certificate().equals(recipient))
                .map(Map.Entry::getKey)
                .findFirst()
                .or(() -> Optional.of(CertificateAuthority.regionOf(recipient)));
    }
}
