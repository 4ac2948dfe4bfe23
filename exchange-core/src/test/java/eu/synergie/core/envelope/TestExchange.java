package eu.synergie.core.envelope;

import eu.synergie.core.notice.InvalidNoticeException;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.PublishGate;
import eu.synergie.core.trust.ListTrustLog;
import eu.synergie.core.trust.MemoryRevocations;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.core.trust.TrustService;
import eu.synergie.crypto.envelope.EnvelopeSealer;
import eu.synergie.crypto.envelope.HybridEnvelopeSealer;
import eu.synergie.crypto.envelope.HybridRecipient;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A small exchange for tests: a CA generated now, recipient keys for two regions, agencies on demand. */
public final class TestExchange {

    public final CertificateAuthority ca = CertificateAuthority.createRoot("Test Exchange CA", Duration.ofDays(30));
    /** The ML-DSA-65 hierarchy beside the EC one (the hybrid profile). */
    public final CertificateAuthority postQuantumCa = CertificateAuthority.createMlDsaRoot("Test Exchange ML-DSA CA", Duration.ofDays(30));
    public final RegionKeys regions;
    public final TrustRegistry registry = new TrustRegistry();
    /** The trust log this exchange's one instance writes and reads. */
    public final ListTrustLog log = new ListTrustLog(registry);
    public final TrustService trust;

    public TestExchange() {
        Map<String, KeyCredential> keys = new LinkedHashMap<>();
        Map<String, KeyCredential> kemKeys = new LinkedHashMap<>();
        for (String region : List.of("EU-WEST", "EU-CENTRAL")) {
            KeyPair pair = Keys.generateEcP256();
            keys.put(region, new KeyCredential(pair.getPrivate(),
                    List.of(ca.issueRegionRecipientCertificate(region, pair.getPublic(), Duration.ofDays(30)), ca.certificate())));
            KeyPair kem = Keys.generateMlKem768();
            kemKeys.put(region, new KeyCredential(kem.getPrivate(), List.of(
                    postQuantumCa.issueRegionKemCertificate(region, kem.getPublic(), Duration.ofDays(30)), postQuantumCa.certificate())));
        }
        regions = new RegionKeys(keys, kemKeys);
        trust = new TrustService(registry, log, ca, postQuantumCa, new MemoryRevocations(), keys.keySet(),
                Duration.ofDays(30), Clock.systemUTC());
    }

    public NoticeOpener opener() {
        return new NoticeOpener(ca.certificate(), postQuantumCa.certificate(), regions, 1 << 20, 64L << 20, Clock.systemUTC());
    }

    /** An agency's keys for the hybrid profile: ECDSA and ML-DSA-65 signing credentials, and its own ML-KEM-768 key. */
    public record HybridAgency(KeyCredential classical, KeyCredential mlDsa, KeyCredential mlKem) {
    }

    /** A registered agency (as {@link #agency}) with a registered ML-DSA certificate and an ML-KEM key. */
    public HybridAgency hybridAgency(String code) {
        KeyCredential classical = agency(code);
        KeyPair mlDsa = Keys.generateMlDsa65();
        KeyPair mlKem = Keys.generateMlKem768();
        return new HybridAgency(classical, new KeyCredential(mlDsa.getPrivate(), trust.issueCertificate(code, mlDsa.getPublic(), "test")),
                new KeyCredential(mlKem.getPrivate(), List.of(postQuantumCa.issueAgencyKemCertificate(code, mlKem.getPublic(),
                        Duration.ofDays(30)), postQuantumCa.certificate())));
    }

    /** Seals a notice in the hybrid profile for the ECDH and ML-KEM keys of {@code sealedFor}, and the agency's own. */
    public byte[] sealHybrid(String json, HybridAgency agency, String sealedFor) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return HybridEnvelopeSealer.seal(bytes, agency.classical(), agency.mlDsa(), List.of(
                        new HybridRecipient(regions.recipientCertificate(sealedFor).orElseThrow(),
                                regions.kemCertificate(sealedFor).orElseThrow()),
                        new HybridRecipient(agency.classical().certificate(), agency.mlKem().certificate())),
                MarkingsLabel.of(eu.synergie.core.notice.NoticeJson.read(bytes).markings()));
    }

    /** The publish rule over this exchange's registry, as of the real time. */
    public PublishGate gate() {
        return new PublishGate(new AccessPolicy(), registry, () -> { }, Clock.systemUTC());
    }

    /** A registered agency, member of both regions, with a fresh key and a registered certificate. */
    public KeyCredential agency(String code) {
        if (registry.agency(code).isEmpty()) {
            trust.register(code, "Agency " + code, regions.regions(), "test");
        }
        KeyPair pair = Keys.generateEcP256();
        return new KeyCredential(pair.getPrivate(), trust.issueCertificate(code, pair.getPublic(), "test"));
    }

    /**
     * Seals {@code json} by {@code agency} for the recipient key of {@code sealedFor}, with the security label
     * of its markings when it is a valid notice (and none when it is not, to test what the exchange refuses).
     */
    public byte[] seal(String json, KeyCredential agency, String sealedFor) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        X509Certificate region = regions.recipientCertificate(sealedFor).orElseThrow();
        try {
            return NoticeSealer.seal(bytes, agency, region);
        } catch (InvalidNoticeException notANotice) {
            return EnvelopeSealer.seal(bytes, agency, List.of(region, agency.certificate()));
        }
    }

    public static String notice(UUID id, String agency, String region) {
        return """
                {"noticeId":"%s","originAgency":"%s","region":"%s","type":"CYBERCRIME",
                 "title":"Hameçonnage bancaire","summary":"Campagne de SMS frauduleux","language":"fr",
                 "issuedAt":"2026-11-28T10:00:00Z","classification":"RESTRICTED","handlingCode":"H0",
                 "tlp":"GREEN","releasableTo":[],"dissemination":"FULL","entities":[]}
                """.formatted(id, agency, region);
    }
}
