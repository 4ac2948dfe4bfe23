package eu.synergie.crypto.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import javax.crypto.SecretKey;

/**
 * Stores a {@link KeyCredential} in a PKCS#12 file (RFC 7292) protected with PBES2 (PBKDF2 with
 * HMAC-SHA256, AES-256-CBC; RFC 8018) and an HMAC-SHA256 integrity MAC, the form OpenSSL 3 reads
 * without its legacy provider.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7292">RFC 7292</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8018">RFC 8018</a>
 */
public final class Pkcs12 {

    // The JDK's keystore, not BC's: BC's plain "PKCS12" still writes 3DES/RC2 bags that OpenSSL 3
    // refuses without the legacy provider. Pinned to SUN so a provider inserted ahead of it cannot
    // change the file format. Since JDK 18 it protects certificates with PBEWithHmacSHA256AndAES_256
    // and MACs with HmacPBESHA256 by default.
    private static final String KEYSTORE_PROVIDER = "SUN";
    private static final String KEY_PROTECTION = "PBEWithHmacSHA256AndAES_256";

    private Pkcs12() {
    }

    /**
     * Writes {@code credential} under {@code alias}, replacing {@code file} if it exists. The file is whole or
     * absent, whenever the process stops: it is written beside and moved into place in one step.
     */
    public static void write(Path file, String alias, KeyCredential credential, char[] password) {
        place(file, privateKeyStore(alias, credential, password), password, true);
    }

    /**
     * Writes {@code credential} under {@code alias} unless {@code file} exists, in one step: of two processes
     * creating the same key at once, one file wins and the other learns it lost.
     *
     * @return whether this call created the file; if not, the key to use is the one in the file
     */
    public static boolean create(Path file, String alias, KeyCredential credential, char[] password) {
        return place(file, privateKeyStore(alias, credential, password), password, false);
    }

    /**
     * Writes every credential under its alias, in the map's order, replacing {@code file} if it exists, in one step as
     * {@link #write} does. {@link #read} of such a file gives the first one, so a reader that knows of one key only
     * still finds the one it expects when that comes first.
     */
    public static void writeAll(Path file, SequencedMap<String, KeyCredential> credentials, char[] password) {
        if (credentials.isEmpty()) {
            throw new IllegalArgumentException("at least one credential is required");
        }
        place(file, privateKeyStore(credentials, password), password, true);
    }

    private static KeyStore privateKeyStore(String alias, KeyCredential credential, char[] password) {
        SequencedMap<String, KeyCredential> one = new LinkedHashMap<>();
        one.put(alias, credential);
        return privateKeyStore(one, password);
    }

    private static KeyStore privateKeyStore(SequencedMap<String, KeyCredential> credentials, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12", KEYSTORE_PROVIDER);
            store.load(null, null);
            for (var entry : credentials.entrySet()) {
                Certificate[] chain = chainNamingKeyAlike(entry.getValue());
                store.setEntry(entry.getKey(), new KeyStore.PrivateKeyEntry(entry.getValue().privateKey(), chain),
                        new KeyStore.PasswordProtection(password, KEY_PROTECTION, null));
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot protect PKCS#12 key entry", e);
        }
    }

    /*
     * The JDK's key entry requires the private key's algorithm name to equal the leaf's public key's. For ML-DSA and
     * ML-KEM the JDK and Bouncy Castle name them differently ("ML-DSA" and "ML-DSA-65"), and a key read back from a
     * file is the JDK's while a certificate the CA just issued is Bouncy Castle's: the same certificates, decoded by
     * the factory whose keys are named as the private key is, make the entry the file would hold anyway.
     */
    private static Certificate[] chainNamingKeyAlike(KeyCredential credential) throws GeneralSecurityException {
        Certificate[] chain = credential.chain().toArray(Certificate[]::new);
        String algorithm = credential.privateKey().getAlgorithm();
        if (algorithm.equals(credential.certificate().getPublicKey().getAlgorithm())) {
            return chain;
        }
        for (CertificateFactory factory : new CertificateFactory[] {
                CertificateFactory.getInstance("X.509"), CertificateFactory.getInstance("X.509", BouncyCastle.PROVIDER)}) {
            Certificate[] decoded = new Certificate[chain.length];
            for (int i = 0; i < chain.length; i++) {
                decoded[i] = factory.generateCertificate(new ByteArrayInputStream(chain[i].getEncoded()));
            }
            if (algorithm.equals(decoded[0].getPublicKey().getAlgorithm())) {
                return decoded;
            }
        }
        return chain;
    }

