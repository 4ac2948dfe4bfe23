package eu.synergie.infra;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Pem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A server's secrets on disk, the way every launcher keeps them: a folder readable by our user only (0700), a CA of
 * the server's own, and generated passwords, made on first use and kept. Files are written beside and moved into
 * place with their permissions, so that a secret is never readable by others, even for a moment.
 */
final class SecretsFolder {

    static final String OWNER_ONLY = "rw-------";
    static final String PUBLIC = "rw-r--r--";

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(730);
    /** A server certificate closer than this to its end is issued again at the next start. */
    private static final Duration SERVER_RENEWAL = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path folder;

    private SecretsFolder(Path folder) {
        this.folder = folder;
    }

    /**
     * Opens {@code folder} (made with 0700 if missing) and runs {@code load} under a lock file, so that two JVMs
     * never make two CAs or two passwords at once.
     */
    static <T> T withLock(Path folder, Function<SecretsFolder, T> load) {
        synchronized (SecretsFolder.class) {
            try {
                Files.createDirectories(folder);
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
                try (FileChannel channel = FileChannel.open(folder.resolve(".lock"), Set.of(StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
                     FileLock ignored = channel.lock()) {
                    return load.apply(new SecretsFolder(folder));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the security folder " + folder, e);
            } catch (UncheckedIOException e) {
                throw new UncheckedIOException("cannot prepare the security folder " + folder, e.getCause());
            }
        }
    }

    Path path() {
        return folder;
    }

    /** The CA kept as {@code ca.key} (0600) and {@code ca.crt} (0644), made first if it is not there. */
    CertificateAuthority ca(String commonName) {
        try {
            Path key = folder.resolve("ca.key");
            Path certificate = folder.resolve("ca.crt");
            if (Files.isRegularFile(key) && Files.isRegularFile(certificate)) {
                PrivateKey privateKey = Pem.readPrivateKey(Files.readString(key));
                return CertificateAuthority.of(new KeyCredential(privateKey, Pem.readCertificates(Files.readString(certificate))));
            }
            CertificateAuthority ca = CertificateAuthority.createRoot(commonName, CA_VALIDITY);
            write(key, Pem.privateKey(ca.credential().privateKey()), OWNER_ONLY);
            // Last: a folder with a certificate has its key too.
            write(certificate, Pem.certificates(List.of(ca.certificate())), PUBLIC);
            return ca;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The password kept in {@code fileName}, made there first: 24 random bytes, URL-safe Base64 (32 characters). */
    String password(String fileName) {
        return password(folder.resolve(fileName));
    }

    static String password(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                Files.createDirectories(file.getParent(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                byte[] random = new byte[24];
                RANDOM.nextBytes(random);
                write(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n", OWNER_ONLY);
            }
            String password = Files.readString(file).strip();
            if (password.isEmpty()) {
                throw new IllegalStateException(file + " is empty: delete it to have a new password made at the next start");
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A server key and certificate from {@code ca} in {@code keyFile} and {@code certificateFile} (the chain, leaf
     * first), issued again when missing, not from this CA, or near their end.
     */
    static void serverCertificate(CertificateAuthority ca, String commonName, List<String> dnsNames,
                                  List<String> ipAddresses, Path keyFile, Path certificateFile) throws IOException {
        if (usable(ca, keyFile, certificateFile)) {
            return;
        }
        KeyPair keys = Keys.generateEcP256();
        X509Certificate issued = ca.issueTlsCertificate(commonName, keys.getPublic(), dnsNames, ipAddresses,
                SERVER_VALIDITY);
        write(keyFile, Pem.privateKey(keys.getPrivate()), OWNER_ONLY);
        write(certificateFile, Pem.certificates(ca.chainOf(issued)), OWNER_ONLY);
    }

    private static boolean usable(CertificateAuthority ca, Path keyFile, Path certificateFile) {
        if (!Files.isRegularFile(certificateFile) || !Files.isRegularFile(keyFile)) {
            return false;
        }
        try {
            X509Certificate server = Pem.readCertificates(Files.readString(certificateFile)).getFirst();
            server.verify(ca.certificate().getPublicKey());
            return server.getNotAfter().toInstant().isAfter(Instant.now().plus(SERVER_RENEWAL));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Written beside and moved into place, created with its permissions. */
    static void write(Path file, String content, String permissions) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString(permissions));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A TLS context that trusts {@code ca} and nothing else. */
    static SSLContext trusting(X509Certificate ca, String alias) {
        try {
            // Through the JDK's own factory: the trust store holds only this CA, whoever issued the certificate.
            X509Certificate anchor = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(ca.getEncoded()));
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(alias, anchor);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context trusting " + alias, e);
        }
    }
}
