package eu.synergie.core.integrity;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.stamp.ExchangeMac;
import eu.synergie.crypto.stamp.ExchangeSignatures;
import eu.synergie.crypto.stamp.ExchangeSigner;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A test exchange's stamping keys, made at test time: root, issuing CA, log signer, log MAC key; and an alarm that records. */
public final class TestStamps {

    public static final CertificateAuthority ROOT = CertificateAuthority.createRoot("Test Root", Duration.ofDays(30));
    public static final CertificateAuthority ISSUING = ROOT.issueSubordinate("Test Issuing", Duration.ofDays(20));
    public static final KeyCredential LOG_SIGNER = signer(ISSUING);
    public static final ExchangeSignatures SIGNATURES = new ExchangeSignatures(ROOT.certificate(),
            () -> List.of(LOG_SIGNER.certificate()));
    public static final SecretKey MAC_KEY = aesKey();

    private TestStamps() {
    }

    public static ExchangeSigner signer(Clock clock) {
        return ExchangeSigner.of(LOG_SIGNER, clock);
    }

    public static ExchangeMac mac(Clock clock) {
        return new ExchangeMac(MAC_KEY, clock);
    }

    public static KeyCredential signer(CertificateAuthority ca) {
        KeyPair pair = Keys.generateEcP256();
        return new KeyCredential(pair.getPrivate(), ca.chainOf(ca.issueExchangeSigningCertificate("Test Log Signer",
                pair.getPublic(), Duration.ofDays(10))));
    }

    public static SecretKey aesKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An alarm that keeps what it was told. */
    public static final class RecordingAlarm implements LogAlarm {

        public record Raised(String topic, String key, long offset, Enum<?> reason, String detail) {
        }

        public final List<Raised> raised = new ArrayList<>();

        @Override
        public synchronized void rejected(String topic, String key, long offset, Enum<?> reason, String detail) {
            raised.add(new Raised(topic, key, offset, reason, detail));
        }

        public synchronized List<Enum<?>> reasons() {
            return raised.stream().<Enum<?>>map(Raised::reason).toList();
        }
    }
}
