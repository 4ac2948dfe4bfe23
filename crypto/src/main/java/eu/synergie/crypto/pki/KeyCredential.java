package eu.synergie.crypto.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate chain (RFC 5280), leaf first; what an agency signs with and
 * what a region decrypts with.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5280">RFC 5280</a>
 */
public record KeyCredential(PrivateKey privateKey, List<X509Certificate> chain) {

    public KeyCredential {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain must contain at least the leaf certificate");
        }
    }

    /** The leaf certificate, the one that belongs to {@link #privateKey()}. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    // The generated toString would print the private key (BC keys render their scalar).
    @Override
    public String toString() {
        return "KeyCredential[subject=" + certificate().getSubjectX500Principal().getName()
                + ", serial=" + certificate().getSerialNumber().toString(16)
                + ", chainLength=" + chain.size() + "]";
    }
}
