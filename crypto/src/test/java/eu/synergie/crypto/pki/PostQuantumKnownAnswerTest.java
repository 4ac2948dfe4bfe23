package eu.synergie.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.KEM;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.KEMRecipientInformation;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceKEMAuthEnvelopedRecipient;
import org.bouncycastle.jcajce.interfaces.MLDSAPrivateKey;
import org.bouncycastle.jcajce.spec.MLDSAParameterSpec;
import org.bouncycastle.jcajce.spec.MLDSAPrivateKeySpec;
import org.bouncycastle.jcajce.spec.MLKEMParameterSpec;
import org.bouncycastle.jcajce.spec.MLKEMPrivateKeySpec;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the two post-quantum primitives of the hybrid profile, as Bouncy Castle computes them through
 * the JCA, against vectors others published (resources under {@code kat/}, each naming its source): ML-KEM-768
 * decapsulation against NIST's ACVP vectors, ML-DSA-65 verification against the example of RFC 9882 with the key of
 * RFC 9881 (derived here from the seed that RFC publishes), and the CMS use of ML-KEM against the example of RFC 9936.
 * None of the expected values were made here.
 */
class PostQuantumKnownAnswerTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void mlKem768WhenDecapsulatingAcvpCiphertextsThenAcvpSharedSecrets() throws Exception {
        Map<String, String> vectors = fields("ml-kem-768-decapsulation.txt");
        PrivateKey dk = mlKemPrivateKey(MLKEMParameterSpec.ml_kem_768, HEX.parseHex(vectors.get("dk")));