    private static KeyStore secretKeyStore(String alias, SecretKey key, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12", KEYSTORE_PROVIDER);
            store.load(null, null);
            store.setEntry(alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(password, KEY_PROTECTION, null));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot protect PKCS#12 secret key entry", e);
        }
    }

    /**
     * Stores into a temporary file of the same folder, then moves it to {@code file}: replacing it (a rename, atomic
     * on POSIX file systems), or only if absent (a hard link, which fails if the name is taken).
     */
    private static boolean place(Path file, KeyStore store, char[] password, boolean replace) {
        Path folder = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                store.store(out, password);
            }
            if (replace) {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return true;
            }
            try {
                Files.createLink(file, temporary);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) {
                // A file system without hard links: the move refuses a taken name, with a short window between its
                // check and the rename.
                try {
                    Files.move(temporary, file);
                    return true;
                } catch (FileAlreadyExistsException taken) {
                    return false;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write PKCS#12 file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot store PKCS#12 file " + file, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // a stray temporary file beside the keys holds nothing the key file does not
                }
            }
        }
    }

    /**
     * Writes a symmetric key under {@code alias} (a PKCS#12 secret bag, protected like a private key),
     * replacing {@code file} if it exists.
     */
    public static void writeSecretKey(Path file, String alias, SecretKey key, char[] password) {
        place(file, secretKeyStore(alias, key, password), password, true);
    }

    /**
     * Writes a symmetric key like {@link #writeSecretKey} unless {@code file} exists, in one step.
     *
     * @return whether this call created the file; if not, the key to use is the one in the file
     */
    public static boolean createSecretKey(Path file, String alias, SecretKey key, char[] password) {
        return place(file, secretKeyStore(alias, key, password), password, false);
    }

    /**
     * Reads the first secret key entry of {@code file}.
     *
     * @throws UncheckedIOException if the file cannot be read or the password is wrong
     * @throws IllegalArgumentException if the file holds no secret key entry
     */
    public static SecretKey readSecretKey(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12", KEYSTORE_PROVIDER);
            store.load(in, password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getKey(alias, password) instanceof SecretKey key) {
                    return key;
                }
            }
            throw new IllegalArgumentException("PKCS#12 file holds no secret key entry");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read PKCS#12 file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot recover PKCS#12 secret key entry", e);
        }
    }

    /**
     * Reads the first key entry of {@code file}.
     *
     * @throws UncheckedIOException if the file cannot be read or the password is wrong (the MAC
     *     check fails)
     * @throws IllegalArgumentException if the file holds no key entry with a certificate chain
     */
    public static KeyCredential read(Path file, char[] password) {
        SequencedMap<String, KeyCredential> all = readAll(file, password);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("PKCS#12 file holds no private key entry");
        }
        return all.firstEntry().getValue();
    }

    /**
     * Reads every private key entry of {@code file} by alias, in the file's order. Each chain is the one the JDK's key
     * store builds from the certificates in the file, from the entry's certificate through the issuers they name (a
     * self-issued certificate, too, is followed to the certificate of the key that signed it, if in the file).
     *
     * @throws UncheckedIOException if the file cannot be read or the password is wrong (the MAC check fails)
     * @throws IllegalArgumentException if a key entry has no certificate chain
     */
    public static SequencedMap<String, KeyCredential> readAll(Path file, char[] password) {
        BouncyCastle.installed();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12", KEYSTORE_PROVIDER);
            store.load(in, password);
            SequencedMap<String, KeyCredential> credentials = new LinkedHashMap<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getKey(alias, password) instanceof PrivateKey key) {
                    Certificate[] chain = store.getCertificateChain(alias);
                    if (chain == null || chain.length == 0) {
                        throw new IllegalArgumentException("PKCS#12 key entry has no certificate chain");
                    }
                    List<X509Certificate> certificates = new ArrayList<>();
                    for (Certificate certificate : chain) {
                        certificates.add((X509Certificate) certificate);
                    }
                    credentials.put(alias, new KeyCredential(key, certificates));
                }
            }
            return credentials;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read PKCS#12 file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot recover PKCS#12 key entry", e);
        }
    }
}
