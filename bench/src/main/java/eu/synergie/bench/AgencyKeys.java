package eu.synergie.bench;

import eu.synergie.core.envelope.MarkingsLabel;
import eu.synergie.core.envelope.NoticeSealer;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.core.trust.TrustService;
import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.crypto.envelope.HybridEnvelopeSealer;
import eu.synergie.crypto.envelope.HybridRecipient;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.gateway.keys.ExchangeKeys;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The demo agencies' keys as a load benchmark gives them, and their sealing: each registered through the trust service
 * with an ECDSA P-256 certificate; for the hybrid profile (issue 20) also an ML-DSA-65 certificate, issued the same way
 * (from the exchange's ML-DSA hierarchy), and an ML-KEM-768 key with the certificate the agency self-issues with its
 * ML-DSA-65 key, as {@code keygen --profile hybrid} makes it. Notices are sealed as {@code AgencySealer} seals them:
 * to the region (its ECDH, and in the hybrid profile its ML-KEM-768 certificate) and to the agency itself.
 */
final class AgencyKeys {

    /** An agency's credentials: {@code mlDsa} and {@code mlKem} are null when it has only the classical ones. */
    record Agency(KeyCredential classical, KeyCredential mlDsa, KeyCredential mlKem) {
    }

    /** The envelopes of notices {@code from..to} (the rest null), how long sealing them took, and their size. */
    record Sealed(EnvelopeProfile profile, byte[][] envelopes, int from, int to, double seconds, long bytes) {

        int count() {
            return to - from;
        }

        double perSecond() {
            return count() / seconds;
        }

        long averageBytes() {
            return count() == 0 ? 0 : bytes / count();
        }
    }

    private static final Duration OWN_KEM_VALIDITY = Duration.ofDays(365);

    private final Map<String, Agency> agencies;
    private final Map<String, X509Certificate> regionEcdh = new LinkedHashMap<>();
    private final Map<String, X509Certificate> regionMlKem = new LinkedHashMap<>();

    private AgencyKeys(Map<String, Agency> agencies, ExchangeKeys keys) {
        this.agencies = agencies;
        for (String region : keys.regions().regions()) {
            regionEcdh.put(region, keys.regions().recipientCertificate(region).orElseThrow());
            keys.regions().kemCertificate(region).ifPresent(kem -> regionMlKem.put(region, kem));
        }
    }

    /** Registers {@code demo} (when not yet) and issues each its certificates; post-quantum ones when {@code postQuantum}. */
    static AgencyKeys register(TrustService trust, ExchangeKeys keys, List<BenchAgency> demo, boolean postQuantum) {
        Map<String, Agency> agencies = new LinkedHashMap<>();
        for (BenchAgency agency : demo) {
            if (trust.registry().agency(agency.code()).isEmpty()) {
                trust.register(agency.code(), agency.name(), Set.copyOf(agency.regionNames()), "load-benchmark");
            }
            KeyPair pair = Keys.generateEcP256();
            KeyCredential classical = new KeyCredential(pair.getPrivate(),
                    trust.issueCertificate(agency.code(), pair.getPublic(), "load-benchmark"));
            KeyCredential mlDsa = null;
            KeyCredential mlKem = null;
            if (postQuantum) {
                KeyPair signer = Keys.generateMlDsa65();
                mlDsa = new KeyCredential(signer.getPrivate(), trust.issueCertificate(agency.code(), signer.getPublic(),
                        "load-benchmark"));
                KeyPair recipient = Keys.generateMlKem768();
                mlKem = new KeyCredential(recipient.getPrivate(), List.of(CertificateAuthority.selfIssueAgencyKemCertificate(
                        agency.code(), signer, recipient.getPublic(), OWN_KEM_VALIDITY)));
            }
            agencies.put(agency.code(), new Agency(classical, mlDsa, mlKem));
        }
        return new AgencyKeys(agencies, keys);
    }

    /** Each agency's ECDSA credential, by code. */
    Map<String, KeyCredential> classical() {
        Map<String, KeyCredential> classical = new LinkedHashMap<>();
        agencies.forEach((code, agency) -> classical.put(code, agency.classical()));
        return classical;
    }

    /** Seals notices {@code from..to} in {@code profile}, in parallel as the agencies would; timed (no other clock runs). */
    Sealed sealAll(NoticeGenerator.Generated[] notices, int from, int to, EnvelopeProfile profile) {
        byte[][] envelopes = new byte[notices.length][];
        long start = System.nanoTime();
        IntStream.range(from, to).parallel().forEach(i -> envelopes[i] = seal(notices[i], profile));
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes = 0;
        for (int i = from; i < to; i++) {
            bytes += envelopes[i].length;
        }
        return new Sealed(profile, envelopes, from, to, seconds, bytes);
    }

    /** One notice, sealed by its originating agency for its region and itself. */
    byte[] seal(NoticeGenerator.Generated generated, EnvelopeProfile profile) {
        Notice notice = generated.notice();
        Agency agency = agencies.get(generated.agency().code());
        X509Certificate region = regionEcdh.get(notice.region());
        return switch (profile) {
            case CLASSICAL -> NoticeSealer.seal(notice, agency.classical(), region);
            case HYBRID -> {
                if (agency.mlDsa() == null) {
                    throw new IllegalStateException(generated.agency().code() + " has no post-quantum keys");
                }
                X509Certificate regionKem = regionMlKem.get(notice.region());
                if (regionKem == null) {
                    throw new IllegalStateException("the exchange has no ML-KEM-768 certificate for region " + notice.region());
                }
                yield HybridEnvelopeSealer.seal(NoticeJson.write(notice), agency.classical(), agency.mlDsa(), List.of(
                                new HybridRecipient(region, regionKem),
                                new HybridRecipient(agency.classical().certificate(), agency.mlKem().certificate())),
                        MarkingsLabel.of(notice.markings()));
            }
        };
    }
}