        for (String test : List.of("26", "27")) {
            byte[] secret = decapsulate(dk, HEX.parseHex(vectors.get(test + ".c")));

            assertThat(HEX.formatHex(secret)).as("tcId " + test).isEqualToIgnoringCase(vectors.get(test + ".k"));
        }
    }

    // FIPS 203's implicit rejection: a ciphertext altered by one bit decapsulates without error, to another secret.
    @Test
    void mlKem768WhenCiphertextBitFlippedThenOtherSharedSecret() throws Exception {
        Map<String, String> vectors = fields("ml-kem-768-decapsulation.txt");
        PrivateKey dk = mlKemPrivateKey(MLKEMParameterSpec.ml_kem_768, HEX.parseHex(vectors.get("dk")));
        byte[] ciphertext = HEX.parseHex(vectors.get("26.c"));
        ciphertext[100] ^= 0x01;

        assertThat(HEX.formatHex(decapsulate(dk, ciphertext))).isNotEqualToIgnoringCase(vectors.get("26.k"));
    }

    @Test
    void mlDsa65WhenVerifyingRfc9882ExampleThenSignatureAndSignedDataVerify() throws Exception {
        SignerInformation signer = rfc9882Signer();
        PublicKey key = rfc9881PublicKey();

        assertThat(signer.getEncryptionAlgOID()).isEqualTo("2.16.840.1.101.3.4.3.18");
        assertThat(verifies(key, signer.getEncodedSignedAttributes(), signer.getSignature())).isTrue();
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BouncyCastle.PROVIDER).build(key)))
                .isTrue();
    }

    @Test
    void mlDsa65WhenSignatureBitFlippedThenVerificationFails() throws Exception {
        SignerInformation signer = rfc9882Signer();
        byte[] signature = signer.getSignature();
        signature[1000] ^= 0x01;

        assertThat(verifies(rfc9881PublicKey(), signer.getEncodedSignedAttributes(), signature)).isFalse();
    }

    @Test
    void mlDsa65WhenMessageBitFlippedThenVerificationFails() throws Exception {
        SignerInformation signer = rfc9882Signer();
        byte[] message = signer.getEncodedSignedAttributes();
        message[message.length - 1] ^= 0x01;

        assertThat(verifies(rfc9881PublicKey(), message, signer.getSignature())).isFalse();
    }

    @Test
    void mlKemInCmsWhenOpeningRfc9936ExampleThenItsSharedSecretAndContent() throws Exception {
        String text = resource("ml-kem-512-auth-enveloped.pem");
        CMSAuthEnvelopedData envelope = new CMSAuthEnvelopedData(pemContent(text));
        byte[] seed = new byte[64];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) i;
        }
        PrivateKey bob = KeyFactory.getInstance("ML-KEM", BouncyCastle.PROVIDER)
                .generatePrivate(new MLKEMPrivateKeySpec(MLKEMParameterSpec.ml_kem_512, seed));
        RecipientInformation recipient = envelope.getRecipientInfos().getRecipients().iterator().next();

        byte[] secret = decapsulate(bob, ((KEMRecipientInformation) recipient).getEncapsulation());
        byte[] content = recipient.getContent(new JceKEMAuthEnvelopedRecipient(bob).setProvider(BouncyCastle.PROVIDER));

        assertThat(HEX.formatHex(secret)).isEqualToIgnoringCase(field(text, "shared secret"));
        assertThat(new String(content, StandardCharsets.US_ASCII)).isEqualTo("Hello, world!");
    }

    private static byte[] decapsulate(PrivateKey key, byte[] ciphertext) throws GeneralSecurityException {
        return KEM.getInstance("ML-KEM", BouncyCastle.PROVIDER).newDecapsulator(key).decapsulate(ciphertext).getEncoded();
    }

    private static PrivateKey mlKemPrivateKey(MLKEMParameterSpec parameters, byte[] expanded) throws GeneralSecurityException {
        return KeyFactory.getInstance("ML-KEM", BouncyCastle.PROVIDER)
                .generatePrivate(new MLKEMPrivateKeySpec(parameters, expanded, null));
    }

    private static boolean verifies(PublicKey key, byte[] message, byte[] signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("ML-DSA-65", BouncyCastle.PROVIDER);
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }

    private static SignerInformation rfc9882Signer() throws Exception {
        CMSSignedData signed = new CMSSignedData(pemContent(resource("ml-dsa-65-signed-data.pem")));
        assertThat(new String((byte[]) signed.getSignedContent().getContent(), StandardCharsets.US_ASCII))
                .isEqualTo("ML-DSA-65 signed-data example with signed attributes");
        return signed.getSignerInfos().getSigners().iterator().next();
    }

    /**
     * The ML-DSA-65 example key of RFC 9881, Appendix C, made from the seed the RFC publishes (the bytes 00 01 02 … 1f)
     * rather than kept as a file: key generation from a seed is deterministic (FIPS 204), and the RFC 9882 example
     * signature verifies only under the very key the RFC printed.
     */
    private static PublicKey rfc9881PublicKey() throws GeneralSecurityException {
        byte[] seed = new byte[32];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) i;
        }
        PrivateKey key = KeyFactory.getInstance("ML-DSA", BouncyCastle.PROVIDER)
                .generatePrivate(new MLDSAPrivateKeySpec(MLDSAParameterSpec.ml_dsa_65, seed));
        return ((MLDSAPrivateKey) key).getPublicKey();
    }

    private static byte[] pemContent(String text) {
        try (PemReader reader = new PemReader(new StringReader(text))) {
            return reader.readPemObject().getContent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String field(String text, String name) {
        return text.lines().filter(line -> line.startsWith(name + " = ")).findFirst().orElseThrow()
                .substring(name.length() + 3).trim();
    }

    // "name = value" lines; those after a "tcId = N" line are keyed "N.name".
    private static Map<String, String> fields(String name) {
        Map<String, String> fields = new LinkedHashMap<>();
        String test = null;
        for (String line : resource(name).lines().toList()) {
            if (line.startsWith("#") || !line.contains(" = ")) {
                continue;
            }
            String key = line.substring(0, line.indexOf(" = ")).trim();
            String value = line.substring(line.indexOf(" = ") + 3).trim();
            if (key.equals("tcId")) {
                test = value;
            } else {
                fields.put(test == null ? key : test + "." + key, value);
            }
        }
        return fields;
    }

    private static String resource(String name) {
        try (InputStream in = PostQuantumKnownAnswerTest.class.getResourceAsStream("kat/" + name)) {
            assertThat(in).as("test resource kat/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
