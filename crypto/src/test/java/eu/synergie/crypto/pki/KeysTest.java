package eu.synergie.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.Signature;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

class KeysTest {

    private static final String ID_ED25519 = "1.3.101.112";

    @Test
    void generateEd25519WhenGeneratedThenRfc8410KeyThatSigns() throws Exception {
        KeyPair pair = Keys.generateEd25519();
        Signature signer = Signature.getInstance("Ed25519", BouncyCastle.PROVIDER);
        signer.initSign(pair.getPrivate());
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("Ed25519", BouncyCastle.PROVIDER);
        verifier.initVerify(pair.getPublic());
        verifier.update(new byte[] {1, 2, 3});

        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
        assertThat(info.getAlgorithm().getAlgorithm().getId()).isEqualTo(ID_ED25519);
        assertThat(info.getAlgorithm().getParameters()).isNull();
        assertThat(signature).hasSize(64);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void generateEd25519WhenCalledTwiceThenDistinctKeys() {
        assertThat(Keys.generateEd25519().getPublic()).isNotEqualTo(Keys.generateEd25519().getPublic());
    }
}
