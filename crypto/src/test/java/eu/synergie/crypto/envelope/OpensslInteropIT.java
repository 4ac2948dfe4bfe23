package eu.synergie.crypto.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.envelope.EnvelopeException.Reason;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Openssl;
import eu.synergie.crypto.pki.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What DESIGN promises: anyone with OpenSSL 3 can decrypt and verify a notice envelope. */
class OpensslInteropIT {

    private static final byte[] NOTICE = "{\"id\":\"N-1\",\"tlp\":\"AMBER\"}\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    private final CertificateAuthority ca = TestCredentials.ca("Synergie Test Root");
    private final KeyCredential agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();
    private final KeyCredential region = TestCredentials.region("EU-WEST").issuedBy(ca).build();

    @Test
    void opensslWhenDecryptingAndVerifyingSealedEnvelopeThenOriginalContent() throws Exception {
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate(), agency.certificate()));

        assertOpensslDecryptsAndVerifies(envelope);
    }

    /**
     * OpenSSL 3.0 decrypts an Ed25519-signed envelope, but its {@code cms -verify} cannot check any
     * Ed25519 CMS signature ("eddsa_digest_signverify_init: invalid digest"; pure EdDSA reached CMS
     * only in OpenSSL 4.0, openssl/openssl#11915, #32248). So each part is checked with OpenSSL
     * separately: the Ed25519 signature over the DER signed attributes ({@code pkeyutl -rawin}), the
     * messageDigest attribute against SHA-512 of the content ({@code dgst -sha512}), and the chain
     * ({@code verify}).
     */
    @Test
    void opensslWhenEd25519SignedEnvelopeThenDecryptsAndVerifiesSignatureDigestAndChain() throws Exception {
        KeyCredential ed25519Agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).keyPair(Keys.generateEd25519()).build();
        writeRegionAndCa(EnvelopeSealer.seal(NOTICE, ed25519Agency, List.of(region.certificate())));
        assertSuccess(Openssl.run(directory, "cms", "-decrypt", "-inform", "DER", "-in", "envelope.der",
                "-inkey", "region-key.pem", "-recip", "region.pem", "-out", "signed.der"));
        SignerInformation signer = new CMSSignedData(Files.readAllBytes(directory.resolve("signed.der")))
                .getSignerInfos().iterator().next();
        Files.write(directory.resolve("signed-attributes.der"), signer.getEncodedSignedAttributes());
        Files.write(directory.resolve("signature.bin"), signer.getSignature());
        Files.write(directory.resolve("notice.json"), NOTICE);
        Files.writeString(directory.resolve("agency.pem"),
                Openssl.pem("CERTIFICATE", ed25519Agency.certificate().getEncoded()));
        Files.writeString(directory.resolve("agency-public.pem"),
                Openssl.pem("PUBLIC KEY", ed25519Agency.certificate().getPublicKey().getEncoded()));

        Openssl.Result signature = Openssl.run(directory, "pkeyutl", "-verify", "-pubin", "-inkey", "agency-public.pem",
                "-rawin", "-in", "signed-attributes.der", "-sigfile", "signature.bin");
        Openssl.Result digest = Openssl.run(directory, "dgst", "-sha512", "-hex", "-r", "notice.json");
        Openssl.Result chain = Openssl.run(directory, "verify", "-CAfile", "ca.pem", "agency.pem");

        assertSuccess(signature);
        assertThat(signature.output()).contains("Signature Verified Successfully");
        assertSuccess(digest);
        byte[] messageDigest = ASN1OctetString.getInstance(signer.getSignedAttributes().get(CMSAttributes.messageDigest)
                .getAttrValues().getObjectAt(0)).getOctets();
        assertThat(digest.output()).startsWith(HexFormat.of().formatHex(messageDigest));
        assertThat(signer.getDigestAlgOID()).isEqualTo("2.16.840.1.101.3.4.2.3");
        assertSuccess(chain);
    }

    @Test
    void opensslWhenLabelledEnvelopeThenDecryptsAndVerifies() throws Exception {
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate()), TestSecurityLabels.restricted());

        assertOpensslDecryptsAndVerifies(envelope);
        Openssl.Result print = Openssl.run(directory, "cms", "-cmsout", "-print", "-inform", "DER", "-in", "signed.der");
        assertThat(print.output()).contains("id-smime-aa-securityLabel");
    }

    /**
     * An envelope made the OpenSSL 3 way, the commands an agency without our tools runs:
     *
     * <pre>
     * openssl cms -sign -binary -nodetach -md sha256 -signer agency.pem -inkey agency-key.pem \
     *     -in notice.json -outform DER -out signed.der
     * openssl cms -encrypt -binary -aes-256-gcm -recip region.pem -keyopt ecdh_kdf_md:sha256 \
     *     -in signed.der -outform DER -out envelope.der
     * </pre>
     *
     * The DER SignedData is the content that gets encrypted; {@code -binary} keeps both steps from
     * MIME-canonicalising the bytes; {@code -keyopt ecdh_kdf_md:sha256} (after its {@code -recip})
     * replaces OpenSSL's default SHA-1 KDF.
     */
    @Test
    void openWhenOpensslSignedAndEncryptedWithSha256KdfThenContentAndSigner() throws Exception {
        byte[] envelope = opensslEnvelope("-keyopt", "ecdh_kdf_md:sha256");

        OpenedEnvelope opened = new EnvelopeOpener(ca.certificate()).open(envelope, List.of(region));

        assertThat(opened.content()).isEqualTo(NOTICE);
        assertThat(opened.signer()).isEqualTo(agency.certificate());
        assertThat(opened.recipient()).isEqualTo(region.certificate());
        assertThat(opened.label()).isEmpty();
    }

    /** As above without {@code -keyopt}: OpenSSL then derives the key-encryption key with SHA-1. */
    @Test
    void openWhenOpensslDefaultSha1KdfThenUnsupportedAlgorithm() throws Exception {
        byte[] envelope = opensslEnvelope();

        assertThatExceptionOfType(EnvelopeException.class)
                .isThrownBy(() -> new EnvelopeOpener(ca.certificate()).open(envelope, List.of(region)))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_ALGORITHM))
                .withMessageContaining("SHA-1 KDF");
    }

    private byte[] opensslEnvelope(String... keyOptions) throws Exception {
        Files.write(directory.resolve("notice.json"), NOTICE);
        Files.writeString(directory.resolve("agency.pem"), Openssl.pem("CERTIFICATE", agency.certificate().getEncoded()));
        Files.writeString(directory.resolve("agency-key.pem"), Openssl.pem("PRIVATE KEY", agency.privateKey().getEncoded()));
        Files.writeString(directory.resolve("region.pem"), Openssl.pem("CERTIFICATE", region.certificate().getEncoded()));

        Openssl.Result sign = Openssl.run(directory, "cms", "-sign", "-binary", "-nodetach", "-md", "sha256",
                "-signer", "agency.pem", "-inkey", "agency-key.pem", "-in", "notice.json",
                "-outform", "DER", "-out", "signed.der");
        assertThat(sign.exitCode()).as("openssl cms -sign: %s", sign.output()).isZero();
        List<String> encrypt = new ArrayList<>(List.of("cms", "-encrypt", "-binary", "-aes-256-gcm",
                "-recip", "region.pem"));
        encrypt.addAll(List.of(keyOptions));
        encrypt.addAll(List.of("-in", "signed.der", "-outform", "DER", "-out", "envelope.der"));
        Openssl.Result encrypted = Openssl.run(directory, encrypt.toArray(String[]::new));
        assertThat(encrypted.exitCode()).as("openssl cms -encrypt: %s", encrypted.output()).isZero();
        return Files.readAllBytes(directory.resolve("envelope.der"));
    }

    private void assertOpensslDecryptsAndVerifies(byte[] envelope) throws Exception {
        writeRegionAndCa(envelope);

        Openssl.Result decrypt = Openssl.run(directory, "cms", "-decrypt", "-inform", "DER", "-in", "envelope.der",
                "-inkey", "region-key.pem", "-recip", "region.pem", "-out", "signed.der");
        assertThat(decrypt.exitCode()).as("openssl cms -decrypt: %s", decrypt.output()).isZero();

        Openssl.Result verify = Openssl.run(directory, "cms", "-verify", "-inform", "DER", "-in", "signed.der",
                "-CAfile", "ca.pem", "-out", "content.bin");
        assertThat(verify.exitCode()).as("openssl cms -verify: %s", verify.output()).isZero();
        assertThat(verify.output()).contains("Verification successful");
        assertThat(Files.readAllBytes(directory.resolve("content.bin"))).isEqualTo(NOTICE);
    }

    /**
     * Federation: exchange A opens the agency's envelope and re-wraps its SignedData, bytes unchanged, for peer B's
     * federation certificate (issued by B's own CA). At B, OpenSSL decrypts with B's key and verifies the agency's
     * signature against A's root, which B pinned; so does our opener with A's root as its anchor.
     */
    @Test
    void opensslWhenRewrappedForPeerThenPeerDecryptsAndVerifiesAgainstOriginRoot() throws Exception {
        CertificateAuthority peerCa = TestCredentials.ca("Synergie Peer Root");
        KeyCredential peerFederation = TestCredentials.region("FEDERATION").issuedBy(peerCa).build();
        byte[] envelope = EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate(), agency.certificate()),
                TestSecurityLabels.restricted());
        OpenedEnvelope atOrigin = new EnvelopeOpener(ca.certificate()).open(envelope, List.of(region));

        byte[] rewrapped = EnvelopeSealer.rewrap(atOrigin.signedData(), List.of(peerFederation.certificate()));

        Files.write(directory.resolve("envelope.der"), rewrapped);
        Files.writeString(directory.resolve("origin-ca.pem"), Openssl.pem("CERTIFICATE", ca.certificate().getEncoded()));
        Files.writeString(directory.resolve("peer.pem"), Openssl.pem("CERTIFICATE", peerFederation.certificate().getEncoded()));
        Files.writeString(directory.resolve("peer-key.pem"), Openssl.pem("PRIVATE KEY", peerFederation.privateKey().getEncoded()));
        assertSuccess(Openssl.run(directory, "cms", "-decrypt", "-inform", "DER", "-in", "envelope.der",
                "-inkey", "peer-key.pem", "-recip", "peer.pem", "-out", "signed.der"));
        assertThat(Files.readAllBytes(directory.resolve("signed.der"))).isEqualTo(atOrigin.signedData());
        Openssl.Result verify = Openssl.run(directory, "cms", "-verify", "-inform", "DER", "-in", "signed.der",
                "-CAfile", "origin-ca.pem", "-out", "content.bin");
        assertSuccess(verify);
        assertThat(Files.readAllBytes(directory.resolve("content.bin"))).isEqualTo(NOTICE);

        OpenedEnvelope atPeer = new EnvelopeOpener(ca.certificate()).open(rewrapped, List.of(peerFederation));
        assertThat(atPeer.signer()).isEqualTo(agency.certificate());
        assertThat(atPeer.label()).isEqualTo(atOrigin.label());
        assertThat(atPeer.signedData()).isEqualTo(atOrigin.signedData());
        assertThatExceptionOfType(EnvelopeException.class)
                .isThrownBy(() -> new EnvelopeOpener(peerCa.certificate()).open(rewrapped, List.of(peerFederation)))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SIGNER));
    }

    @Test
    void opensslWhenPrintingEnvelopeThenAuthEnvelopedDataWithAesGcmAndEcdhSha256Kdf() throws Exception {
        Files.write(directory.resolve("envelope.der"), EnvelopeSealer.seal(NOTICE, agency, List.of(region.certificate())));

        Openssl.Result print = Openssl.run(directory, "cms", "-cmsout", "-print", "-inform", "DER", "-in", "envelope.der");

        assertThat(print.exitCode()).as(print.output()).isZero();
        assertThat(print.output()).contains("id-smime-ct-authEnvelopedData", "aes-256-gcm",
                "dhSinglePass-stdDH-sha256kdf-scheme", "id-aes256-wrap", "d.kari");
    }

    private void writeRegionAndCa(byte[] envelope) throws Exception {
        Files.write(directory.resolve("envelope.der"), envelope);
        Files.writeString(directory.resolve("ca.pem"), Openssl.pem("CERTIFICATE", ca.certificate().getEncoded()));
        Files.writeString(directory.resolve("region.pem"), Openssl.pem("CERTIFICATE", region.certificate().getEncoded()));
        Files.writeString(directory.resolve("region-key.pem"), Openssl.pem("PRIVATE KEY", region.privateKey().getEncoded()));
    }

    private static void assertSuccess(Openssl.Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
