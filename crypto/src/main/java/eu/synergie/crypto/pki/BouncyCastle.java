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

    private static synchronized Provider install() {
        Provider installed = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (installed != null) {
            return installed;
        }
        Security.addProvider(new BouncyCastleProvider());
        return Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
    }
}
