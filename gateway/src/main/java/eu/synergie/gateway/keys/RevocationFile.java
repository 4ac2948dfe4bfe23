package eu.synergie.gateway.keys;

import eu.synergie.core.trust.RevocationArchive;
import eu.synergie.core.trust.TrustUnavailableException;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.RevokedCertificate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@link RevocationArchive} in the exchange's key folder, next to the CA key, where every instance finds it:
 * {@code exchange-revocations.crl}, an X.509 CRL (RFC 5280, DER) signed by the issuing CA that only ever grows, so
 * that {@code openssl crl -inform DER -text} reads it. Each change rewrites it whole into a temporary file moved
 * over it in one step (a reader never sees half a file), under a lock on {@code exchange-revocations.lock} so that
 * instances adding at once each keep what the other added. It is read again whenever it changed on disk.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5280#section-5">RFC 5280, section 5</a>
 */
public final class RevocationFile implements RevocationArchive {

    /** The file's own validity says nothing: it is the exchange's record, not a list to publish. */
    private static final Duration STATED_VALIDITY = Duration.ofDays(1);

    private final Path file;
    private final Path lock;
    private final CertificateAuthority ca;
    private Map<BigInteger, RevokedCertificate> known = Map.of();
    private FileTime readAt;
    private long readSize = -1;

    public RevocationFile(Path folder, CertificateAuthority ca) {
        this.file = folder.resolve("exchange-revocations.crl");
        this.lock = folder.resolve("exchange-revocations.lock");
        this.ca = ca;
    }

    @Override
    public synchronized List<RevokedCertificate> revoked() {
        try {
            return List.copyOf(current().values());
        } catch (IOException e) {
            throw new TrustUnavailableException("the revocations kept in " + file + " cannot be read: " + e.getMessage());
        }
    }

    @Override
    public synchronized void keep(Collection<RevokedCertificate> revocations) {
        try {
            if (current().keySet().containsAll(revocations.stream().map(RevokedCertificate::serial).toList())) {
                return;
            }
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                readAt = null; // another instance may have written it within the same tick of the file's clock
                Map<BigInteger, RevokedCertificate> all = new TreeMap<>(current());
                revocations.forEach(entry -> all.putIfAbsent(entry.serial(), entry));
                Instant now = Instant.now();
                X509CRL crl = ca.issueCrl(List.copyOf(all.values()), now, now.plus(STATED_VALIDITY),
                        BigInteger.valueOf(now.toEpochMilli()));
                Path temporary = Files.createTempFile(file.getParent(), "exchange-revocations", ".tmp");
                Files.write(temporary, crl.getEncoded());
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new TrustUnavailableException("the revocation is in effect, but could not be kept in " + file
                    + " as well (it stays in the trust log; it is tried again every few seconds): " + e.getMessage());
        }
    }

    /** What the file holds now, read again if it changed since it was last read. */
    private Map<BigInteger, RevokedCertificate> current() throws IOException {
        if (!Files.exists(file)) {
            return known;
        }
        FileTime modified = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        if (modified.equals(readAt) && size == readSize) {
            return known;
        }
        byte[] der = Files.readAllBytes(file);
        Map<BigInteger, RevokedCertificate> read = new TreeMap<>();
        try {
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
            // Only a list the exchange's CA signed: whoever can write the folder without the keys' password must not
            // get serials revoked in the exchange's name (the CRL it publishes re-signs these entries).
            crl.verify(ca.certificate().getPublicKey());
            Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
            if (entries != null) {
                for (X509CRLEntry entry : entries) {
                    CRLReason reason = entry.getRevocationReason();
                    read.put(entry.getSerialNumber(), new RevokedCertificate(entry.getSerialNumber(),
                            entry.getRevocationDate().toInstant(), reason == null ? 0 : reason.ordinal()));
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("not a CRL the exchange wrote: " + e.getMessage(), e);
        }
        // Whatever happened to the file, nothing this instance saw kept in it is forgotten.
        known.forEach(read::putIfAbsent);
        known = Map.copyOf(read);
        readAt = modified;
        readSize = size;
        return known;
    }
}
