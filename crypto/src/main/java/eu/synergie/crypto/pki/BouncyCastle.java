package eu.synergie.crypto.pki;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The one Bouncy Castle provider instance that every package of this module hands to BC's Jca builders. */
public final class BouncyCastle {

    // Appended (never inserted first) so the JDK's own algorithm choices are unchanged; shared by
    // name so every package of this module uses the same instance.
    public static final Provider PROVIDER = install();

    private BouncyCastle() {
    }

    /**
     * The provider, installed again if something removed it. The JDK's PKCS#12 key store rebuilds each key it reads
     * with the first installed KeyFactory that parses it, and the JDK's own ML-KEM and ML-DSA factories cannot parse
     * Bouncy Castle's encodings of those keys: a process reading its key folder before anything else touched this
     * class (a gateway restarting) would find none that can.
     */
    public static synchronized Provider installed() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(PROVIDER);
        }
        return PROVIDER;
    }

    private static synchronized Provider install() {
        Provider installed = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (installed != null) {
            return installed;
        }
        Security.addProvider(new BouncyCastleProvider());
        return Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
    }
}
