package eu.synergie.crypto.pki;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

/**
 * The textual encoding of RFC 7468 for certificate chains and certification requests, the form
 * OpenSSL and the admin API exchange.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7468">RFC 7468</a>
 */
public final class Pem {

    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, new byte[] {'\n'});

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

    /** A DER request from {@link CertificateRequests#create} as a {@code CERTIFICATE REQUEST} block. */
    public static String certificateRequest(byte[] der) {
        return encode("CERTIFICATE REQUEST", der);
    }

    /**
     * Every {@code CERTIFICATE} block of {@code pem}, in order; text between blocks is ignored.
     *
     * @throws IllegalArgumentException if there is none, a block is not a certificate or cannot be decoded
     */
    public static List<X509Certificate> readCertificates(String pem) {
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("PEM cannot be decoded", e);
        }
        if (objects.isEmpty()) {
            throw new IllegalArgumentException("PEM holds no certificate");
        }
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER);
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object object : objects) {
            if (!(object instanceof X509CertificateHolder holder)) {
                throw new IllegalArgumentException("PEM block is not a certificate");
            }
            try {
                certificates.add(converter.getCertificate(holder));
            } catch (CertificateException e) {
                throw new IllegalArgumentException("PEM certificate cannot be decoded", e);
            }
        }
        return List.copyOf(certificates);
    }

    static boolean isPem(byte[] bytes) {
        return new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII).stripLeading().startsWith("-----BEGIN ");
    }

    /** The first PEM object BC recognises, or null if there is none. */
    static Object firstObject(byte[] pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            return parser.readObject();
        }
    }

    private static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
