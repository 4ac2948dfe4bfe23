package eu.synergie.client;

import eu.synergie.core.envelope.NoticeSealer;
import eu.synergie.core.notice.InvalidNoticeException;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Seals notices as one agency, for the regions whose recipient certificates it was given: checks each
 * notice against the schema, that the agency is its originator and that its region is known, then signs
 * it with the agency's key, binds its markings as a security label and encrypts it to the region and to
 * the agency itself ({@link NoticeSealer}). The notice JSON is sealed exactly as given.
 *
 * <p>Region certificates are checked once, here: each must be a region recipient certificate that
 * chains to the root of the agency's own chain (the exchange CA that certified the agency) and be valid
 * now, so that a substituted certificate cannot make the agency encrypt to someone else.
 */
public final class AgencySealer {

    private final KeyCredential agency;
    private final String agencyCode;
    private final Map<String, X509Certificate> regions;

    /**
     * @throws UntrustedCertificateException if the agency certificate is not an agency certificate, or a
     *     region certificate is not a valid region certificate of the same exchange CA
     */
    public AgencySealer(KeyCredential agency, Collection<X509Certificate> regionCertificates) {
        this.agency = Objects.requireNonNull(agency, "agency");
        try {
            this.agencyCode = CertificateAuthority.agencyCodeOf(agency.certificate());
        } catch (IllegalArgumentException e) {
            throw new UntrustedCertificateException("the signing certificate is not an agency certificate of the exchange", e);
        }
        Map<String, X509Certificate> byRegion = new TreeMap<>();
        for (X509Certificate certificate : regionCertificates) {
            String region = requireRegionCertificate(certificate, agency.chain());
            X509Certificate previous = byRegion.put(region, certificate);
            if (previous != null && !previous.equals(certificate)) {
                throw new UntrustedCertificateException("two different recipient certificates for region " + region, null);
            }
        }
        this.regions = Collections.unmodifiableMap(byRegion);
    }

    /** The agency code of the signing certificate, e.g. {@code BE-PJF}. */
    public String agency() {
        return agencyCode;
    }

    /** The regions this sealer can seal for. */
    public Set<String> regions() {
        return regions.keySet();
    }

    /**
     * Seals one notice (UTF-8 JSON).
     *
     * @throws UnsealableNoticeException naming the field or check that failed
     */
    public SealedNotice seal(byte[] noticeJson) {
        Notice notice;
        try {
            notice = NoticeJson.read(noticeJson);
        } catch (InvalidNoticeException e) {
            throw new UnsealableNoticeException(e.getMessage());
        }
        if (!notice.originAgency().equals(agencyCode)) {
            throw new UnsealableNoticeException("originAgency is " + notice.originAgency() + " but the signing key is "
                    + agencyCode + "'s");
        }
        X509Certificate region = regions.get(notice.region());
        if (region == null) {
            throw new UnsealableNoticeException("no recipient certificate for region " + notice.region()
                    + (regions.isEmpty() ? " (none was given)" : " (given: " + String.join(", ", regions.keySet()) + ")"));
        }
        return new SealedNotice(notice.noticeId(), notice.region(), NoticeSealer.seal(noticeJson, agency, region));
    }

    /**
     * The region a recipient certificate is for, once it is known to chain to the root of
     * {@code agencyChain} and to be valid now, with key agreement among its uses.
     *
     * @throws UntrustedCertificateException naming the failed check
     */
    public static String requireRegionCertificate(X509Certificate certificate, List<X509Certificate> agencyChain) {
        String region;
        try {
            region = CertificateAuthority.regionOf(certificate);
        } catch (IllegalArgumentException e) {
            throw new UntrustedCertificateException("certificate " + certificate.getSubjectX500Principal().getName()
                    + " is not a region recipient certificate", e);
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && !usage[4]) {
            throw new UntrustedCertificateException("the certificate of region " + region + " does not allow key agreement", null);
        }
        try {
            certificate.checkValidity(Date.from(Instant.now()));
        } catch (CertificateException e) {
            throw new UntrustedCertificateException("the certificate of region " + region + " is not valid now (valid "
                    + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant() + ")", e);
        }
        X509Certificate root = agencyChain.getLast();
        List<X509Certificate> path = new ArrayList<>(List.of(certificate));
        path.addAll(agencyChain.subList(1, Math.max(1, agencyChain.size() - 1)));
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path),
                    parameters);
        } catch (CertPathValidatorException e) {
            throw new UntrustedCertificateException("the certificate of region " + region
                    + " is not issued by the exchange CA that certified the agency", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX validation unavailable", e);
        }
        return region;
    }
}
