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
     * What the registry knows of the signer certificate {@code serial} (lower-case hexadecimal), with its agency
     * as it stood at {@code time}: the facts of the publish rule, which {@code AccessPolicy.decidePublish} judges.
     *
     * @throws TrustUnavailableException when this view can no longer be kept current: never a verdict
     */
    public SignerStanding signer(String serial, Instant time) {
        if (unavailable != null) {
            throw new TrustUnavailableException("the trust registry is unavailable: " + unavailable);
        }
        CertificateRecord certificate = certificates.get(serial);
        if (certificate == null) {
            return new SignerStanding.Unknown("the signer certificate is not registered with the exchange");
        }
        AgencyRecord agency = agencies.get(certificate.agency());
        if (agency == null) {
            return new SignerStanding.Unknown("agency " + certificate.agency() + " is not registered");
        }
        return agency.standingAt(time).<SignerStanding>map(standing -> new SignerStanding.Known(certificate, standing))
                .orElseGet(() -> new SignerStanding.Unknown("agency " + certificate.agency() + " was not registered yet at " + time));
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
