package eu.synergie.crypto.stamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.synergie.crypto.asn1.HiddenNesting;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.AuthenticatedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.junit.jupiter.api.Test;

/**
 * The exchange's stamps on its own log records: what the exchange signed or authenticated opens, and every
 * way of faking it is refused with its reason. Test PKI is made here, like a fresh exchange: root, issuing CA,
 * log signer.
 */
class ExchangeStampsTest {

    private static final byte[] CONTENT = "{\"agency\":\"FR-DGPN\",\"version\":2}".getBytes(StandardCharsets.UTF_8);
    private static final CertificateAuthority ROOT = CertificateAuthority.createRoot("Test Root", Duration.ofDays(30));
    private static final CertificateAuthority ISSUING = ROOT.issueSubordinate("Test Issuing", Duration.ofDays(20));
    private static final KeyCredential LOG_SIGNER = exchangeSigner(ISSUING, "Test Log Signer");
    private static final Clock NOW = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);

    /** The exchange's own log signers, as its key folder lists them: a test may add one, as a renewal on another instance would. */
    private final List<X509Certificate> pinned = new CopyOnWriteArrayList<>(List.of(LOG_SIGNER.certificate()));
    private final ExchangeSignatures signatures = new ExchangeSignatures(ROOT.certificate(), () -> pinned);

    private static KeyCredential exchangeSigner(CertificateAuthority ca, String name) {
        KeyPair pair = Keys.generateEcP256();
        return new KeyCredential(pair.getPrivate(), ca.chainOf(ca.issueExchangeSigningCertificate(name, pair.getPublic(),
                Duration.ofDays(10))));
    }

    @Test
    void openWhenSignedByTheExchangeThenContentAndSigningTime() {
        byte[] signed = ExchangeSigner.of(LOG_SIGNER, NOW).sign(CONTENT);

        ExchangeSignatures.Signed opened = signatures.open(signed);

        assertThat(opened.content()).isEqualTo(CONTENT);
        assertThat(opened.signedAt()).isEqualTo(NOW.instant());
        assertThat(signatures.open(signed).content()).as("a second time, from the remembered path").isEqualTo(CONTENT);
    }

    @Test
    void openWhenContentAlteredThenForged() {
        byte[] signed = ExchangeSigner.of(LOG_SIGNER, NOW).sign(CONTENT);
        int at = indexOf(signed, "FR-DGPN".getBytes(StandardCharsets.US_ASCII));
        signed[at] = 'B';

        assertRefused(() -> signatures.open(signed), StampException.Reason.FORGED);
    }

    @Test
    void openWhenNotCmsThenUnstamped() {
        assertRefused(() -> signatures.open(CONTENT), StampException.Reason.UNSTAMPED);
        assertRefused(() -> signatures.open(new byte[0]), StampException.Reason.UNSTAMPED);
        assertRefused(() -> signatures.open(null), StampException.Reason.UNSTAMPED);
        assertRefused(() -> signatures.open(new ExchangeMac(aesKey(), NOW).seal(CONTENT)), StampException.Reason.UNSTAMPED);
    }

    @Test
    void openWhenSignedByAnAgencyKeyUnderTheSameRootThenUntrustedSigner() throws Exception {
        KeyPair pair = Keys.generateEcP256();
        KeyCredential agency = new KeyCredential(pair.getPrivate(),
                ISSUING.chainOf(ISSUING.issueAgencyCertificate("FR-DGPN", pair.getPublic(), Duration.ofDays(1))));
        assertThatThrownBy(() -> ExchangeSigner.of(agency, NOW)).isInstanceOf(IllegalArgumentException.class);

        assertRefused(() -> signatures.open(Forgeries.signedData(agency, CONTENT)), StampException.Reason.UNTRUSTED_SIGNER);
    }

    @Test
    void openWhenSignedByAnExchangeSignerOfAnotherRootThenUntrustedSigner() {
        CertificateAuthority otherRoot = CertificateAuthority.createRoot("Other Root", Duration.ofDays(30));
        KeyCredential impostor = exchangeSigner(otherRoot.issueSubordinate("Other Issuing", Duration.ofDays(20)), "Test Log Signer");

        assertRefused(() -> signatures.open(ExchangeSigner.of(impostor, NOW).sign(CONTENT)), StampException.Reason.UNTRUSTED_SIGNER);
    }

    @Test
    void openWhenSignedByAnotherExchangeSignerOfTheSameRootThatIsNotPinnedThenUntrustedSigner() {
        KeyCredential other = exchangeSigner(ISSUING, "Test Log Signer");
        byte[] signed = ExchangeSigner.of(other, NOW).sign(CONTENT);

        assertRefused(() -> signatures.open(signed), StampException.Reason.UNTRUSTED_SIGNER);
        assertRefused(() -> signatures.verifyDetached(CONTENT, ExchangeSigner.of(other, NOW).signDetached(CONTENT)),
                StampException.Reason.UNTRUSTED_SIGNER);
    }

    @Test
    void openWhenSignedByASignerPinnedSinceTheStartThenTheListIsAskedAgainAndTheRecordOpens() {
        KeyCredential renewed = exchangeSigner(ISSUING, "Test Log Signer");
        byte[] signed = ExchangeSigner.of(renewed, NOW).sign(CONTENT);
        assertThat(signatures.open(ExchangeSigner.of(LOG_SIGNER, NOW).sign(CONTENT)).content()).isEqualTo(CONTENT);

        pinned.add(renewed.certificate());

        assertThat(signatures.open(signed).content()).as("renewed on another instance, listed in the folder since").isEqualTo(CONTENT);
        assertThat(signatures.open(ExchangeSigner.of(LOG_SIGNER, NOW).sign(CONTENT)).content()).as("the earlier one still")
                .isEqualTo(CONTENT);
    }

    @Test
    void openWhenSignedOutsideTheSignersValidityThenUntrustedSigner() {
        Clock beforeIssue = Clock.offset(NOW, Duration.ofDays(-1));

        assertRefused(() -> signatures.open(ExchangeSigner.of(LOG_SIGNER, beforeIssue).sign(CONTENT)),
                StampException.Reason.UNTRUSTED_SIGNER);
    }

    @Test
    void openWhenSignerCertificateHidesDeepNestingInOctetStringSegmentsThenUnstampedNotStackOverflow() {
        byte[] forged = HiddenNesting.inBasicConstraints(ExchangeSigner.of(LOG_SIGNER, NOW).sign(CONTENT));
        byte[] detached = HiddenNesting.inBasicConstraints(ExchangeSigner.of(LOG_SIGNER, NOW).signDetached(CONTENT));

        assertRefused(() -> signatures.open(forged), StampException.Reason.UNSTAMPED);
        assertRefused(() -> signatures.verifyDetached(CONTENT, detached), StampException.Reason.UNSTAMPED);
    }

    @Test
    void openWhenSignerCertificateHidesDeepNestingBehindAnOverrunningLengthThenUnstampedNotStackOverflow() {
        byte[] forged = HiddenNesting.behindOverrunInBasicConstraints(ExchangeSigner.of(LOG_SIGNER, NOW).sign(CONTENT));

        assertRefused(() -> signatures.open(forged), StampException.Reason.UNSTAMPED);
    }

    @Test
    void openWhenCertificateSetHoldsATwoElementSequenceThenForged() throws Exception {
        byte[] forged = Forgeries.withJunkCertificate(ExchangeSigner.of(LOG_SIGNER, NOW).sign(CONTENT));
        byte[] detached = Forgeries.withJunkCertificate(ExchangeSigner.of(LOG_SIGNER, NOW).signDetached(CONTENT));

        assertRefused(() -> signatures.open(forged), StampException.Reason.FORGED);
        assertRefused(() -> signatures.verifyDetached(CONTENT, detached), StampException.Reason.FORGED);
    }

    @Test
    void macOpenWhenAuthenticatedAttributesAreNotAttributesThenForged() throws Exception {
        ExchangeMac mac = new ExchangeMac(aesKey(), NOW);
        AuthenticatedData genuine = AuthenticatedData.getInstance(ContentInfo.getInstance(mac.seal(CONTENT)).getContent());
        byte[] forged = new ContentInfo(CMSObjectIdentifiers.authenticatedData, new AuthenticatedData(
                genuine.getOriginatorInfo(), genuine.getRecipientInfos(), genuine.getMacAlgorithm(),
                genuine.getDigestAlgorithm(), genuine.getEncapsulatedContentInfo(), new DERSet(new ASN1Integer(5)),
                genuine.getMac(), genuine.getUnauthAttrs())).getEncoded(ASN1Encoding.DER);

        assertRefused(() -> mac.open(forged), StampException.Reason.FORGED);
    }

    @Test
    void verifyDetachedWhenContentMatchesThenSigningTimeElseForged() {
        byte[] signature = ExchangeSigner.of(LOG_SIGNER, NOW).signDetached(CONTENT);
        byte[] other = Arrays.copyOf(CONTENT, CONTENT.length);
        other[3] = 'X';

        assertThat(signatures.verifyDetached(CONTENT, signature)).isEqualTo(NOW.instant());
        assertRefused(() -> signatures.verifyDetached(other, signature), StampException.Reason.FORGED);
        assertRefused(() -> signatures.verifyDetached(CONTENT, CONTENT), StampException.Reason.UNSTAMPED);
    }

    @Test
    void macOpenWhenSealedWithTheSameKeyThenContentAndTime() {
        SecretKey key = aesKey();
        byte[] sealed = new ExchangeMac(key, NOW).seal(CONTENT);

        ExchangeMac.Authenticated opened = new ExchangeMac(key, Clock.systemUTC()).open(sealed);

        assertThat(opened.content()).isEqualTo(CONTENT);
        assertThat(opened.at()).isEqualTo(NOW.instant());
    }

    @Test
    void macOpenWhenAnotherKeyOrAlteredContentOrNotCmsThenRefused() {
        SecretKey key = aesKey();
        ExchangeMac mac = new ExchangeMac(key, NOW);
        byte[] sealed = mac.seal(CONTENT);
        byte[] altered = sealed.clone();
        altered[indexOf(altered, "FR-DGPN".getBytes(StandardCharsets.US_ASCII))] = 'B';

        assertRefused(() -> mac.open(new ExchangeMac(aesKey(), NOW).seal(CONTENT)), StampException.Reason.FORGED);
        assertRefused(() -> mac.open(altered), StampException.Reason.FORGED);
        assertRefused(() -> mac.open(CONTENT), StampException.Reason.UNSTAMPED);
        assertRefused(() -> mac.open(ExchangeSigner.of(LOG_SIGNER, NOW).sign(CONTENT)), StampException.Reason.UNSTAMPED);
    }

    @Test
    void macWhenKeyIsNotAes256ThenRefusedAtConstruction() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(128);
        SecretKey shortKey = generator.generateKey();

        assertThatThrownBy(() -> new ExchangeMac(shortKey, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    private static SecretKey aesKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }


    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, StampException.Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StampException.class, e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            assertThat(e.getMessage()).doesNotContain("FR-DGPN");
        });
    }

    /** Where {@code needle} first stands in {@code haystack} (bytes read one to one as Latin-1 characters). */
    private static int indexOf(byte[] haystack, byte[] needle) {
        int at = new String(haystack, StandardCharsets.ISO_8859_1).indexOf(new String(needle, StandardCharsets.ISO_8859_1));
        assertThat(at).as("needle found").isNotNegative();
        return at;
    }
}
