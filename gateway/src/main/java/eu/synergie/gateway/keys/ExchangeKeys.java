package eu.synergie.gateway.keys;

import eu.synergie.core.envelope.RegionKeys;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Pkcs12;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exchange's own keys, in PKCS#12 files under {@code <home>/keys}: the root CA (the trust anchor;
 * its key is used only to certify issuing CAs, and belongs offline in production), the issuing CA that
 * certifies agencies and regions and signs the CRL, and one recipient key pair per region. Created on
 * first start, loaded afterwards. The CA keys are the one state of ours that the log cannot rebuild:
 * back this folder up.
 */
public final class ExchangeKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeKeys.class);
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration REGION_VALIDITY = Duration.ofDays(825);

    private static final Duration ISSUING_VALIDITY = Duration.ofDays(1825);

    private final X509Certificate root;
    private final CertificateAuthority issuing;
    private final RegionKeys regions;

    private ExchangeKeys(X509Certificate root, CertificateAuthority issuing, RegionKeys regions) {
        this.root = root;
        this.issuing = issuing;
        this.regions = regions;
    }

    public static ExchangeKeys loadOrCreate(Path home, List<String> regionNames, char[] password) {
        Path dir = home.resolve("keys");
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
            ca = rootCa.issueSubordinate("Synergie Exchange Issuing CA 1", ISSUING_VALIDITY);
            Pkcs12.write(rootFile, "exchange-root-ca", rootCa.credential(), password);
            Pkcs12.write(issuingFile, "exchange-issuing-ca", ca.credential(), password);
            root = rootCa.certificate();
            LOG.info("created the exchange root and issuing CAs in {}", dir);
        }
        Map<String, KeyCredential> byRegion = new LinkedHashMap<>();
        for (String region : regionNames) {
            Path file = dir.resolve("region-" + region + ".p12");
            if (Files.exists(file)) {
                byRegion.put(region, Pkcs12.read(file, password));
            } else {
                KeyPair pair = Keys.generateEcP256();
                KeyCredential credential = new KeyCredential(pair.getPrivate(),
                        ca.chainOf(ca.issueRegionRecipientCertificate(region, pair.getPublic(), REGION_VALIDITY)));
                Pkcs12.write(file, "region-" + region, credential, password);
                byRegion.put(region, credential);
                LOG.info("created the recipient key of region {}", region);
            }
        }
        return new ExchangeKeys(root, ca, new RegionKeys(byRegion));
    }

    /** The trust anchor every signer's chain must lead to. */
    public X509Certificate root() {
        return root;
    }

    /** The CA that certifies agencies and regions and signs the CRL. */
    public CertificateAuthority issuingCa() {
        return issuing;
    }

    public RegionKeys regions() {
        return regions;
    }
}
