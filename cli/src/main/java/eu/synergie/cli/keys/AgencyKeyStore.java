package eu.synergie.cli.keys;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.CertificateRequests;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.crypto.pki.Pkcs12;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The agency's PKCS#12 key store (RFC 7292): one private key with its certificate chain.
 *
 * <p>A PKCS#12 key entry needs a certificate, and the agency has none until the exchange issues it. So
 * {@link #generate} stores the new key with a placeholder chain, as {@code keytool -genkeypair} does: a
 * certificate for the key issued by a throw-away local CA whose name says it is a pending request
 * ({@value #PENDING_CA}), and whose key is discarded at once. Nothing accepts that chain; it only holds
 * the agency code and the public key until {@link #install} puts the exchange's chain in its place.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7292">RFC 7292</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2986">RFC 2986</a>
 */
public final class AgencyKeyStore {

    /** Common name of the placeholder issuer: a key store whose chain ends here has no certificate yet. */
    static final String PENDING_CA = "synergie-cli certificate request pending";
    private static final String ALIAS = "agency";
    private static final Pattern AGENCY = Pattern.compile("[A-Z]{2}-[A-Z0-9]{2,16}");
    private static final Duration PLACEHOLDER_VALIDITY = Duration.ofDays(3650);
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path file;
    private final KeyCredential credential;

    private AgencyKeyStore(Path file, KeyCredential credential) {
        this.file = file;
        this.credential = credential;
    }

    /** What {@link #generate} made: the key store and the request to send to the exchange's trust administrator. */
    public record Generated(AgencyKeyStore keyStore, String csrPem) {
    }

    /** What {@link #install} put in place. */
    public record Installed(X509Certificate certificate, X509Certificate root, boolean rootChanged) {
    }

    /**
     * Generates an EC P-256 key pair for {@code agency}, stores it in {@code file} (readable by the owner
     * only) and returns a PKCS#10 request for {@code CN=<agency>} signed with it.
     *
     * @param replace whether an existing file may be replaced (its key is then lost)
     */
    public static Generated generate(Path file, String agency, char[] password, boolean replace) {
        if (agency == null || !AGENCY.matcher(agency).matches()) {
            throw new KeyStoreException(KeyStoreException.Kind.LOCAL, "agency must be an agency code such as BE-PJF", null);
        }
        if (Files.exists(file) && !replace) {
            throw new KeyStoreException(KeyStoreException.Kind.LOCAL, file + " already exists: it may hold the agency's "
                    + "current key; choose another file, or give --force to replace it", null);
        }
        KeyPair pair = Keys.generateEcP256();
        CertificateAuthority placeholder = CertificateAuthority.createRoot(PENDING_CA, PLACEHOLDER_VALIDITY);
        X509Certificate pending = placeholder.issueAgencyCertificate(agency, pair.getPublic(), PLACEHOLDER_VALIDITY);
        KeyCredential credential = new KeyCredential(pair.getPrivate(), List.of(pending, placeholder.certificate()));
        write(file, credential, password);
        return new Generated(new AgencyKeyStore(file, credential), Pem.certificateRequest(CertificateRequests.create(pair, agency)));
    }

    /**
     * Reads the key store.
     *
     * @throws KeyStoreException if it cannot be read or the password is wrong
     */
    public static AgencyKeyStore read(Path file, char[] password) {
        if (!Files.isRegularFile(file)) {
            throw new KeyStoreException(KeyStoreException.Kind.LOCAL, "key store " + file + " does not exist "
                    + "(make one with: synergie keygen)", null);
        }
        try {
            return new AgencyKeyStore(file, Pkcs12.read(file, password));
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new KeyStoreException(KeyStoreException.Kind.LOCAL, "cannot open key store " + file
                    + ": wrong password or not a PKCS#12 file", e);
        } catch (IllegalArgumentException e) {
            throw new KeyStoreException(KeyStoreException.Kind.LOCAL, "key store " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** The agency the key belongs to (the CN of its certificate, issued or pending). */
    public String agency() {
        try {
            return CertificateAuthority.agencyCodeOf(credential.certificate());
        } catch (IllegalArgumentException e) {
            throw new KeyStoreException(KeyStoreException.Kind.TRUST, "the certificate in " + file
                    + " is not an agency certificate", e);
        }
    }

    /** True until the exchange's certificate is installed. */
    public boolean pending() {
        return isPendingChain(credential.chain());
    }

    /**
     * The key with its issued chain, to sign with.
     *
     * @throws KeyStoreException (trust) if no certificate is installed yet, or it is not valid now
     */
    public KeyCredential signingCredential() {
        if (pending()) {
            throw new KeyStoreException(KeyStoreException.Kind.TRUST, "no certificate is installed in " + file
                    + " yet: send the CSR to the exchange's trust administrator, then run: synergie cert install CHAIN.pem", null);
        }
        try {
            credential.certificate().checkValidity();
        } catch (CertificateException e) {
            throw new KeyStoreException(KeyStoreException.Kind.TRUST, "the certificate in " + file + " is not valid now "
                    + "(valid until " + credential.certificate().getNotAfter().toInstant() + "): make a new key and request", e);
        }
        return credential;
    }

    /** The exchange's root CA as installed with the chain, the anchor for checking envelopes and region certificates. */
    public X509Certificate exchangeRoot() {
        return signingCredential().chain().getLast();
    }

    /** The key's public part as a SHA-256 fingerprint, to compare out of band with the issued certificate. */
    public String publicKeyFingerprint() {
        return fingerprint(credential.certificate().getPublicKey().getEncoded());
    }

    /**
     * Puts the exchange's chain (leaf first, up to its root) in place of the current one, after checking
     * that the leaf certifies this key for this agency, that the chain is valid now, and that its root is
     * the one installed before (unless {@code acceptNewRoot}). The file is replaced atomically.
     *
     * @throws KeyStoreException (trust) naming the failed check
     */
    public Installed install(List<X509Certificate> chain, char[] password, boolean acceptNewRoot) {
        if (chain.isEmpty()) {
            throw trust("the chain holds no certificate", null);
        }
        X509Certificate leaf = chain.getFirst();
        if (!Arrays.equals(leaf.getPublicKey().getEncoded(), credential.certificate().getPublicKey().getEncoded())
                || !holdsKeyFor(credential.privateKey(), leaf.getPublicKey())) {
            throw trust("the certificate does not match the key in " + file + ": it was issued for another request", null);
        }
        String agency = agency();
        String certified;
        try {
            certified = CertificateAuthority.agencyCodeOf(leaf);
        } catch (IllegalArgumentException e) {
            throw trust("the certificate is not an agency certificate", e);
        }
        if (!certified.equals(agency)) {
            throw trust("the certificate is for " + certified + " but the key was made for " + agency, null);
        }
        if (isPendingChain(chain)) {
            throw trust("the chain is the placeholder of a pending request, not the exchange's", null);
        }
        X509Certificate root = chain.getLast();
        requireValidChain(chain);
        boolean rootChanged = false;
        if (!pending()) {
            X509Certificate previousRoot = credential.chain().getLast();
            rootChanged = !previousRoot.equals(root);
            if (rootChanged && !acceptNewRoot) {
                throw trust("the chain ends at another root CA (SHA-256 " + fingerprint(encoded(root))
                        + ") than the one installed before (" + fingerprint(encoded(previousRoot))
                        + "); if the exchange really changed its root, give --accept-new-root", null);
            }
        }
        write(file, new KeyCredential(credential.privateKey(), chain), password);
        return new Installed(leaf, root, rootChanged);
    }

    /** Reads a PEM chain, leaf first, as the admin API answers it. */
    public static List<X509Certificate> readChain(String pem) {
        try {
            return Pem.readCertificates(pem);
        } catch (IllegalArgumentException e) {
            throw new KeyStoreException(KeyStoreException.Kind.LOCAL, "not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    public static String fingerprint(byte[] encoded) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    private static boolean isPendingChain(List<X509Certificate> chain) {
        return chain.getLast().getSubjectX500Principal().getName().contains("CN=" + PENDING_CA);
    }

    // Proof of possession: the leaf's key verifies what our private key signs.
    private static boolean holdsKeyFor(PrivateKey key, PublicKey certified) {
        String algorithm = "EC".equals(key.getAlgorithm()) || "ECDSA".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "Ed25519";
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void requireValidChain(List<X509Certificate> chain) {
        X509Certificate root = chain.getLast();
        try {
            root.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw trust("the chain does not end at a self-signed root CA", e);
        }
        if (chain.size() < 2) {
            throw trust("the chain holds only one certificate; the exchange answers the leaf, its issuing CA and its root", null);
        }
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, chain.size() - 1)), parameters);
        } catch (CertPathValidatorException e) {
            throw trust("the chain does not validate up to its root: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX validation unavailable", e);
        }
    }

    private static KeyStoreException trust(String message, Throwable cause) {
        return new KeyStoreException(KeyStoreException.Kind.TRUST, message, cause);
    }

    // Written beside the target, readable by the owner only, then moved over it in one step, so that a
    // crash never leaves the agency without its key.
    private static void write(Path file, KeyCredential credential, char[] password) {
        Path absolute = file.toAbsolutePath();
        Path folder = absolute.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            try {
                temporary = Files.createTempFile(folder, "." + absolute.getFileName(), ".tmp", OWNER_ONLY);
            } catch (UnsupportedOperationException notPosix) {
                temporary = Files.createTempFile(folder, "." + absolute.getFileName(), ".tmp");
            }
            Pkcs12.write(temporary, ALIAS, credential, password);
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException | UncheckedIOException e) {
            throw new KeyStoreException(KeyStoreException.Kind.LOCAL, "cannot write key store " + file + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // best effort: the temporary file is encrypted like the key store
                }
            }
        }
    }
}
