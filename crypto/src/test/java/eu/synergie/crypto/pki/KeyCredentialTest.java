package eu.synergie.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.interfaces.ECPrivateKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyCredentialTest {

    private final CertificateAuthority ca = TestCredentials.ca("Synergie Test Root");

    @Test
    void toStringWhenPrintedThenNoPrivateKey() {
        KeyCredential agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();
        ECPrivateKey key = (ECPrivateKey) agency.privateKey();

        String printed = agency.toString();

        assertThat(printed)
                .contains("CN=FR-DGPN,OU=Agency,O=Synergie", "chainLength=2")
                .doesNotContain(key.getS().toString(), key.getS().toString(16), "Private");
    }

    @Test
    void certificateWhenChainGivenThenLeaf() {
        KeyCredential agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();

        assertThat(agency.certificate()).isEqualTo(agency.chain().get(0));
        assertThat(agency.chain().get(1)).isEqualTo(ca.certificate());
    }

    @Test
    void constructWhenChainEmptyThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new KeyCredential(Keys.generateEcP256().getPrivate(), List.of()));
    }
}
