package eu.synergie.crypto.bench;

import eu.synergie.crypto.envelope.EnvelopeOpener;
import eu.synergie.crypto.envelope.EnvelopeSealer;
import eu.synergie.crypto.envelope.HybridEnvelopeOpener;
import eu.synergie.crypto.envelope.HybridEnvelopeSealer;
import eu.synergie.crypto.envelope.HybridRecipient;
import eu.synergie.crypto.envelope.OpenedEnvelope;
import eu.synergie.crypto.envelope.SecurityLabel;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.TestCredentials;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.KEM;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What sealing and opening a 4 KiB notice costs next to the primitives under it: ECDSA P-256
 * sign and verify of the same bytes, and AES-256-GCM encryption of them (all through Bouncy Castle).
 * Seal = sign + one ephemeral ECDH and key wrap per recipient (region and originator) + AES-GCM;
 * open = ECDH unwrap + AES-GCM + signature verification + PKIX path building to the exchange CA.
 * The hybrid profile beside it ({@code sealHybrid}, {@code openHybrid}: the same notice, label and recipients, plus
 * an ML-DSA-65 countersignature and an ML-KEM-768 layer), and the raw ML-KEM-768 and ML-DSA-65 operations under it. The
 * set-up prints the two envelopes' sizes.
 *
 * <p>Not a test (no *Test or *IT name), so {@code ./mvnw verify} never runs it. Run it, from the
 * repository root, with:
 *
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -q -pl crypto test-compile exec:exec \
 *     -Djmh.args="-f 1 -wi 2 -i 3 -w 2s -r 2s"
 * </pre>
 *
 * {@code jmh.args} takes any JMH option; without it, crypto/pom.xml uses {@code -f 1 -wi 3 -i 5 -w 2s -r 2s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EnvelopeBenchmark {

    private static final int NOTICE_BYTES = 4096;
    private static final int GCM_TAG_BITS = 128;

    private byte[] notice;
    private KeyCredential agency;
    private KeyCredential region;
    private List<KeyCredential> regionKeys;
    private EnvelopeOpener opener;
    private byte[] envelope;
    private Signature ecdsaSigner;
    private Signature ecdsaVerifier;
    private byte[] signature;
    private Cipher aesGcm;
    private SecretKey aesKey;
    private long nonce;
    private KeyAgreement ecdh;
    private PublicKey ephemeral;
    private Cipher aesGcmDecrypt;
    private byte[] gcmIv;
    private byte[] gcmCiphertext;

    private SecurityLabel label;
    private KeyCredential agencyPq;
    private List<HybridRecipient> hybridRecipients;
    private List<KeyCredential> hybridRegionKeys;
    private HybridEnvelopeOpener hybridOpener;
    private byte[] labelledEnvelope;
    private byte[] hybridEnvelope;
    private KEM.Encapsulator mlKemEncapsulator;
    private KEM.Decapsulator mlKemDecapsulator;
    private byte[] mlKemCiphertext;
    private Signature mlDsaSigner;
    private Signature mlDsaVerifier;
    private byte[] mlDsaSignature;

    @Setup
    public void setUp() throws GeneralSecurityException {
        notice = notice();
        CertificateAuthority ca = TestCredentials.ca("Benchmark Root");
        agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();
        region = TestCredentials.region("EU-WEST").issuedBy(ca).build();
        regionKeys = List.of(region);
        opener = new EnvelopeOpener(ca.certificate());
        envelope = seal();

        Provider bc = bouncyCastle();
        ecdsaSigner = Signature.getInstance("SHA256withECDSA", bc);
        ecdsaSigner.initSign(agency.privateKey());
        ecdsaVerifier = Signature.getInstance("SHA256withECDSA", bc);
        ecdsaVerifier.initVerify(agency.certificate().getPublicKey());
        signature = ecdsaSign();
        KeyGenerator aes = KeyGenerator.getInstance("AES", bc);
        aes.init(256);
        aesKey = aes.generateKey();
        aesGcm = Cipher.getInstance("AES/GCM/NoPadding", bc);
        // What open() needs of the primitives (openPrimitives): one ECDH agreement with the region's key, one ECDSA
        // verification, one AES-256-GCM decryption of the notice. A zero IV, which the counter of aesGcmEncrypt never
        // reaches, under the same key.
        ecdh = KeyAgreement.getInstance("ECDH", bc);
        ephemeral = Keys.generateEcP256().getPublic();
        gcmIv = new byte[12];
        Cipher gcmSealer = Cipher.getInstance("AES/GCM/NoPadding", bc);
        gcmSealer.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(GCM_TAG_BITS, gcmIv));
        gcmCiphertext = gcmSealer.doFinal(notice);
        aesGcmDecrypt = Cipher.getInstance("AES/GCM/NoPadding", bc);

        // The hybrid profile: same agency and region, each with its post-quantum credential from the ML-DSA root.
        label = new SecurityLabel(SecurityLabel.SYNERGIE_POLICY, SecurityLabel.RESTRICTED, "TLP:AMBER", List.of());
        CertificateAuthority pqCa = TestCredentials.mlDsaCa("Benchmark ML-DSA Root");
        agencyPq = TestCredentials.agency("FR-DGPN").issuedBy(pqCa).keyPair(Keys.generateMlDsa65()).build();
        KeyCredential agencyKem = TestCredentials.agencyKem("FR-DGPN").issuedBy(pqCa).build();
        KeyCredential regionKem = TestCredentials.regionKem("EU-WEST").issuedBy(pqCa).build();
        hybridRecipients = List.of(new HybridRecipient(region.certificate(), regionKem.certificate()),
                new HybridRecipient(agency.certificate(), agencyKem.certificate()));
        hybridRegionKeys = List.of(region, regionKem);
        hybridOpener = new HybridEnvelopeOpener(ca.certificate(), pqCa.certificate(),
                EnvelopeOpener.DEFAULT_MAX_ENVELOPE_BYTES, EnvelopeOpener.Originator.MAY_BE_ABSENT);
        labelledEnvelope = EnvelopeSealer.seal(notice, agency, List.of(region.certificate(), agency.certificate()), label);
        hybridEnvelope = sealHybrid();
        System.out.printf("%nenvelope bytes for a %d-byte notice, 2 recipients, labelled: classical %d, hybrid %d (+%d)%n",
                notice.length, labelledEnvelope.length, hybridEnvelope.length, hybridEnvelope.length - labelledEnvelope.length);

        KEM mlKem = KEM.getInstance("ML-KEM", bc);
        mlKemEncapsulator = mlKem.newEncapsulator(regionKem.certificate().getPublicKey());
        mlKemDecapsulator = mlKem.newDecapsulator(regionKem.privateKey());
        mlKemCiphertext = mlKemEncapsulate();
        mlDsaSigner = Signature.getInstance("ML-DSA-65", bc);
        mlDsaSigner.initSign(agencyPq.privateKey());
        mlDsaVerifier = Signature.getInstance("ML-DSA-65", bc);
        mlDsaVerifier.initVerify(agencyPq.certificate().getPublicKey());
        mlDsaSignature = mlDsaSign();
    }

    @Benchmark
    public byte[] seal() {
        return EnvelopeSealer.seal(notice, agency, List.of(region.certificate(), agency.certificate()));
    }

    @Benchmark
    public OpenedEnvelope open() {
        return opener.open(envelope, regionKeys);
    }

    @Benchmark
    public byte[] sealHybrid() {
        return HybridEnvelopeSealer.seal(notice, agency, agencyPq, hybridRecipients, label);
    }

    @Benchmark
    public OpenedEnvelope openHybrid() {
        return hybridOpener.open(hybridEnvelope, hybridRegionKeys);
    }

    @Benchmark
    public byte[] mlKemEncapsulate() {
        return mlKemEncapsulator.encapsulate().encapsulation();
    }

    @Benchmark
    public SecretKey mlKemDecapsulate() throws GeneralSecurityException {
        return mlKemDecapsulator.decapsulate(mlKemCiphertext);
    }

    @Benchmark
    public byte[] mlDsaSign() throws GeneralSecurityException {
        mlDsaSigner.update(notice);
        return mlDsaSigner.sign();
    }

    @Benchmark
    public boolean mlDsaVerify() throws GeneralSecurityException {
        mlDsaVerifier.update(notice);
        return mlDsaVerifier.verify(mlDsaSignature);
    }

    @Benchmark
    public byte[] ecdsaSign() throws GeneralSecurityException {
        ecdsaSigner.update(notice);
        return ecdsaSigner.sign();
    }

    @Benchmark
    public boolean ecdsaVerify() throws GeneralSecurityException {
        ecdsaVerifier.update(notice);
        return ecdsaVerifier.verify(signature);
    }

    /**
     * The primitives of opening a classical envelope, without CMS: ECDH P-256 with the region's key, ECDSA P-256
     * verification of the 4 KiB notice, AES-256-GCM decryption of it. Against {@link #open}, the share of the opening
     * that is parsing and object building (issue 21).
     */
    @Benchmark
    public int openPrimitives() throws GeneralSecurityException {
        ecdh.init(region.privateKey());
        ecdh.doPhase(ephemeral, true);
        byte[] shared = ecdh.generateSecret();
        ecdsaVerifier.update(notice);
        boolean verified = ecdsaVerifier.verify(signature);
        aesGcmDecrypt.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(GCM_TAG_BITS, gcmIv));
        byte[] plain = aesGcmDecrypt.doFinal(gcmCiphertext);
        return shared.length + plain.length + (verified ? 1 : 0);
    }

    // A fresh 96-bit nonce each time (a counter): GCM must never reuse one under the same key, and
    // Bouncy Castle refuses to.
    @Benchmark
    public byte[] aesGcmEncrypt() throws GeneralSecurityException {
        byte[] iv = ByteBuffer.allocate(12).putLong(4, ++nonce).array();
        aesGcm.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(GCM_TAG_BITS, iv));
        return aesGcm.doFinal(notice);
    }

    // JSON-like text rather than random bytes, the size of a typical notice.
    private static byte[] notice() {
        StringBuilder json = new StringBuilder("{\"noticeId\":\"bench\",\"summary\":\"");
        while (json.length() < NOTICE_BYTES - 2) {
            json.append("Jean DUPONT FR7630006000011234567890189 +33612345678 ");
        }
        json.setLength(NOTICE_BYTES - 2);
        return json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Provider bouncyCastle() {
        Provider installed = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        return installed != null ? installed : new BouncyCastleProvider();
    }
}
