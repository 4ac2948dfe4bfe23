package eu.synergie.core.trust;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.RevokedCertificate;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Trust administration: every change is checked against the current registry, appended to the trust
 * log (acknowledged before anything else sees it), then applied to this instance's view. Other
 * instances apply it when their follower reads it from the log.
 */
public final class TrustService {

    private static final Pattern AGENCY = Pattern.compile("[A-Z]{2}-[A-Z0-9]{2,16}");

    private final TrustRegistry registry;
    private final TrustLog log;
    private final CertificateAuthority ca;
    private final Set<String> servedRegions;
    private final Duration certificateValidity;
    private final Clock clock;

    public TrustService(TrustRegistry registry, TrustLog log, CertificateAuthority ca, Set<String> servedRegions,
                        Duration certificateValidity, Clock clock) {
        this.registry = registry;
        this.log = log;
        this.ca = ca;
        this.servedRegions = Set.copyOf(servedRegions);
        this.certificateValidity = certificateValidity;
        this.clock = clock;
    }

    public TrustRegistry registry() {
        return registry;
    }

    public AgencyRecord register(String code, String name, Set<String> regions, String by) {
        if (code == null || !AGENCY.matcher(code).matches()) {
            throw new TrustException(TrustException.Kind.INVALID, "agency code must look like FR-DGPN");
        }
        if (name == null || name.isBlank()) {
            throw new TrustException(TrustException.Kind.INVALID, "agency name is required");
        }
        regions.forEach(this::requireServed);
        if (registry.agency(code).isPresent()) {
            throw new TrustException(TrustException.Kind.CONFLICT, "agency " + code + " is already registered");
        }
        Instant now = clock.instant();
        AgencyRecord agency = AgencyRecord.registered(code, name.strip(), regions, now);
        record(new TrustEvent.AgencyChanged(TrustEvent.AgencyChanged.Kind.REGISTERED, agency, now, by,
                nextVersion("agency:" + code)));
        return agency;
    }

    public AgencyRecord grantRegion(String code, String region, String by) {
        requireServed(region);
        AgencyRecord agency = existing(code);
        Set<String> regions = new TreeSet<>(agency.regions());
        regions.add(region);
        return changeAgency(TrustEvent.AgencyChanged.Kind.REGION_GRANTED, agency, regions, agency.status(), by);
    }

    public AgencyRecord withdrawRegion(String code, String region, String by) {
        AgencyRecord agency = existing(code);
        if (!agency.memberOf(region)) {
            throw new TrustException(TrustException.Kind.NOT_FOUND, code + " is not a member of " + region);
        }
        Set<String> regions = new TreeSet<>(agency.regions());
        regions.remove(region);
        return changeAgency(TrustEvent.AgencyChanged.Kind.REGION_WITHDRAWN, agency, regions, agency.status(), by);
    }

    public AgencyRecord suspend(String code, String by) {
        AgencyRecord agency = existing(code);
        if (agency.status() == AgencyStatus.SUSPENDED) {
            throw new TrustException(TrustException.Kind.CONFLICT, code + " is already suspended");
        }
        return changeAgency(TrustEvent.AgencyChanged.Kind.SUSPENDED, agency, agency.regions(), AgencyStatus.SUSPENDED, by);
    }

    public AgencyRecord reinstate(String code, String by) {
        AgencyRecord agency = existing(code);
        if (agency.status() == AgencyStatus.ACTIVE) {
            throw new TrustException(TrustException.Kind.CONFLICT, code + " is not suspended");
        }
        return changeAgency(TrustEvent.AgencyChanged.Kind.REINSTATED, agency, agency.regions(), AgencyStatus.ACTIVE, by);
    }

    /**
     * Issues a notice-signing certificate for {@code key} (whose possession the caller has verified,
     * e.g. from a CSR) and returns the chain, leaf first.
     */
    public List<X509Certificate> issueCertificate(String code, PublicKey key, String by) {
        AgencyRecord agency = existing(code);
        if (agency.status() != AgencyStatus.ACTIVE) {
            throw new TrustException(TrustException.Kind.CONFLICT, code + " is suspended: no certificate can be issued");
        }
        X509Certificate certificate = ca.issueAgencyCertificate(code, key, certificateValidity);
        CertificateRecord issued = new CertificateRecord(TrustRegistry.serialOf(certificate), code, pem(certificate),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), null);
        record(new TrustEvent.CertificateChanged(TrustEvent.CertificateChanged.Kind.ISSUED, issued, clock.instant(), by,
                nextVersion("certificate:" + issued.serial())));
        return ca.chainOf(certificate);
    }

    public CertificateRecord revoke(String serial, RevocationReason reason, Instant compromisedAt, String by) {
        CertificateRecord certificate = registry.certificate(serial)
                .orElseThrow(() -> new TrustException(TrustException.Kind.NOT_FOUND, "no certificate with serial " + serial));
        if (certificate.revoked()) {
            throw new TrustException(TrustException.Kind.CONFLICT, "certificate " + serial + " is already revoked");
        }
        Revocation revocation;
        try {
            revocation = new Revocation(reason, clock.instant(), compromisedAt);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new TrustException(TrustException.Kind.INVALID, e.getMessage());
        }
        CertificateRecord revoked = new CertificateRecord(certificate.serial(), certificate.agency(), certificate.pem(),
                certificate.notBefore(), certificate.notAfter(), revocation);
        record(new TrustEvent.CertificateChanged(TrustEvent.CertificateChanged.Kind.REVOKED, revoked, clock.instant(), by,
                nextVersion("certificate:" + serial)));
        return revoked;
    }

    /**
     * The current certificate revocation list of the exchange CA (RFC 5280), valid for a day; its number
     * grows with time so that relying parties can tell a newer list.
     */
    public X509CRL crl() {
        Instant now = clock.instant();
        List<RevokedCertificate> revoked = registry.revoked().stream()
                .map(c -> new RevokedCertificate(new BigInteger(c.serial(), 16), c.revocation().revokedAt(),
                        c.revocation().reason().code()))
                .toList();
        return ca.issueCrl(revoked, now, now.plus(Duration.ofDays(1)), BigInteger.valueOf(now.toEpochMilli()));
    }

    /** The change and the event carry the same instant: the agency's history says it took effect then. */
    private AgencyRecord changeAgency(TrustEvent.AgencyChanged.Kind kind, AgencyRecord agency, Set<String> regions,
                                      AgencyStatus status, String by) {
        Instant now = clock.instant();
        AgencyRecord changed = agency.changed(regions, status, now);
        record(new TrustEvent.AgencyChanged(kind, changed, now, by, nextVersion("agency:" + agency.code())));
        return changed;
    }

    private long nextVersion(String key) {
        return registry.version(key) + 1;
    }

    private void record(TrustEvent event) {
        log.append(event);
        if (registry.apply(event) == TrustRegistry.Applied.OUTDATED) {
            // Another instance changed the same key at the same moment, and its change is the one every instance keeps.
            throw new TrustException(TrustException.Kind.CONFLICT, event.key().replace(':', ' ')
                    + " was changed at the same moment by another administrator; look at it again");
        }
    }

    private AgencyRecord existing(String code) {
        return registry.agency(code)
                .orElseThrow(() -> new TrustException(TrustException.Kind.NOT_FOUND, "agency " + code + " is not registered"));
    }

    private void requireServed(String region) {
        if (!servedRegions.contains(region)) {
            throw new TrustException(TrustException.Kind.INVALID, "region " + region + " is not served by this exchange");
        }
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate the CA just issued", e);
        }
    }
}
