package eu.synergie.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {

    private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

    private final CertificateAuthority ca = CertificateAuthority.createRoot("Synergie Test Root", Duration.ofDays(30));

    @Test
    void createRootWhenCreatedThenSelfSignedCaWithCriticalConstraints() throws Exception {
        X509Certificate root = ca.certificate();

        root.verify(root.getPublicKey());
        assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=Synergie Test Root,O=Synergie");
        assertThat(root.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(root.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false);
        assertThat(root.getCriticalExtensionOIDs())
                .contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
        assertThat(root.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
        assertThat(root.getSigAlgOID()).isEqualTo(ECDSA_WITH_SHA256);
        assertThat(ca.credential().chain()).containsExactly(root);
    }

    @Test
    void issueTlsCertificateWhenIssuedThenServerAndClientProfileWithItsNames() throws Exception {
        KeyPair keys = Keys.generateEcP256();

        X509Certificate tls = ca.issueTlsCertificate("synergie-1", keys.getPublic(), List.of("localhost"),
                List.of("127.0.0.1", "::1"), Duration.ofDays(30));

        tls.verify(ca.certificate().getPublicKey());
        assertThat(tls.getSubjectX500Principal().getName()).isEqualTo("CN=synergie-1,OU=Service,O=Synergie");
        assertThat(tls.getBasicConstraints()).isEqualTo(-1);
        assertThat(tls.getKeyUsage()).startsWith(true, false, false, false, false, false);
        assertThat(tls.getExtendedKeyUsage()).containsExactly(SERVER_AUTH, CLIENT_AUTH);
        assertThat(tls.getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                .containsExactly("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(tls.getNonCriticalExtensionOIDs()).contains(Extension.subjectAlternativeName.getId());
    }

    @Test
    void issueTlsCertificateWhenKeyNotEcOrNoNameOrBadAddressThenIllegalArgument() {
        KeyPair ec = Keys.generateEcP256();

        assertThatIllegalArgumentException().isThrownBy(() -> ca.issueTlsCertificate("n", Keys.generateEd25519().getPublic(),
                List.of("localhost"), List.of(), Duration.ofDays(1))).withMessageContaining("not an EC key");
        assertThatIllegalArgumentException().isThrownBy(() -> ca.issueTlsCertificate("n", ec.getPublic(), List.of(),
                List.of(), Duration.ofDays(1))).withMessageContaining("at least one DNS name or IP address");
        assertThatIllegalArgumentException().isThrownBy(() -> ca.issueTlsCertificate("n", ec.getPublic(), List.of(),
                List.of("localhost"), Duration.ofDays(1))).withMessage("not an IP address literal: localhost");
    }

    @Test
    void issueExchangeSigningCertificateWhenIssuedThenSignatureOnlyAndToldApartFromAgencies() throws Exception {
        KeyPair keys = Keys.generateEcP256();

        X509Certificate signer = ca.issueExchangeSigningCertificate("Synergie Log Signer", keys.getPublic(), Duration.ofDays(30));
        X509Certificate agency = ca.issueAgencyCertificate("FR-DGPN", keys.getPublic(), Duration.ofDays(30));

        signer.verify(ca.certificate().getPublicKey());
        assertThat(signer.getSubjectX500Principal().getName()).isEqualTo("CN=Synergie Log Signer,OU=Exchange,O=Synergie");
        assertThat(signer.getKeyUsage()).startsWith(true, false, false, false, false, false);
        assertThat(signer.getBasicConstraints()).isEqualTo(-1);
        assertThat(CertificateAuthority.exchangeSignerOf(signer)).isEqualTo("Synergie Log Signer");
        assertThatIllegalArgumentException().isThrownBy(() -> CertificateAuthority.exchangeSignerOf(agency));
        assertThatIllegalArgumentException().isThrownBy(() -> CertificateAuthority.agencyCodeOf(signer));
    }

    @Test
    void issueAgencyCertificateWhenIssuedThenSigningProfile() throws Exception {
        KeyPair keys = Keys.generateEcP256();

        X509Certificate agency = ca.issueAgencyCertificate("FR-DGPN", keys.getPublic(), Duration.ofDays(365));

        agency.verify(ca.certificate().getPublicKey());
        assertThat(agency.getSubjectX500Principal().getName()).isEqualTo("CN=FR-DGPN,OU=Agency,O=Synergie");
        assertThat(agency.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(agency.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(agency.getKeyUsage()).startsWith(true, true, false, false, false, false);
        assertThat(agency.getExtendedKeyUsage()).containsExactly(EMAIL_PROTECTION);
        assertThat(agency.getBasicConstraints()).isEqualTo(-1);
        assertThat(agency.getCriticalExtensionOIDs()).contains(Extension.keyUsage.getId());
        assertThat(agency.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
        assertThat(agency.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNotNull();
        assertThat(agency.getSerialNumber().signum()).isPositive();
        assertThat(agency.getSerialNumber().bitLength()).isEqualTo(128);
        assertThat(agency.getNotBefore().toInstant())
                .isCloseTo(Instant.now().minus(Duration.ofMinutes(5)), within(30));
        assertThat(agency.getNotAfter().toInstant()).isCloseTo(Instant.now().plus(Duration.ofDays(365)), within(30));
        assertThat(agency.getSigAlgOID()).isEqualTo(ECDSA_WITH_SHA256);
    }

    @Test
    void issueRegionRecipientCertificateWhenIssuedThenKeyAgreementOnly() throws Exception {
        X509Certificate region = ca.issueRegionRecipientCertificate("EU-WEST", Keys.generateEcP256().getPublic(),
                Duration.ofDays(365));

        region.verify(ca.certificate().getPublicKey());
        assertThat(region.getSubjectX500Principal().getName()).isEqualTo("CN=EU-WEST,OU=Region,O=Synergie");
        assertThat(region.getKeyUsage()).containsExactly(false, false, false, false, true, false, false, false, false);
        assertThat(region.getExtendedKeyUsage()).containsExactly(EMAIL_PROTECTION);
        assertThat(region.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNotNull();
    }

    @Test
    void issueAgencyCertificateWhenIssuedThenAuthorityKeyIdIsCaKeyIdOnly() throws Exception {
        X509Certificate agency = ca.issueAgencyCertificate("FR-DGPN", Keys.generateEcP256().getPublic(),
                Duration.ofDays(1));

        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                agency.getExtensionValue(Extension.authorityKeyIdentifier.getId())));
        SubjectKeyIdentifier caSki = SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                ca.certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId())));

        assertThat(aki.getKeyIdentifierObject().getOctets()).isEqualTo(caSki.getKeyIdentifier());
        assertThat(aki.getAuthorityCertIssuer()).isNull();
        assertThat(aki.getAuthorityCertSerialNumber()).isNull();
    }

    @Test
    void issueWhenSerialsComparedThenDistinct() {
        KeyPair keys = Keys.generateEcP256();

        X509Certificate first = ca.issueAgencyCertificate("FR-DGPN", keys.getPublic(), Duration.ofDays(1));
        X509Certificate second = ca.issueAgencyCertificate("FR-DGPN", keys.getPublic(), Duration.ofDays(1));

        assertThat(first.getSerialNumber()).isNotEqualTo(second.getSerialNumber());
    }

    @Test
    void agencyCodeOfWhenAgencyCertificateThenCommonName() {
        KeyCredential agency = TestCredentials.agency("DE-BKA").issuedBy(ca).build();

        assertThat(CertificateAuthority.agencyCodeOf(agency.certificate())).isEqualTo("DE-BKA");
    }

    @Test
    void regionOfWhenRegionCertificateThenCommonName() {
        KeyCredential region = TestCredentials.region("EU-NORTH").issuedBy(ca).build();

        assertThat(CertificateAuthority.regionOf(region.certificate())).isEqualTo("EU-NORTH");
    }

    @Test
    void agencyCodeOfWhenRegionCertificateThenIllegalArgument() {
        KeyCredential region = TestCredentials.region("EU-NORTH").issuedBy(ca).build();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CertificateAuthority.agencyCodeOf(region.certificate()))
                .withMessage("certificate subject OU is not Agency");
    }

    @Test
    void regionOfWhenCaCertificateThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CertificateAuthority.regionOf(ca.certificate()))
                .withMessage("certificate subject OU is not Region");
    }

    @Test
    void issueAgencyCertificateWhenCodeHasSeparatorsThenSingleCommonName() {
        X509Certificate agency = ca.issueAgencyCertificate("X, OU=Region", Keys.generateEcP256().getPublic(),
                Duration.ofDays(1));

        assertThat(CertificateAuthority.agencyCodeOf(agency)).isEqualTo("X, OU=Region");
        assertThatIllegalArgumentException().isThrownBy(() -> CertificateAuthority.regionOf(agency));
    }

    @Test
    void ofWhenStoredCaCredentialThenIssuesUnderSameCertificate() throws Exception {
        CertificateAuthority reloaded = CertificateAuthority.of(ca.credential());

        X509Certificate agency = reloaded.issueAgencyCertificate("FR-DGPN", Keys.generateEcP256().getPublic(),
                Duration.ofDays(1));

        agency.verify(ca.certificate().getPublicKey());
        assertThat(reloaded.certificate()).isEqualTo(ca.certificate());
    }

    @Test
    void ofWhenLeafCredentialThenIllegalArgument() {
        KeyCredential agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CertificateAuthority.of(agency))
                .withMessageContaining("basicConstraints");
    }

    @Test
    void issueAgencyCertificateWhenEd25519KeyThenEcdsaSignedCertificateForThatKey() throws Exception {
        KeyPair keys = Keys.generateEd25519();

        X509Certificate agency = ca.issueAgencyCertificate("FR-DGPN", keys.getPublic(), Duration.ofDays(1));

        agency.verify(ca.certificate().getPublicKey());
        assertThat(agency.getSigAlgOID()).isEqualTo(ECDSA_WITH_SHA256);
        assertThat(agency.getPublicKey().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(agency.getKeyUsage()).startsWith(true, true, false, false, false, false);
        assertThat(CertificateAuthority.agencyCodeOf(agency)).isEqualTo("FR-DGPN");
    }

    @Test
    void issueRegionRecipientCertificateWhenEd25519KeyThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ca.issueRegionRecipientCertificate("EU-WEST", Keys.generateEd25519().getPublic(),
                        Duration.ofDays(1)))
                .withMessage("region key is not an EC key: recipients use ECDH key agreement");
    }

    @Test
    void issueCrlWhenIssuedThenSignedV2CrlWithNumberAuthorityKeyIdAndEntries() throws Exception {
        Instant thisUpdate = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        BigInteger compromised = new BigInteger("1234567890abcdef", 16);
        BigInteger superseded = BigInteger.valueOf(42);

        X509CRL crl = ca.issueCrl(List.of(
                        new RevokedCertificate(compromised, thisUpdate.minus(Duration.ofHours(2)), 1),
                        new RevokedCertificate(superseded, thisUpdate.minus(Duration.ofHours(1)), 4)),
                thisUpdate, thisUpdate.plus(Duration.ofDays(7)), BigInteger.valueOf(17));

        crl.verify(ca.certificate().getPublicKey());
        assertThat(crl.getVersion()).isEqualTo(2);
        assertThat(crl.getSigAlgOID()).isEqualTo(ECDSA_WITH_SHA256);
        assertThat(crl.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(crl.getThisUpdate().toInstant()).isEqualTo(thisUpdate);
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(thisUpdate.plus(Duration.ofDays(7)));
        assertThat(ASN1Integer.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                crl.getExtensionValue(Extension.cRLNumber.getId()))).getValue()).isEqualTo(17);
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                crl.getExtensionValue(Extension.authorityKeyIdentifier.getId())));
        SubjectKeyIdentifier caSki = SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                ca.certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId())));
        assertThat(aki.getKeyIdentifierObject().getOctets()).isEqualTo(caSki.getKeyIdentifier());
        X509CRLEntry entry = crl.getRevokedCertificate(compromised);
        assertThat(entry.getRevocationDate().toInstant()).isEqualTo(thisUpdate.minus(Duration.ofHours(2)));
        assertThat(reasonCode(entry)).isEqualTo(1);
        assertThat(reasonCode(crl.getRevokedCertificate(superseded))).isEqualTo(4);
    }

    @Test
    void issueCrlWhenReasonUnspecifiedThenEntryHasNoReasonCode() {
        Instant now = Instant.now();

        X509CRL crl = ca.issueCrl(List.of(new RevokedCertificate(BigInteger.TEN, now, 0)), now,
                now.plus(Duration.ofDays(1)), BigInteger.ONE);

        assertThat(crl.getRevokedCertificate(BigInteger.TEN).getExtensionValue(Extension.reasonCode.getId())).isNull();
    }

    @Test
    void issueCrlWhenNothingRevokedThenEmptySignedCrl() throws Exception {
        Instant now = Instant.now();

        X509CRL crl = ca.issueCrl(List.of(), now, now.plus(Duration.ofDays(1)), BigInteger.ZERO);

        crl.verify(ca.certificate().getPublicKey());
        assertThat(crl.getRevokedCertificates()).isNull();
    }

    @Test
    void issueCrlWhenNextUpdateNotAfterThisUpdateThenIllegalArgument() {
        Instant now = Instant.now();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ca.issueCrl(List.of(), now, now, BigInteger.ONE))
                .withMessage("nextUpdate must be after thisUpdate");
    }

    @Test
    void issueCrlWhenCrlNumberNegativeThenIllegalArgument() {
        Instant now = Instant.now();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ca.issueCrl(List.of(), now, now.plusSeconds(60), BigInteger.valueOf(-1)));
    }

    @Test
    void issueWhenValidityNotPositiveThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                ca.issueAgencyCertificate("FR-DGPN", Keys.generateEcP256().getPublic(), Duration.ZERO));
    }

    private static int reasonCode(X509CRLEntry entry) throws Exception {
        return ASN1Enumerated.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                entry.getExtensionValue(Extension.reasonCode.getId()))).intValueExact();
    }

    private static org.assertj.core.data.TemporalUnitOffset within(long seconds) {
        return org.assertj.core.api.Assertions.within(seconds, ChronoUnit.SECONDS);
    }
}
