package eu.synergie.cli.keys;

import eu.synergie.client.PostQuantumCredentials;
import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.CertificateRequests;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.crypto.pki.Pkcs12;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.regex.Pattern;

/**
 * The agency's PKCS#12 key store (RFC 7292): its EC P-256 signing key with its certificate chain (alias
 * {@value #ALIAS}, the only entry of a classical key store) and, in a hybrid one, its ML-DSA-65 signing key with
 * its own chain ({@value #ML_DSA_ALIAS}) and its ML-KEM-768 recipient key ({@value #ML_KEM_ALIAS}).
 *
 * <p>A PKCS#12 key entry needs a certificate, and the agency has none until the exchange issues it. So
 * {@link #generate} stores the new key with a placeholder chain, as {@code keytool -genkeypair} does: a
 * certificate for the key issued by a throw-away local CA whose name says it is a pending request
 * ({@value #PENDING_CA}), and whose key is discarded at once. Nothing accepts that chain; it only holds
 * the agency code and the public key until {@link #install} puts the exchange's chain in its place. The ML-DSA-65
 * key gets a placeholder of the same kind from a throw-away ML-DSA-65 CA.
 *
 * <p>An ML-KEM key cannot sign, so it cannot make a certificate request (RFC 9935), and the exchange issues it
 * nothing: its certificate is self-issued by the agency's own ML-DSA-65 key
 * ({@link CertificateAuthority#selfIssueAgencyKemCertificate}). It only names the agency as a recipient of its own
 * hybrid envelopes (issuer and serial number), so that it can read them back; nobody validates it.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7292">RFC 7292</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2986">RFC 2986</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9881">RFC 9881</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9935">RFC 9935</a>
 */
public final class AgencyKeyStore {

    /** Common name of the placeholder issuer: a key store whose chain ends here has no certificate yet. */
    static final String PENDING_CA = "synergie-cli certificate request pending";
    static final String ALIAS = "agency";
    static final String ML_DSA_ALIAS = "agency-ml-dsa";
    static final String ML_KEM_ALIAS = "agency-ml-kem";
    private static final Pattern AGENCY = Pattern.compile("[A-Z]{2}-[A-Z0-9]{2,16}");
    private static final Duration PLACEHOLDER_VALIDITY = Duration.ofDays(3650);
    // As long as the placeholders: the certificate names the agency's own key, it vouches for nothing to anyone else.
    private static final Duration OWN_KEM_VALIDITY = PLACEHOLDER_VALIDITY;

    private final Path file;
    private final KeyCredential credential;
    // Both present in a hybrid key store, both null in a classical one.
    private final KeyCredential mlDsa;
    private final KeyCredential mlKem;

    private AgencyKeyStore(Path file, KeyCredential credential, KeyCredential mlDsa, KeyCredential mlKem) {
        this.file = file;
        this.credential = credential;
        this.mlDsa = mlDsa;
        this.mlKem = mlKem;
    }

    /**
     * What {@link #generate} made: the key store and the requests to send to the exchange's trust administrator, for
     * the EC key and, in a hybrid key store, for the ML-DSA-65 key.
     */
    public record Generated(AgencyKeyStore keyStore, String csrPem, Optional<String> mlDsaCsrPem) {
        public Generated {
            Objects.requireNonNull(csrPem, "csrPem");
            Objects.requireNonNull(mlDsaCsrPem, "mlDsaCsrPem");
        }
    }

    /** The signing keys a chain can be installed for. */
    public enum SigningKey {
        EC_P256("EC P-256"),
        ML_DSA_65("ML-DSA-65");

        private final String label;

        SigningKey(String label) {
            this.label = label;
        }

        /** How the key is named to people, e.g. {@code ML-DSA-65}. */
        public String label() {
            return label;
        }
    }

    /** What {@link #install} put in place, for which of the signing keys. */
    public record Installed(SigningKey key, X509Certificate certificate, X509Certificate root, boolean rootChanged) {
    }

    /**
     * Generates an EC P-256 key pair for {@code agency}, stores it in {@code file} (readable by the owner
     * only) and returns a PKCS#10 request for {@code CN=<agency>} signed with it.
     *
     * @param replace whether an existing file may be replaced (its key is then lost)
     */
    public static Generated generate(Path file, String agency, char[] password, boolean replace) {
        return generate(file, agency, EnvelopeProfile.CLASSICAL, password, replace);
    }

