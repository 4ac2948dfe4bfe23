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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exchange's own keys, in PKCS#12 files under {@code <home>/keys}: the exchange CA and one recipient
 * key pair per region. Created on first start, loaded afterwards. The CA keys are the one state of
 * ours that the log cannot rebuild: back this folder up.
 */
public final class ExchangeKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeKeys.class);
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration REGION_VALIDITY = Duration.ofDays(825);

    private final CertificateAuthority ca;
    private final RegionKeys regions;

    private ExchangeKeys(CertificateAuthority ca, RegionKeys regions) {
        this.ca = ca;
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
        Path caFile = dir.resolve("exchange-ca.p12");
        CertificateAuthority ca;
        if (Files.exists(caFile)) {
            ca = CertificateAuthority.of(Pkcs12.read(caFile, password));
        } else {
            ca = CertificateAuthority.createRoot("Synergie Exchange CA", CA_VALIDITY);
            Pkcs12.write(caFile, "exchange-ca", ca.credential(), password);
            LOG.info("created the exchange CA in {}", caFile);
        }
        Map<String, KeyCredential> byRegion = new LinkedHashMap<>();
        for (String region : regionNames) {
            Path file = dir.resolve("region-" + region + ".p12");
            if (Files.exists(file)) {
                byRegion.put(region, Pkcs12.read(file, password));
            } else {
                KeyPair pair = Keys.generateEcP256();
                KeyCredential credential = new KeyCredential(pair.getPrivate(),
                        List.of(ca.issueRegionRecipientCertificate(region, pair.getPublic(), REGION_VALIDITY), ca.certificate()));
                Pkcs12.write(file, "region-" + region, credential, password);
                byRegion.put(region, credential);
                LOG.info("created the recipient key of region {}", region);
            }
        }
        return new ExchangeKeys(ca, new RegionKeys(byRegion));
    }

    public CertificateAuthority ca() {
        return ca;
    }

    public RegionKeys regions() {
        return regions;
    }
}
