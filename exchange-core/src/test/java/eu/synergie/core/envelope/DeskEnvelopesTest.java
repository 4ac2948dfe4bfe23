package eu.synergie.core.envelope;

import eu.synergie.crypto.envelope.EnvelopeException;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeskEnvelopesTest {

    private final TestExchange exchange = new TestExchange();
    private final KeyCredential logSigner = signer("Synergie Exchange Log Signer");
    private final DeskEnvelopes desk = new DeskEnvelopes(exchange.regions, logSigner, () -> List.of(logSigner.certificate()),
            exchange.ca.certificate(), 1 << 20);

    private KeyCredential signer(String name) {
        KeyPair pair = Keys.generateEcP256();
        return new KeyCredential(pair.getPrivate(), exchange.ca.chainOf(exchange.ca.issueExchangeSigningCertificate(name,
                pair.getPublic(), Duration.ofDays(1))));
    }

    @Test
    void openWhenSealedForTheRegionThenTheSameContentAndNotInTheClearInTheEnvelope() {
        byte[] content = "Amina KOUASSI, 19 ans, retenue à Marseille".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = desk.seal(content, "EU-WEST", List.of());
        assertThat(desk.open(sealed, "EU-WEST")).isEqualTo(content);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("KOUASSI");
    }

    @Test
    void openWhenSealedForAnotherRegionThenRefused() {
        byte[] sealed = desk.seal("x".getBytes(StandardCharsets.UTF_8), "EU-CENTRAL", List.of());
        assertThatThrownBy(() -> desk.open(sealed, "EU-WEST")).isInstanceOf(EnvelopeException.class);
    }

    @Test
    void openWhenSignedByAnotherCertificateOfTheSameRootThenRefused() {
        KeyCredential other = signer("Synergie Exchange Something Else");
        DeskEnvelopes forger = new DeskEnvelopes(exchange.regions, other, () -> List.of(other.certificate()),
                exchange.ca.certificate(), 1 << 20);
        byte[] forged = forger.seal("x".getBytes(StandardCharsets.UTF_8), "EU-WEST", List.of());
        assertThatThrownBy(() -> desk.open(forged, "EU-WEST")).hasMessageContaining("not this exchange's log signer");
    }

    @Test
    void sealWhenAnAgencyIsAddedThenItsKeyOpensItToo() {
        KeyCredential agency = exchange.agency("FR-DGPN");
        byte[] sealed = desk.seal("pour la DGPN".getBytes(StandardCharsets.UTF_8), "EU-WEST", List.of(agency.certificate()));
        var opened = new eu.synergie.crypto.envelope.EnvelopeOpener(exchange.ca.certificate()).open(sealed, List.of(agency));
        assertThat(new String(opened.content(), StandardCharsets.UTF_8)).isEqualTo("pour la DGPN");
    }
}