    /**
     * As {@link #generate(Path, String, char[], boolean)} for {@link EnvelopeProfile#CLASSICAL}; for
     * {@link EnvelopeProfile#HYBRID}, also an ML-DSA-65 signing key with its own request for {@code CN=<agency>}, and
     * an ML-KEM-768 recipient key with a certificate self-issued by that ML-DSA-65 key, all three in {@code file}.
     */
    public static Generated generate(Path file, String agency, EnvelopeProfile profile, char[] password, boolean replace) {
        Objects.requireNonNull(profile, "profile");
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
        String csr = Pem.certificateRequest(CertificateRequests.create(pair, agency));
        if (profile == EnvelopeProfile.CLASSICAL) {
            write(file, credential, null, null, password);
            return new Generated(new AgencyKeyStore(file, credential, null, null), csr, Optional.empty());
        }
        KeyPair mlDsaPair = Keys.generateMlDsa65();
        CertificateAuthority mlDsaPlaceholder = CertificateAuthority.createMlDsaRoot(PENDING_CA, PLACEHOLDER_VALIDITY);
        KeyCredential mlDsa = new KeyCredential(mlDsaPair.getPrivate(), List.of(
                mlDsaPlaceholder.issueAgencyCertificate(agency, mlDsaPair.getPublic(), PLACEHOLDER_VALIDITY),
                mlDsaPlaceholder.certificate()));
        KeyPair mlKemPair = Keys.generateMlKem768();
        KeyCredential mlKem = new KeyCredential(mlKemPair.getPrivate(), List.of(CertificateAuthority
                .selfIssueAgencyKemCertificate(agency, mlDsaPair, mlKemPair.getPublic(), OWN_KEM_VALIDITY)));
        write(file, credential, mlDsa, mlKem, password);
        return new Generated(new AgencyKeyStore(file, credential, mlDsa, mlKem), csr,
                Optional.of(Pem.certificateRequest(CertificateRequests.create(mlDsaPair, agency))));
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
        SequencedMap<String, KeyCredential> entries;
        try {
            entries = Pkcs12.readAll(file, password);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new KeyStoreException(KeyStoreException.Kind.LOCAL, "cannot open key store " + file
                    + ": wrong password or not a PKCS#12 file", e);
        } catch (IllegalArgumentException e) {
            throw new KeyStoreException(KeyStoreException.Kind.LOCAL, "key store " + file + ": " + e.getMessage(), e);
        }
        KeyCredential mlDsa = entries.remove(ML_DSA_ALIAS);
        KeyCredential mlKem = entries.remove(ML_KEM_ALIAS);
        if (mlKem != null) {
            // Its certificate alone: on reading, the JDK's key store links a self-issued certificate to the ML-DSA-65
            // certificate its issuer name and key identifier point at, and that chain is nothing we stored or use.
            mlKem = new KeyCredential(mlKem.privateKey(), List.of(mlKem.certificate()));
        }
        // A classical key store's one entry is the agency's key whatever its alias, as it always was.
        KeyCredential classical = entries.containsKey(ALIAS) ? entries.get(ALIAS)
                : entries.isEmpty() ? null : entries.firstEntry().getValue();
        if (classical == null) {
            throw new KeyStoreException(KeyStoreException.Kind.LOCAL, "key store " + file + ": PKCS#12 file holds no "
                    + "private key entry", null);
        }
        if ((mlDsa == null) != (mlKem == null)) {
            throw new KeyStoreException(KeyStoreException.Kind.LOCAL, "key store " + file + " holds "
                    + (mlDsa == null ? ML_KEM_ALIAS + " but no " + ML_DSA_ALIAS : ML_DSA_ALIAS + " but no " + ML_KEM_ALIAS)
                    + ": a hybrid key store has both (make one with: synergie keygen --profile hybrid)", null);
        }
        return new AgencyKeyStore(file, classical, mlDsa, mlKem);
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
        return IssuedChain.isPending(credential.chain());
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

    /** The profile of the key store: hybrid when it holds the ML-DSA-65 and ML-KEM-768 keys, classical otherwise. */
    public EnvelopeProfile profile() {
        return mlDsa == null ? EnvelopeProfile.CLASSICAL : EnvelopeProfile.HYBRID;
    }

    /** True in a hybrid key store until the exchange's ML-DSA-65 certificate is installed; false in a classical one. */
    public boolean postQuantumPending() {
        return mlDsa != null && IssuedChain.isPending(mlDsa.chain());
    }

    /** The ML-DSA-65 key's public part as a SHA-256 fingerprint, in a hybrid key store. */
    public Optional<String> mlDsaPublicKeyFingerprint() {
        return Optional.ofNullable(mlDsa).map(c -> fingerprint(c.certificate().getPublicKey().getEncoded()));
    }

    /**
     * The post-quantum keys to seal hybrid envelopes with: the ML-DSA-65 key with its issued chain and the ML-KEM-768
     * key with its self-issued certificate; empty in a classical key store.
     *
     * @throws KeyStoreException (trust) if the ML-DSA-65 certificate is not installed yet, or not valid now
     */
    public Optional<PostQuantumCredentials> postQuantumCredentials() {
        if (mlDsa == null) {
            return Optional.empty();
        }
        if (postQuantumPending()) {
            throw new KeyStoreException(KeyStoreException.Kind.TRUST, "no ML-DSA-65 certificate is installed in " + file
                    + " yet: send the ML-DSA-65 request to the exchange's trust administrator, then run: synergie cert "
                    + "install CHAIN.pem ML-DSA-CHAIN.pem", null);
        }
        try {
            mlDsa.certificate().checkValidity();
        } catch (CertificateException e) {
            throw new KeyStoreException(KeyStoreException.Kind.TRUST, "the ML-DSA-65 certificate in " + file
                    + " is not valid now (valid until " + mlDsa.certificate().getNotAfter().toInstant()
                    + "): make a new key and request", e);
        }
        return Optional.of(new PostQuantumCredentials(mlDsa, mlKem));
    }

    /**
     * Puts the exchange's chain (leaf first, up to its root) in place of the current one, after checking
     * that the leaf certifies this key for this agency, that the chain is valid now, and that its root is
     * the one installed before (unless {@code acceptNewRoot}). The file is replaced atomically.
     *
     * @throws KeyStoreException (trust) naming the failed check
     */
    public Installed install(List<X509Certificate> chain, char[] password, boolean acceptNewRoot) {
        return installAll(List.of(chain), password, acceptNewRoot).getFirst();
    }

    /**
     * Installs one or two chains, each for the signing key its leaf certifies (matched by public key: the EC P-256
     * key, or in a hybrid key store the ML-DSA-65 key), with the checks of {@link #install(List, char[], boolean)}
     * per hierarchy; the ML-DSA-65 chain must be ML-DSA-65 up to its root, the EC one must not end at an ML-DSA-65
     * root. All are checked before the file is replaced, once: either every chain is installed or none.
     *
     * @throws KeyStoreException (trust) naming the failed check and the chain
     */
    public List<Installed> installAll(List<List<X509Certificate>> chains, char[] password, boolean acceptNewRoot) {
        if (chains.isEmpty()) {
            throw trust("no chain to install", null);
        }
        KeyCredential ec = credential;
        KeyCredential pq = mlDsa;
        List<Installed> installed = new ArrayList<>();
        for (List<X509Certificate> chain : chains) {
            if (chain.isEmpty()) {
                throw trust("the chain holds no certificate", null);
            }
            SigningKey key = keyCertifiedBy(chain.getFirst());
            if (installed.stream().anyMatch(i -> i.key() == key)) {
                throw trust("two chains for the " + key.label() + " key: give one chain per key", null);
            }
            KeyCredential current = key == SigningKey.EC_P256 ? credential : mlDsa;
            installed.add(IssuedChain.check(file, agency(), key, current, chain, acceptNewRoot));
            if (key == SigningKey.EC_P256) {
                ec = new KeyCredential(credential.privateKey(), chain);
            } else {
                pq = new KeyCredential(mlDsa.privateKey(), chain);
            }
        }
        write(file, ec, pq, mlKem, password);
        return List.copyOf(installed);
    }

    private SigningKey keyCertifiedBy(X509Certificate leaf) {
        byte[] certified = leaf.getPublicKey().getEncoded();
        if (Arrays.equals(certified, credential.certificate().getPublicKey().getEncoded())) {
            return SigningKey.EC_P256;
        }
        if (mlDsa != null && Arrays.equals(certified, mlDsa.certificate().getPublicKey().getEncoded())) {
            return SigningKey.ML_DSA_65;
        }
        throw trust("the certificate does not match the key in " + file + (mlDsa == null ? "" : " (neither its EC P-256 "
                + "nor its ML-DSA-65 key)") + ": it was issued for another request", null);
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

    private static KeyStoreException trust(String message, Throwable cause) {
        return new KeyStoreException(KeyStoreException.Kind.TRUST, message, cause);
    }

    // Pkcs12 writes it beside the target (readable by the owner only, as every new temporary file) and moves it over
    // the target in one step, so that a crash never leaves the agency without its key.
    private static void write(Path file, KeyCredential credential, KeyCredential mlDsa, KeyCredential mlKem, char[] password) {
        // The EC key first: whoever reads the file as a one-key store (Pkcs12.read) gets the agency's key of old.
        SequencedMap<String, KeyCredential> entries = new LinkedHashMap<>();
        entries.put(ALIAS, credential);
        if (mlDsa != null) {
            entries.put(ML_DSA_ALIAS, mlDsa);
            entries.put(ML_KEM_ALIAS, mlKem);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Pkcs12.writeAll(file, entries, password);
        } catch (IOException | UncheckedIOException e) {
            throw new KeyStoreException(KeyStoreException.Kind.LOCAL, "cannot write key store " + file + ": " + e.getMessage(), e);
        }
    }
}
