package eu.synergie.crypto.pki;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import eu.synergie.crypto.asn1.TlvLimits;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * The textual encoding of RFC 7468 for certificate chains and certification requests, the form
 * OpenSSL and the admin API exchange.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7468">RFC 7468</a>
 */
public final class Pem {

    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, new byte[] {'\n'});

    // RFC 7468's label, and the older one Bouncy Castle's PEMParser also read as a certificate.
    private static final Set<String> CERTIFICATE_LABELS = Set.of("CERTIFICATE", "X509 CERTIFICATE");

    private Pem() {
    }

    /** The certificates as consecutive {@code CERTIFICATE} blocks, in the given order (leaf first for a chain). */
    public static String certificates(List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                pem.append(encode("CERTIFICATE", certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("certificate cannot be encoded", e);
            }
        }
        return pem.toString();
    }

    /**
     * A private key as an unencrypted PKCS#8 {@code PRIVATE KEY} block (RFC 5208, RFC 7468 section 10), the form
     * OpenSSL and TLS servers read. Whoever can read the text holds the key: it goes only into a file readable by
     * its owner, never into a log.
     *
     * @see <a href="https://www.rfc-editor.org/rfc/rfc5208">RFC 5208</a>
     */
    public static String privateKey(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("private key has no PKCS#8 encoding");
        }
        return encode("PRIVATE KEY", key.getEncoded());
    }

    /**
     * The key of the first {@code PRIVATE KEY} block of {@code pem} (unencrypted PKCS#8; EC or Ed25519).
     *
     * @throws IllegalArgumentException naming the failed check: {@code PEM cannot be decoded}, {@code PEM holds no
     *     private key}, {@code PEM private key cannot be decoded}
     */
    public static PrivateKey readPrivateKey(String pem) {
        byte[] der = firstBlock(pem.getBytes(StandardCharsets.US_ASCII), Set.of("PRIVATE KEY"));
        if (der == null) {
            throw new IllegalArgumentException("PEM holds no private key");
        }
        try {
            TlvLimits.check(der);
            return new JcaPEMKeyConverter().setProvider(BouncyCastle.PROVIDER).getPrivateKey(PrivateKeyInfo.getInstance(der));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("PEM private key cannot be decoded", e);
        }
    }

    /** A DER request from {@link CertificateRequests#create} as a {@code CERTIFICATE REQUEST} block. */
    public static String certificateRequest(byte[] der) {
        return encode("CERTIFICATE REQUEST", der);
    }

    /**
     * Every {@code CERTIFICATE} block of {@code pem}, in order; text between blocks is ignored. Each block's DER
     * is checked ({@link TlvLimits}: nesting depth, lengths within the block) before Bouncy Castle parses it.
     *
     * @throws IllegalArgumentException naming the failed check: {@code PEM cannot be decoded}, {@code PEM holds
     *     no certificate}, {@code PEM block is not a certificate}, {@code PEM certificate cannot be decoded}
     */
    public static List<X509Certificate> readCertificates(String pem) {
        List<PemObject> blocks = blocks(pem);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("PEM holds no certificate");
        }
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER);
        List<X509Certificate> certificates = new ArrayList<>();
        for (PemObject block : blocks) {
            if (!CERTIFICATE_LABELS.contains(block.getType())) {
                throw new IllegalArgumentException("PEM block is not a certificate");
            }
            try {
                TlvLimits.check(block.getContent());
                certificates.add(converter.getCertificate(new X509CertificateHolder(block.getContent())));
            } catch (IOException | CertificateException | RuntimeException e) {
                throw new IllegalArgumentException("PEM certificate cannot be decoded", e);
            }
        }
        return List.copyOf(certificates);
    }

    static boolean isPem(byte[] bytes) {
        return new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII).stripLeading().startsWith("-----BEGIN ");
    }

    /** The DER of the first block whose label is one of {@code types}, or null if there is none. */
    static byte[] firstBlock(byte[] pem, Set<String> types) {
        for (PemObject block : blocks(new String(pem, StandardCharsets.US_ASCII))) {
            if (types.contains(block.getType())) {
                return block.getContent();
            }
        }
        return null;
    }

    private static List<PemObject> blocks(String pem) {
        List<PemObject> blocks = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("PEM cannot be decoded", e);
        }
        return blocks;
    }

    private static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
