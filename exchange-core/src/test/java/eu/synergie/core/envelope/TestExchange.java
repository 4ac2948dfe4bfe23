package eu.synergie.core.envelope;

import eu.synergie.core.notice.InvalidNoticeException;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.PublishGate;
import eu.synergie.core.trust.ListTrustLog;
import eu.synergie.core.trust.MemoryRevocations;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.core.trust.TrustService;
import eu.synergie.crypto.envelope.EnvelopeSealer;
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
    public final RegionKeys regions;
    public final TrustRegistry registry = new TrustRegistry();
    /** The trust log this exchange's one instance writes and reads. */
    public final ListTrustLog log = new ListTrustLog(registry);
    public final TrustService trust;

    public TestExchange() {
        Map<String, KeyCredential> keys = new LinkedHashMap<>();
        for (String region : List.of("EU-WEST", "EU-CENTRAL")) {
            KeyPair pair = Keys.generateEcP256();
            keys.put(region, new KeyCredential(pair.getPrivate(),
                    List.of(ca.issueRegionRecipientCertificate(region, pair.getPublic(), Duration.ofDays(30)), ca.certificate())));
        }
        regions = new RegionKeys(keys);
        trust = new TrustService(registry, log, ca, new MemoryRevocations(), keys.keySet(),
                Duration.ofDays(30), Clock.systemUTC());
    }

    public NoticeOpener opener() {
        return new NoticeOpener(ca.certificate(), regions, 1 << 20, Clock.systemUTC());
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
