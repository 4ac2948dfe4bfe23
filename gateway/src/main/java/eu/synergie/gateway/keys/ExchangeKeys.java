package eu.synergie.gateway.keys;

import eu.synergie.core.envelope.RegionKeys;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.crypto.pki.Pkcs12;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * The exchange's own keys, in PKCS#12 files under {@code <home>/keys}: the root CA (the trust anchor;
 * its key is used only to certify issuing CAs, and belongs offline in production), the issuing CA that
 * certifies agencies and regions and signs the CRL, one recipient key pair per region, and the two keys
 * with which the exchange stamps what it writes to its own topics: the log signer (an EC P-256 key whose
 * certificate, {@code OU=Exchange}, the issuing CA certifies; it signs trust events and audit checkpoints)
 * and the log MAC key (AES-256; it authenticates watchlists and alerts). Beside the EC hierarchy, for the hybrid
 * envelope profile (issue 20): an ML-DSA-65 root and issuing CA (agencies' ML-DSA certificates; the regions' ML-KEM
 * certificates) and one ML-KEM-768 recipient key pair per region. Created on first start, loaded
 * afterwards; a log signer close to expiry is replaced (what it signed stays valid: signatures are checked
 * as of their signing time). Every log-signer certificate the exchange made is also kept on its own
 * ({@code exchange-log-signer-<serial>.pem}): trust events and audit checkpoints verify only against these
 * ({@link #logSignerCertificates()}), never against any other {@code OU=Exchange} certificate of the root. Every
 * gateway instance needs the same folder. The CA keys are the one state of ours that the log cannot rebuild:
 * back this folder up.
 */
public final class ExchangeKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeKeys.class);
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration REGION_VALIDITY = Duration.ofDays(825);

    private static final Duration ISSUING_VALIDITY = Duration.ofDays(1825);
    private static final Duration LOG_SIGNER_VALIDITY = Duration.ofDays(825);
    private static final Duration LOG_SIGNER_RENEWAL = Duration.ofDays(30);

    private static final String LOG_SIGNER_FILE = "exchange-log-signer.p12";
    private static final String LOG_SIGNER_CERTIFICATE = "exchange-log-signer-";

    private final Path dir;
    private final X509Certificate root;
    private final CertificateAuthority issuing;
    private final CertificateAuthority postQuantumIssuing;
    private final RegionKeys regions;
    private final KeyCredential logSigner;
    private final boolean logSignerNew;
    private final SecretKey logMacKey;
    private final char[] password;

    private ExchangeKeys(Path dir, X509Certificate root, CertificateAuthority issuing, CertificateAuthority postQuantumIssuing,
                         RegionKeys regions, KeyCredential logSigner, boolean logSignerNew, SecretKey logMacKey,
                         char[] password) {
        this.dir = dir;
        this.root = root;
        this.issuing = issuing;
        this.postQuantumIssuing = postQuantumIssuing;
        this.regions = regions;
        this.logSigner = logSigner;
        this.logSignerNew = logSignerNew;
        this.logMacKey = logMacKey;
        this.password = password.clone();
    }

    /** The key folder under {@code home}. */
    public static Path folderOf(Path home) {
        return home.resolve("keys");
    }

    public static ExchangeKeys loadOrCreate(Path home, List<String> regionNames, char[] password) {
        Path dir = folderOf(home);
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the key folder " + dir, e);
        }
        Path rootFile = dir.resolve("exchange-root-ca.p12");
        Path issuingFile = dir.resolve("exchange-issuing-ca.p12");
        CertificateAuthority ca;
        X509Certificate root;
        if (Files.exists(issuingFile)) {
            ca = CertificateAuthority.of(Pkcs12.read(issuingFile, password));
            root = ca.credential().chain().getLast();
        } else {
            CertificateAuthority rootCa = CertificateAuthority.createRoot("Synergie Exchange Root CA", CA_VALIDITY);
            CertificateAuthority made = rootCa.issueSubordinate("Synergie Exchange Issuing CA 1", ISSUING_VALIDITY);
            // The issuing CA's file decides: of two instances starting at once on an empty folder, the one that
            // created it writes its root; the other uses the CAs in the file, not the pair it made.
            if (Pkcs12.create(issuingFile, "exchange-issuing-ca", made.credential(), password)) {
                Pkcs12.write(rootFile, "exchange-root-ca", rootCa.credential(), password);
                ca = made;
                root = rootCa.certificate();
                LOG.info("created the exchange root and issuing CAs in {}", dir);
            } else {
                ca = CertificateAuthority.of(Pkcs12.read(issuingFile, password));
                root = ca.credential().chain().getLast();
            }
        }
        CertificateAuthority postQuantum = hierarchy(dir, "exchange-ml-dsa-root-ca.p12", "exchange-ml-dsa-issuing-ca.p12",
                () -> CertificateAuthority.createMlDsaRoot("Synergie Exchange ML-DSA Root CA", CA_VALIDITY), password);
        Map<String, KeyCredential> byRegion = new LinkedHashMap<>();
        Map<String, KeyCredential> kemByRegion = new LinkedHashMap<>();
        for (String region : regionNames) {
            byRegion.put(region, loadOrMake(dir, "region-" + region, password, "the recipient key of region " + region, () -> {
                KeyPair pair = Keys.generateEcP256();
                return new KeyCredential(pair.getPrivate(),
                        ca.chainOf(ca.issueRegionRecipientCertificate(region, pair.getPublic(), REGION_VALIDITY)));
            }));
            kemByRegion.put(region, loadOrMake(dir, "region-" + region + "-ml-kem", password,
                    "the ML-KEM-768 recipient key of region " + region, () -> {
                        KeyPair pair = Keys.generateMlKem768();
                        return new KeyCredential(pair.getPrivate(), postQuantum.chainOf(
                                postQuantum.issueRegionKemCertificate(region, pair.getPublic(), REGION_VALIDITY)));
                    }));
        }
        boolean logSignerNew = !Files.exists(dir.resolve(LOG_SIGNER_FILE));
        KeyCredential logSigner = logSigner(dir, ca, password);
        keepCertificate(dir, logSigner.certificate());
        return new ExchangeKeys(dir, root, ca, postQuantum, new RegionKeys(byRegion, kemByRegion), logSigner, logSignerNew,
                logMacKey(dir, password), password);
    }

    /**
     * The key in {@code <alias>.p12}, made and stored first if there is none; of two instances making it at once, the
     * file's is the one both use.
     */
    private static KeyCredential loadOrMake(Path dir, String alias, char[] password, String what, Supplier<KeyCredential> make) {
        Path file = dir.resolve(alias + ".p12");
        if (Files.exists(file)) {
            return Pkcs12.read(file, password);
        }
        KeyCredential made = make.get();
        if (!Pkcs12.create(file, alias, made, password)) {
            return Pkcs12.read(file, password);
        }
        LOG.info("created {}", what);
        return made;
    }

    /**
     * The ML-DSA-65 hierarchy, made on first start like the EC one (a folder of an earlier version gets it then too):
     * the issuing CA's file decides between two instances starting at once.
     */
    private static CertificateAuthority hierarchy(Path dir, String rootName, String issuingName,
                                                  Supplier<CertificateAuthority> newRoot, char[] password) {
        Path issuingFile = dir.resolve(issuingName);
        if (Files.exists(issuingFile)) {
            return CertificateAuthority.of(Pkcs12.read(issuingFile, password));
        }
        CertificateAuthority rootCa = newRoot.get();
        CertificateAuthority made = rootCa.issueSubordinate("Synergie Exchange ML-DSA Issuing CA 1", ISSUING_VALIDITY);
        if (Pkcs12.create(issuingFile, issuingName.replace(".p12", ""), made.credential(), password)) {
            Pkcs12.write(dir.resolve(rootName), rootName.replace(".p12", ""), rootCa.credential(), password);
            LOG.info("created the exchange's ML-DSA root and issuing CAs in {}", dir);
            return made;
        }
        return CertificateAuthority.of(Pkcs12.read(issuingFile, password));
    }

    /**
     * Keeps a log signer's certificate beside the key, once: when the key is replaced, what it signed still verifies;
     * and of two instances renewing it at once, each one's certificate is there, whichever key store won.
     */
    private static void keepCertificate(Path dir, X509Certificate certificate) {
        Path file = dir.resolve(LOG_SIGNER_CERTIFICATE + certificate.getSerialNumber().toString(16) + ".pem");
        if (Files.exists(file)) {
            return;
        }
        try {
            Path temporary = Files.createTempFile(dir, LOG_SIGNER_CERTIFICATE, ".tmp");
            Files.writeString(temporary, Pem.certificates(List.of(certificate)));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the log signer's certificate in " + dir, e);
        }
    }

    private static KeyCredential logSigner(Path dir, CertificateAuthority ca, char[] password) {
        Path file = dir.resolve(LOG_SIGNER_FILE);
        if (Files.exists(file)) {
            KeyCredential signer = Pkcs12.read(file, password);
            if (signer.certificate().getNotAfter().toInstant().isAfter(Instant.now().plus(LOG_SIGNER_RENEWAL))) {
                return signer;
            }
            LOG.info("the exchange's log-signing certificate expires within {} days: making a new one", LOG_SIGNER_RENEWAL.toDays());
            keepCertificate(dir, signer.certificate());
        }
        KeyPair pair = Keys.generateEcP256();
        Duration caLeft = Duration.between(Instant.now(), ca.certificate().getNotAfter().toInstant());
        Duration validity = caLeft.compareTo(LOG_SIGNER_VALIDITY) < 0 ? caLeft : LOG_SIGNER_VALIDITY;
        KeyCredential signer = new KeyCredential(pair.getPrivate(), ca.chainOf(ca.issueExchangeSigningCertificate(
                "Synergie Exchange Log Signer", pair.getPublic(), validity)));
        Pkcs12.write(file, "exchange-log-signer", signer, password);
        LOG.info("created the exchange's log-signing key in {}", dir);
        return signer;
    }

    private static SecretKey logMacKey(Path dir, char[] password) {
        Path file = dir.resolve("exchange-log-mac.p12");
        if (Files.exists(file)) {
            return Pkcs12.readSecretKey(file, password);
        }
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, new SecureRandom());
            SecretKey key = generator.generateKey();
            // Another instance starting at once may have made one first: every instance must use the same key, or
            // each would take the others' watchlists and alerts for forgeries.
            if (!Pkcs12.createSecretKey(file, "exchange-log-mac", key, password)) {
                return Pkcs12.readSecretKey(file, password);
            }
            LOG.info("created the exchange's log MAC key in {}", dir);
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an AES-256 key", e);
        }
    }

    /**
     * The exchange's federation recipient key, {@code CN=<exchangeName>, OU=Federation}, which peer exchanges encrypt
     * the notices they send it to; made on first use, and made again if the exchange was renamed or it nears its end.
     */
    public synchronized KeyCredential federation(String exchangeName) {
        Path file = dir.resolve("federation.p12");
        boolean replacing = Files.exists(file);
        if (replacing) {
            KeyCredential existing = Pkcs12.read(file, password);
            if (CertificateAuthority.federationExchangeOf(existing.certificate()).equals(exchangeName)
                    && existing.certificate().getNotAfter().toInstant().isAfter(Instant.now().plus(LOG_SIGNER_RENEWAL))) {
                return existing;
            }
        }
        KeyPair pair = Keys.generateEcP256();
        Duration caLeft = Duration.between(Instant.now(), issuing.certificate().getNotAfter().toInstant());
        KeyCredential made = new KeyCredential(pair.getPrivate(), issuing.chainOf(issuing.issueFederationRecipientCertificate(
                exchangeName, pair.getPublic(), caLeft.compareTo(REGION_VALIDITY) < 0 ? caLeft : REGION_VALIDITY)));
        if (replacing) {
            Pkcs12.write(file, "federation", made, password);
        } else if (!Pkcs12.create(file, "federation", made, password)) {
            // Another instance made it first: the file's is the one every instance uses.
            return Pkcs12.read(file, password);
        }
        LOG.info("created the exchange's federation key for {} in {}", exchangeName, dir);
        return made;
    }

    /** The trust anchor every signer's chain must lead to. */
    public X509Certificate root() {
        return root;
    }

    /** The CA that certifies agencies and regions and signs the CRL. */
    public CertificateAuthority issuingCa() {
        return issuing;
    }

    /** The ML-DSA-65 CA that certifies agencies' ML-DSA keys and the regions' ML-KEM keys (the hybrid profile). */
    public CertificateAuthority postQuantumIssuingCa() {
        return postQuantumIssuing;
    }

    /** The ML-DSA-65 root, the anchor of agencies' ML-DSA signatures. */
    public X509Certificate postQuantumRoot() {
        return postQuantumIssuing.credential().chain().getLast();
    }

    public RegionKeys regions() {
        return regions;
    }

    /** The key and certificate chain that sign trust events and audit checkpoints. */
    public KeyCredential logSigner() {
        return logSigner;
    }

    /**
     * Whether this start made the log signer: the folder had none, so the exchange has never signed anything (a
     * first start, or a folder of a version of Synergie that did not sign its logs).
     */
    public boolean logSignerNew() {
        return logSignerNew;
    }

    /**
     * The exchange's own log-signer certificates, read from the folder now (another instance may have renewed the
     * signer since this one started): the current one and every one it replaced. Only these sign the exchange's logs.
     */
    public List<X509Certificate> logSignerCertificates() {
        List<X509Certificate> certificates = new ArrayList<>();
        certificates.add(logSigner.certificate());
        try (DirectoryStream<Path> kept = Files.newDirectoryStream(dir, LOG_SIGNER_CERTIFICATE + "*.pem")) {
            for (Path file : kept) {
                certificates.addAll(Pem.readCertificates(Files.readString(file)));
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("cannot read the log signers' certificates in {}: {}", dir, e.toString());
        }
        return certificates;
    }

    /** The key that authenticates watchlists and alerts on their topics. */
    public SecretKey logMacKey() {
        return logMacKey;
    }
}
