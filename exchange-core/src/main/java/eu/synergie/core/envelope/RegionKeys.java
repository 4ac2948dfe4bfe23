package eu.synergie.core.envelope;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The regions this exchange serves, each with the key pair that notices of the region are encrypted to. */
public final class RegionKeys {

    private final Map<String, KeyCredential> byRegion;

    public RegionKeys(Map<String, KeyCredential> byRegion) {
        this.byRegion = new TreeMap<>(byRegion);
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

    Collection<KeyCredential> keys() {
        return byRegion.values();
    }

    Optional<String> regionOf(X509Certificate recipient) {
        return byRegion.entrySet().stream()
                .filter(e -> e.getValue().certificate().equals(recipient))
                .map(Map.Entry::getKey)
                .findFirst()
                .or(() -> Optional.of(CertificateAuthority.regionOf(recipient)));
    }
}
