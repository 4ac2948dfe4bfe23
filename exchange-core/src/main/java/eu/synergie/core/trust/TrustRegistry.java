package eu.synergie.core.trust;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The current view of agencies and certificates, built by applying {@link TrustEvent}s in log order.
 * Every gateway and indexer instance keeps one, fed from {@code synergie.trust}.
 */
public final class TrustRegistry {

    private final ConcurrentMap<String, AgencyRecord> agencies = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CertificateRecord> certificates = new ConcurrentHashMap<>();
    private volatile String unavailable;

    public void apply(TrustEvent event) {
        switch (event) {
            case TrustEvent.AgencyChanged changed -> agencies.put(changed.agency().code(), changed.agency());
            case TrustEvent.CertificateChanged changed ->
                    certificates.put(changed.certificate().serial(), changed.certificate());
        }
    }

    public Optional<AgencyRecord> agency(String code) {
        return Optional.ofNullable(agencies.get(code));
    }

    public List<AgencyRecord> agencies() {
        return agencies.values().stream().sorted(Comparator.comparing(AgencyRecord::code)).toList();
    }

    public Optional<CertificateRecord> certificate(String serial) {
        return Optional.ofNullable(certificates.get(serial));
    }

    public List<CertificateRecord> certificatesOf(String agency) {
        return certificates.values().stream().filter(c -> c.agency().equals(agency))
                .sorted(Comparator.comparing(CertificateRecord::notBefore)).toList();
    }

    public Collection<CertificateRecord> revoked() {
        return certificates.values().stream().filter(CertificateRecord::revoked).toList();
    }

    /**
     * Why a signature by {@code signer} made at {@code time} must not be trusted, if it must not: the
     * certificate is not one the registry issued, its agency is unknown or was suspended by then, or it
     * was revoked with effect before that time (for a key compromise, from the stated compromise time).
     */
    public Optional<Distrust> distrust(X509Certificate signer, Instant time) {
        if (unavailable != null) {
            throw new TrustUnavailableException("the trust registry is unavailable: " + unavailable);
        }
        CertificateRecord record = certificates.get(serialOf(signer));
        if (record == null) {
            return Optional.of(new Distrust(Distrust.Kind.NOT_REGISTERED, "the signer certificate is not registered with the exchange"));
        }
        AgencyRecord agency = agencies.get(record.agency());
        if (agency == null) {
            return Optional.of(new Distrust(Distrust.Kind.NOT_REGISTERED, "agency " + record.agency() + " is not registered"));
        }
        if (!agency.activeAt(time)) {
            return Optional.of(new Distrust(Distrust.Kind.AGENCY_SUSPENDED, "agency " + record.agency() + " was suspended"));
        }
        if (record.revoked() && !time.isBefore(record.revocation().untrustedFrom())) {
            return Optional.of(new Distrust(Distrust.Kind.REVOKED, "the signer certificate is revoked ("
                    + record.revocation().reason().name().toLowerCase() + ") for signatures made at that time"));
        }
        return Optional.empty();
    }

    /** Why a signer is not trusted; the message names the check, never key material. */
    public record Distrust(Kind kind, String message) {

        public enum Kind { NOT_REGISTERED, AGENCY_SUSPENDED, REVOKED }
    }

    /** Called when this view can no longer be kept current: from then on, nothing is trusted or refused. */
    public void markUnavailable(String why) {
        unavailable = why == null ? "unknown failure" : why;
    }

    public static String serialOf(X509Certificate certificate) {
        return serialOf(certificate.getSerialNumber());
    }

    public static String serialOf(BigInteger serial) {
        return serial.toString(16);
    }
}
