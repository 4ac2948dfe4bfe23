package eu.synergie.client;

import eu.synergie.core.envelope.MarkingsLabel;
import eu.synergie.core.envelope.NoticeSealer;
import eu.synergie.core.notice.InvalidNoticeException;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.crypto.envelope.HybridEnvelopeSealer;
import eu.synergie.crypto.envelope.HybridRecipient;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Seals notices as one agency, for the regions whose recipient certificates it was given: checks each
 * notice against the schema, that the agency is its originator and that its region is known, then signs
 * it with the agency's key, binds its markings as a security label and encrypts it to the region and to
 * the agency itself ({@link NoticeSealer}). The notice JSON is sealed exactly as given, but for protected persons
 * given in the clear, which a sealer {@link #withProtectedPersons with the agency's pseudonym key} replaces first.
 *
 * <p>In the hybrid profile (issue 20) the same notice is signed with the agency's EC key and countersigned with its
 * ML-DSA-65 key, and encrypted so that opening needs both an ECDH and an ML-KEM-768 secret, again for the region
 * (its ECDH and ML-KEM-768 certificates) and for the agency itself (its EC certificate and its own ML-KEM-768
 * certificate) ({@link HybridEnvelopeSealer}). Which regions get which profile: {@link SealingProfile}, and
 * {@link #profileFor}.
 *
 * <p>Region certificates are checked once, here: each must be a region recipient certificate that chains to the root
 * of the agency's own chain of its kind (an ECDH certificate to the EC root that certified the agency's EC key, an
 * ML-KEM-768 certificate to the ML-DSA-65 root that certified its ML-DSA-65 key) and be valid now, so that a
 * substituted certificate cannot make the agency encrypt to someone else. ML-KEM-768 certificates given without the
 * agency's post-quantum keys cannot be checked, are never used, and are left aside.
 */
public final class AgencySealer {

    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;

    private final KeyCredential agency;
    private final PostQuantumCredentials postQuantum;
    private final String agencyCode;
    private final Map<String, X509Certificate> regions;
    private final Map<String, X509Certificate> kemRegions;
    private final Map<String, EnvelopeProfile> profiles;
    private final ProtectedPersons protectedPersons;

    /**
     * A classical sealer: every region is sealed in the classical profile.
     *
     * @throws UntrustedCertificateException if the agency certificate is not an agency certificate, or a
     *     region certificate is not a valid region certificate of the same exchange CA
     */
    public AgencySealer(KeyCredential agency, Collection<X509Certificate> regionCertificates) {
        this(agency, null, regionCertificates, SealingProfile.CLASSICAL);
    }

    /**
     * A sealer that may seal in the hybrid profile.
     *
     * @param agency             the agency's EC P-256 signing key with its chain up to the exchange's EC root
     * @param postQuantum        the agency's ML-DSA-65 and ML-KEM-768 keys, or null if it has none
     * @param regionCertificates each region's ECDH recipient certificate and, for hybrid regions, its ML-KEM-768 one
     * @param profile            which profile to seal with per region
     * @throws UntrustedCertificateException if a certificate is not what it must be (naming it and the check), or
     *     {@code profile} is {@link SealingProfile#HYBRID} and the post-quantum keys or a region's ML-KEM-768
     *     certificate are missing (naming what is missing)
     */
    public AgencySealer(KeyCredential agency, PostQuantumCredentials postQuantum,
            Collection<X509Certificate> regionCertificates, SealingProfile profile) {
        this.agency = Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(profile, "profile");
        try {
            this.agencyCode = CertificateAuthority.agencyCodeOf(agency.certificate());
        } catch (IllegalArgumentException e) {
            throw new UntrustedCertificateException("the signing certificate is not an agency certificate of the exchange", e);
        }
        if (postQuantum != null) {
            requirePostQuantumCredentials(postQuantum, agencyCode);
        }
        this.postQuantum = postQuantum;
        Map<String, X509Certificate> byRegion = new TreeMap<>();
        Map<String, X509Certificate> kemByRegion = new TreeMap<>();
        for (X509Certificate certificate : regionCertificates) {
            boolean kem = Keys.isMlKem768(certificate.getPublicKey());
            if (kem && postQuantum == null) {
                continue;
            }
            String region = kem ? requireRegionKemCertificate(certificate, postQuantum.mlDsa().chain())
                    : requireRegionCertificate(certificate, agency.chain());
            X509Certificate previous = (kem ? kemByRegion : byRegion).put(region, certificate);
            if (previous != null && !previous.equals(certificate)) {
                throw new UntrustedCertificateException("two different " + (kem ? "ML-KEM-768 " : "") + "recipient "
                        + "certificates for region " + region, null);
            }
        }
        if (profile == SealingProfile.HYBRID) {
            if (postQuantum == null) {
                throw new UntrustedCertificateException("the hybrid profile needs the agency's post-quantum keys "
                        + "(ML-DSA-65 and ML-KEM-768), and none were given", null);
            }
            for (String region : byRegion.keySet()) {
                if (!kemByRegion.containsKey(region)) {
                    throw new UntrustedCertificateException("the hybrid profile needs the ML-KEM-768 recipient "
                            + "certificate of region " + region + ", which was not given"
                            + (kemByRegion.isEmpty() ? " (none was given)"
                            : " (given for: " + String.join(", ", kemByRegion.keySet()) + ")"), null);
                }
            }
        }
        this.regions = Collections.unmodifiableMap(byRegion);
        this.kemRegions = Collections.unmodifiableMap(kemByRegion);
        Map<String, EnvelopeProfile> chosen = new LinkedHashMap<>();
        for (String region : byRegion.keySet()) {
            boolean hybrid = profile != SealingProfile.CLASSICAL && postQuantum != null && kemByRegion.containsKey(region);
            chosen.put(region, hybrid ? EnvelopeProfile.HYBRID : EnvelopeProfile.CLASSICAL);
        }
        this.profiles = Collections.unmodifiableMap(chosen);
        this.protectedPersons = null;
    }

    private AgencySealer(AgencySealer sealer, ProtectedPersons protectedPersons) {
        this.agency = sealer.agency;
        this.postQuantum = sealer.postQuantum;
        this.agencyCode = sealer.agencyCode;
        this.regions = sealer.regions;
        this.kemRegions = sealer.kemRegions;
        this.profiles = sealer.profiles;
        this.protectedPersons = protectedPersons;
    }

    /**
     * This sealer, replacing protected persons given in the clear by their pseudonyms before sealing
     * ({@link ProtectedPersons}). Without it a notice that gives one in the clear is refused.
     */
    public AgencySealer withProtectedPersons(ProtectedPersons persons) {
        return new AgencySealer(this, Objects.requireNonNull(persons, "persons"));
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
     * The profile notices for {@code region} are sealed in.
     *
     * @throws IllegalArgumentException if no recipient certificate was given for {@code region}
     */
    public EnvelopeProfile profileFor(String region) {
        EnvelopeProfile profile = profiles.get(region);
        if (profile == null) {
            throw new IllegalArgumentException("no recipient certificate for region " + region);
        }
        return profile;
    }

    /** Each region this sealer can seal for, with the profile it seals it in, by region name. */
    public Map<String, EnvelopeProfile> profiles() {
        return profiles;
    }

    /**
     * Seals one notice (UTF-8 JSON), in its region's profile.
     *
     * @throws UnsealableNoticeException naming the field or check that failed
     */
    public SealedNotice seal(byte[] given) {
        byte[] noticeJson = protectedPersons == null ? given : protectedPersons.pseudonymise(given);
        Notice notice;
        try {
            notice = NoticeJson.read(noticeJson);
        } catch (InvalidNoticeException e) {
            throw new UnsealableNoticeException(e.getMessage() + (protectedPersons == null && e.getMessage().contains("protection.localId")
                    ? " (this sealer has no pseudonym key: create one with synergie pseudonym-key init)" : ""));
        }
        if (!notice.originAgency().equals(agencyCode)) {
            throw new UnsealableNoticeException("originAgency is " + notice.originAgency() + " but the signing key is "
                    + agencyCode + "'s");
        }
        X509Certificate region = regions.get(notice.region());
        if (region == null) {
            throw new UnsealableNoticeException("no recipient certificate for region " + notice.region()
                    + (kemRegions.containsKey(notice.region()) ? " (only its ML-KEM-768 one was given; hybrid envelopes "
                    + "need its ECDH certificate too)" : "")
                    + (regions.isEmpty() ? " (none was given)" : " (given: " + String.join(", ", regions.keySet()) + ")"));
        }
        if (profiles.get(notice.region()) == EnvelopeProfile.HYBRID) {
            // What NoticeSealer does for the classical profile: the region and the agency itself as recipients, the
            // markings as the security label; each recipient now by its ECDH and its ML-KEM-768 certificate.
            byte[] envelope = HybridEnvelopeSealer.seal(noticeJson, agency, postQuantum.mlDsa(), List.of(
                            new HybridRecipient(region, kemRegions.get(notice.region())),
                            new HybridRecipient(agency.certificate(), postQuantum.mlKem().certificate())),
                    MarkingsLabel.of(notice.markings()));
            return new SealedNotice(notice.noticeId(), notice.region(), EnvelopeProfile.HYBRID, envelope);
        }
        return new SealedNotice(notice.noticeId(), notice.region(), EnvelopeProfile.CLASSICAL,
                NoticeSealer.seal(noticeJson, agency, region));
    }

    /**
     * The region a recipient certificate is for, once it is known to chain to the root of
     * {@code agencyChain} and to be valid now, with key agreement among its uses.
     *
     * @throws UntrustedCertificateException naming the failed check
     */
    public static String requireRegionCertificate(X509Certificate certificate, List<X509Certificate> agencyChain) {
        return requireRegion(certificate, agencyChain, false);
    }

    /**
     * The region an ML-KEM-768 recipient certificate is for, once it is known to chain to the root of
     * {@code agencyMlDsaChain} (the exchange's ML-DSA-65 root) and to be valid now, for key encipherment.
     *
     * @throws UntrustedCertificateException naming the failed check
     */
    public static String requireRegionKemCertificate(X509Certificate certificate, List<X509Certificate> agencyMlDsaChain) {
        return requireRegion(certificate, agencyMlDsaChain, true);
    }

    private static String requireRegion(X509Certificate certificate, List<X509Certificate> agencyChain, boolean kem) {
        String region;
        try {
            region = CertificateAuthority.regionOf(certificate);
        } catch (IllegalArgumentException e) {
            throw new UntrustedCertificateException("certificate " + certificate.getSubjectX500Principal().getName()
                    + " is not a region recipient certificate", e);
        }
        String what = kem ? "the ML-KEM-768 certificate of region " + region : "the certificate of region " + region;
        if (kem != Keys.isMlKem768(certificate.getPublicKey())) {
            throw new UntrustedCertificateException(what + " is not for " + (kem ? "an ML-KEM-768" : "an ECDH") + " key", null);
        }
        boolean[] usage = certificate.getKeyUsage();
        if (kem ? usage == null || !usage[KEY_ENCIPHERMENT] : usage != null && !usage[KEY_AGREEMENT]) {
            throw new UntrustedCertificateException(what + " does not allow " + (kem ? "key encipherment" : "key agreement"),
                    null);
        }
        try {
            certificate.checkValidity(Date.from(Instant.now()));
        } catch (CertificateException e) {
            throw new UntrustedCertificateException(what + " is not valid now (valid "
                    + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant() + ")", e);
        }
        requireIssuedUnder(certificate, agencyChain, what + (kem
                ? " is not issued by the exchange's ML-DSA-65 CA that certified the agency's ML-DSA-65 key"
                : " is not issued by the exchange CA that certified the agency"));
        return region;
    }

    /**
     * Checks that {@code certificate} is a current agency certificate of {@code agencyCode} issued by the exchange CA
     * that certified the agency of {@code agencyChain}: what an agency encrypts to when it writes to another agency
     * (a reveal's answer), so that a certificate substituted on the way is refused.
     *
     * @throws UntrustedCertificateException naming the failed check
     */
    public static void requireAgencyCertificate(X509Certificate certificate, String agencyCode,
                                                List<X509Certificate> agencyChain) {
        String agency;
        try {
            agency = CertificateAuthority.agencyCodeOf(certificate);
        } catch (IllegalArgumentException e) {
            throw new UntrustedCertificateException("certificate " + certificate.getSubjectX500Principal().getName()
                    + " is not an agency certificate", e);
        }
        if (!agency.equals(agencyCode)) {
            throw new UntrustedCertificateException("the certificate is " + agency + "'s, not " + agencyCode + "'s", null);
        }
        requireIssuedUnder(certificate, agencyChain, "the certificate of " + agency
                + " is not valid now or not issued by the exchange CA that certified the agency");
    }

    /** Validates {@code certificate} now, through the intermediates of {@code agencyChain}, up to its root. */
    private static void requireIssuedUnder(X509Certificate certificate, List<X509Certificate> agencyChain, String failure) {
        List<X509Certificate> path = new ArrayList<>(List.of(certificate));
        path.addAll(agencyChain.subList(1, Math.max(1, agencyChain.size() - 1)));
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(agencyChain.getLast(), null)));
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path),
                    parameters);
        } catch (CertPathValidatorException e) {
            throw new UntrustedCertificateException(failure, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX validation unavailable", e);
        }
    }

    // The post-quantum keys must be this agency's: an ML-DSA-65 signing certificate for the same agency, and an
    // ML-KEM-768 certificate for it that its own ML-DSA-65 key issued (it chains to nothing else).
    private static void requirePostQuantumCredentials(PostQuantumCredentials keys, String agencyCode) {
        X509Certificate signer = keys.mlDsa().certificate();
        X509Certificate own = keys.mlKem().certificate();
        if (!Keys.isMlDsa65(signer.getPublicKey())) {
            throw new UntrustedCertificateException("the post-quantum signing certificate is not for an ML-DSA-65 key", null);
        }
        if (!Keys.isMlKem768(own.getPublicKey())) {
            throw new UntrustedCertificateException("the agency's own recipient certificate is not for an ML-KEM-768 key",
                    null);
        }
        for (X509Certificate certificate : List.of(signer, own)) {
            String named;
            try {
                named = CertificateAuthority.agencyCodeOf(certificate);
            } catch (IllegalArgumentException e) {
                throw new UntrustedCertificateException("the agency's " + (certificate == signer ? "ML-DSA-65" : "ML-KEM-768")
                        + " certificate is not an agency certificate", e);
            }
            if (!named.equals(agencyCode)) {
                throw new UntrustedCertificateException("the agency's " + (certificate == signer ? "ML-DSA-65" : "ML-KEM-768")
                        + " certificate is for " + named + ", its EC certificate for " + agencyCode, null);
            }
        }
        try {
            own.verify(signer.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new UntrustedCertificateException("the agency's ML-KEM-768 certificate is not issued by its ML-DSA-65 key", e);
        }
    }
}
