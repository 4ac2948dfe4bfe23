package eu.synergie.gateway.keys;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Pkcs12;
import eu.synergie.crypto.stamp.ExchangeSignatures;
import eu.synergie.crypto.stamp.ExchangeSigner;
import eu.synergie.crypto.stamp.StampException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exchange's key folder: the log signer and MAC key are made on first start, kept, and the signer renewed before it expires. */
class ExchangeKeysTest {

    private static final char[] PASSWORD = "keys-password".toCharArray();

    @TempDir
    Path home;

    @Test
    void loadOrCreateWhenFirstStartThenLogKeysMadeUnderTheIssuingCaAndTheSameOnTheNextStart() {
        ExchangeKeys first = ExchangeKeys.loadOrCreate(home, List.of("EU-WEST"), PASSWORD);
        ExchangeKeys again = ExchangeKeys.loadOrCreate(home, List.of("EU-WEST"), PASSWORD);

        assertThat(home.resolve("keys/exchange-log-signer.p12")).exists();
        assertThat(home.resolve("keys/exchange-log-mac.p12")).exists();
        assertThat(CertificateAuthority.exchangeSignerOf(first.logSigner().certificate())).isEqualTo("Synergie Exchange Log Signer");
        assertThat(first.logSigner().chain()).containsExactly(first.logSigner().certificate(), first.issuingCa().certificate(),
                first.root());
        assertThat(again.logSigner().certificate()).isEqualTo(first.logSigner().certificate());
        assertThat(again.logMacKey().getEncoded()).isEqualTo(first.logMacKey().getEncoded());
        byte[] signed = ExchangeSigner.of(again.logSigner(), Clock.systemUTC()).sign(new byte[]{1, 2, 3});
        assertThat(new ExchangeSignatures(first.root(), first::logSignerCertificates).open(signed).content()).containsExactly(1, 2, 3);
        assertThat(first.logSignerNew()).as("made by the first start").isTrue();
        assertThat(again.logSignerNew()).isFalse();
    }

    @Test
    void loadOrCreateWhenFirstStartThenTheMlDsaHierarchyAndRegionMlKemKeysAndTheSameOnTheNextStart() {
        ExchangeKeys first = ExchangeKeys.loadOrCreate(home, List.of("EU-WEST"), PASSWORD);
        ExchangeKeys again = ExchangeKeys.loadOrCreate(home, List.of("EU-WEST"), PASSWORD);

        assertThat(Keys.isMlDsa65(first.postQuantumRoot().getPublicKey())).isTrue();
        assertThat(first.postQuantumIssuingCa().credential().chain().getLast()).isEqualTo(first.postQuantumRoot());
        X509Certificate kem = first.regions().kemCertificate("EU-WEST").orElseThrow();
        assertThat(Keys.isMlKem768(kem.getPublicKey())).isTrue();
        assertThat(CertificateAuthority.regionOf(kem)).isEqualTo("EU-WEST");
        assertThat(again.postQuantumRoot()).isEqualTo(first.postQuantumRoot());
        assertThat(again.regions().kemCertificate("EU-WEST")).contains(kem);
        assertThat(again.regions().recipientCertificates("EU-WEST")).containsExactly(
                first.regions().recipientCertificate("EU-WEST").orElseThrow(), kem);
    }

    @Test
    void loadOrCreateWhenTheLogSignerExpiresWithinAMonthThenANewOne() {
        ExchangeKeys keys = ExchangeKeys.loadOrCreate(home, List.of("EU-WEST"), PASSWORD);
        CertificateAuthority issuing = keys.issuingCa();
        KeyPair pair = Keys.generateEcP256();
        KeyCredential expiring = new KeyCredential(pair.getPrivate(), issuing.chainOf(issuing.issueExchangeSigningCertificate(
                "Synergie Exchange Log Signer", pair.getPublic(), Duration.ofDays(3))));
        Pkcs12.write(home.resolve("keys/exchange-log-signer.p12"), "exchange-log-signer", expiring, PASSWORD);

        ExchangeKeys renewed = ExchangeKeys.loadOrCreate(home, List.of("EU-WEST"), PASSWORD);

        assertThat(renewed.logSigner().certificate()).isNotEqualTo(expiring.certificate());
        assertThat(renewed.logSigner().certificate().getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(300)));
        assertThat(renewed.logSignerNew()).as("renewed, not a first start").isFalse();
    }

    /**
     * Trust events verify only against the exchange's own log signers: the current one and those it replaced (kept in
     * the folder on renewal), never another exchange signing certificate of the same CA.
     */
    @Test
    void logSignerCertificatesWhenRenewedThenTheEarlierStillVerifiesAndNoOtherExchangeSignerDoes() {
        ExchangeKeys first = ExchangeKeys.loadOrCreate(home, List.of("EU-WEST"), PASSWORD);
        CertificateAuthority issuing = first.issuingCa();
        KeyCredential earlier = first.logSigner();
        ExchangeSignatures signatures = new ExchangeSignatures(first.root(), first::logSignerCertificates);
        byte[] signedBefore = ExchangeSigner.of(earlier, Clock.systemUTC()).sign(new byte[]{1});
        KeyPair pair = Keys.generateEcP256();
        KeyCredential expiring = new KeyCredential(pair.getPrivate(), issuing.chainOf(issuing.issueExchangeSigningCertificate(
                "Synergie Exchange Log Signer", pair.getPublic(), Duration.ofDays(3))));
        Pkcs12.write(home.resolve("keys/exchange-log-signer.p12"), "exchange-log-signer", expiring, PASSWORD);
        ExchangeKeys.loadOrCreate(home, List.of("EU-WEST"), PASSWORD);
        ExchangeKeys renewed = ExchangeKeys.loadOrCreate(home, List.of("EU-WEST"), PASSWORD);

        assertThat(renewed.logSignerCertificates()).contains(earlier.certificate(), expiring.certificate(),
                renewed.logSigner().certificate());
        assertThat(signatures.open(signedBefore).content()).containsExactly(1);
        assertThat(signatures.open(ExchangeSigner.of(renewed.logSigner(), Clock.systemUTC()).sign(new byte[]{2})).content())
                .as("renewed on another instance: found in the folder").containsExactly(2);
        KeyPair otherPair = Keys.generateEcP256();
        KeyCredential other = new KeyCredential(otherPair.getPrivate(), issuing.chainOf(issuing.issueExchangeSigningCertificate(
                "Synergie Exchange Log Signer", otherPair.getPublic(), Duration.ofDays(30))));
        assertThatThrownBy(() -> signatures.open(ExchangeSigner.of(other, Clock.systemUTC()).sign(new byte[]{3})))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.reason()).isEqualTo(StampException.Reason.UNTRUSTED_SIGNER));
    }
}
