package eu.synergie.crypto.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import eu.synergie.crypto.pki.BouncyCastle;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Openssl;
import eu.synergie.crypto.pki.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKEMAuthEnvelopedRecipient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What OpenSSL 3.0, which knows neither ML-KEM nor ML-DSA, makes of a hybrid envelope: once the ML-KEM layer is
 * removed (here with Bouncy Castle, RFC 9629), the rest is a classical envelope that {@code openssl cms -decrypt}
 * opens with the region's ECDH key; {@code openssl cms -verify} of the SignedData inside verifies its ECDSA signer,
 * the ML-DSA countersignature (an unsigned attribute) and the ML-DSA certificates notwithstanding: OpenSSL 3.0 cannot
 * decode those certificates' keys, but no ML-DSA key has to verify a SignerInfo of its own (measured below; OpenSSL
 * 3.5 added ML-DSA). The classical profile's interop is {@link OpensslInteropIT}'s, unchanged.
 */
class OpensslHybridIT {

    private static final byte[] NOTICE = "{\"id\":\"N-1\",\"tlp\":\"AMBER\"}\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    private final CertificateAuthority ca = TestCredentials.ca("Synergie Test Root");
    private final CertificateAuthority pqCa = TestCredentials.mlDsaCa("Synergie Test ML-DSA Root");
    private final KeyCredential agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();
    private final KeyCredential agencyPq = TestCredentials.agency("FR-DGPN").issuedBy(pqCa)
            .keyPair(Keys.generateMlDsa65()).build();
    private final KeyCredential region = TestCredentials.region("EU-WEST").issuedBy(ca).build();
    private final KeyCredential regionKem = TestCredentials.regionKem("EU-WEST").issuedBy(pqCa).build();

    @Test
    void opensslWhenMlKemLayerRemovedThenDecryptsTheClassicalEnvelopeInside() throws Exception {
        byte[] envelope = HybridEnvelopeSealer.seal(NOTICE, agency, agencyPq,
                List.of(new HybridRecipient(region.certificate(), regionKem.certificate())), TestSecurityLabels.restricted());
        writeClassicalLayer(envelope);

        Openssl.Result decrypt = Openssl.run(directory, "cms", "-decrypt", "-inform", "DER", "-in", "classical.der",
                "-inkey", "region-key.pem", "-recip", "region.pem", "-out", "signed.der");

        assertThat(decrypt.exitCode()).as("openssl cms -decrypt: %s", decrypt.output()).isZero();
        OpenedEnvelope opened = new HybridEnvelopeOpener(ca.certificate(), pqCa.certificate(),
                EnvelopeOpener.DEFAULT_MAX_ENVELOPE_BYTES, EnvelopeOpener.Originator.MAY_BE_ABSENT)
                .open(envelope, List.of(region, regionKem));
        assertThat(Files.readAllBytes(directory.resolve("signed.der"))).isEqualTo(opened.signedData());
    }

    @Test
    void opensslWhenVerifyingHybridSignedDataThenVerifiesTheEcdsaSigner() throws Exception {
        byte[] envelope = HybridEnvelopeSealer.seal(NOTICE, agency, agencyPq,
                List.of(new HybridRecipient(region.certificate(), regionKem.certificate())), TestSecurityLabels.restricted());
        // Both layers removed by our opener, which also checks both signatures: what OpenSSL gets is the SignedData
        // as sealed, ML-DSA countersignature and ML-DSA certificates included.
        byte[] signedData = new HybridEnvelopeOpener(ca.certificate(), pqCa.certificate(),
                EnvelopeOpener.DEFAULT_MAX_ENVELOPE_BYTES, EnvelopeOpener.Originator.MAY_BE_ABSENT)
                .open(envelope, List.of(region, regionKem)).signedData();
        CMSSignedData parsed = new CMSSignedData(signedData);
        assertThat(parsed.getCertificates().getMatches(null)).extracting(X509CertificateHolder::getEncoded)
                .contains(agencyPq.certificate().getEncoded());
        assertThat(parsed.getSignerInfos().getSigners().iterator().next().getCounterSignatures().size()).isEqualTo(1);
        Files.write(directory.resolve("signed.der"), signedData);
        Files.writeString(directory.resolve("ca.pem"), Openssl.pem("CERTIFICATE", ca.certificate().getEncoded()));

        Openssl.Result version = Openssl.run(directory, "version");
        Openssl.Result verify = Openssl.run(directory, "cms", "-verify", "-inform", "DER", "-in", "signed.der",
                "-CAfile", "ca.pem", "-out", "content.bin");

        // Measured with OpenSSL 3.0.19: exit 0. It verifies the ECDSA SignerInfo and leaves the countersignature, an
        // unsigned attribute, alone; the ML-DSA certificates beside the EC chain, which it cannot decode, are never
        // needed to verify a signer (it failed only on the first slice's second SignerInfo, an ML-DSA one).
        System.out.println("OpensslHybridIT: " + version.output().strip());
        assertThat(version.output()).startsWith("OpenSSL 3.");
        assertThat(verify.exitCode()).as("openssl cms -verify with %s: %s", version.output().strip(), verify.output())
                .isZero();
        assertThat(verify.output()).contains("Verification successful");
        assertThat(Files.readAllBytes(directory.resolve("content.bin"))).isEqualTo(NOTICE);
    }

    // The ML-KEM layer removed as any RFC 9629 implementation would: what is left is the classical envelope's DER.
    private void writeClassicalLayer(byte[] envelope) throws Exception {
        RecipientInformation recipient = new CMSAuthEnvelopedData(envelope).getRecipientInfos().getRecipients()
                .iterator().next();
        Files.write(directory.resolve("classical.der"), recipient.getContent(
                new JceKEMAuthEnvelopedRecipient(regionKem.privateKey()).setProvider(BouncyCastle.PROVIDER)));
        Files.writeString(directory.resolve("region.pem"), Openssl.pem("CERTIFICATE", region.certificate().getEncoded()));
        Files.writeString(directory.resolve("region-key.pem"), Openssl.pem("PRIVATE KEY", region.privateKey().getEncoded()));
    }
}
