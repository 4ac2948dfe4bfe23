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
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKEMAuthEnvelopedRecipient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What OpenSSL 3.0, which knows neither ML-KEM nor ML-DSA, makes of a hybrid envelope: once the ML-KEM layer is
 * removed (here with Bouncy Castle, RFC 9629), the rest is a classical envelope that {@code openssl cms -decrypt}
 * opens with the region's ECDH key; {@code openssl cms -verify} of the two-signer SignedData inside fails as a whole,
 * since OpenSSL 3.0 cannot decode the ML-DSA certificates' keys (measured below; OpenSSL 3.5 added ML-DSA). The
 * classical profile's interop is {@link OpensslInteropIT}'s, unchanged.
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
    void opensslWhenVerifyingHybridSignedDataThenRefusesTheMlDsaSigner() throws Exception {
        Files.write(directory.resolve("signed.der"),
                EnvelopeSealer.sign(NOTICE, List.of(agency, agencyPq), TestSecurityLabels.restricted()));
        Files.writeString(directory.resolve("ca.pem"), Openssl.pem("CERTIFICATE", ca.certificate().getEncoded())
                + Openssl.pem("CERTIFICATE", pqCa.certificate().getEncoded()));

        Openssl.Result verify = Openssl.run(directory, "cms", "-verify", "-inform", "DER", "-in", "signed.der",
                "-CAfile", "ca.pem", "-out", "content.bin");

        // Measured with OpenSSL 3.0.19: exit 4, "CMS Verification failure" after "X509_PUBKEY_get0:decode error" on
        // each ML-DSA certificate; it verifies no signer of the SignedData, the ECDSA one included.
        assertThat(verify.exitCode()).as("openssl cms -verify: %s", verify.output()).isEqualTo(4);
        assertThat(verify.output()).contains("CMS Verification failure", "X509_PUBKEY_get0:decode error");
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
