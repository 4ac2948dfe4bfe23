package eu.synergie.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our PEM chains and certificate requests against the real {@code openssl} binary (OpenSSL 3), both ways: an
 * integration test by name because it runs another program (Failsafe; no server needed).
 */
class OpensslPkiIT {

    @TempDir
    Path directory;

    private final CertificateAuthority ca = TestCredentials.ca("Synergie Test Root");
    private final KeyCredential agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();

    @Test
    void opensslWhenVerifyingWrittenChainThenOk() throws Exception {
        Files.writeString(directory.resolve("ca.pem"), Pem.certificates(List.of(ca.certificate())));
        Files.writeString(directory.resolve("chain.pem"), Pem.certificates(agency.chain()));

        Openssl.Result verify = Openssl.run(directory, "verify", "-CAfile", "ca.pem", "chain.pem");

        assertThat(verify.exitCode()).as(verify.output()).isZero();
    }

    @Test
    void verifiedPublicKeyWhenOpensslMadeEcAndEd25519RequestsThenTheirKeys() throws Exception {
        for (List<String> newKey : List.of(List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"),
                List.of("-newkey", "ed25519"))) {
            List<String> command = new ArrayList<>(List.of("req", "-new", "-nodes", "-keyout", "key.pem",
                    "-out", "req.pem", "-subj", "/CN=FR-DGPN"));
            command.addAll(newKey);
            assertThat(Openssl.run(directory, command.toArray(String[]::new)).exitCode()).isZero();
            assertThat(Openssl.run(directory, "pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der")
                    .exitCode()).isZero();

            PublicKey key = CertificateRequests.verifiedPublicKey(Files.readAllBytes(directory.resolve("req.pem")));

            assertThat(key.getEncoded()).isEqualTo(Files.readAllBytes(directory.resolve("pub.der")));
        }
    }

    @Test
    void opensslWhenVerifyingCreatedRequestThenSelfSignatureOk() throws Exception {
        for (KeyPair pair : List.of(Keys.generateEcP256(), Keys.generateEd25519())) {
            Files.writeString(directory.resolve("req.pem"), Pem.certificateRequest(CertificateRequests.create(pair, "FR-DGPN")));

            Openssl.Result verify = Openssl.run(directory, "req", "-in", "req.pem", "-verify", "-noout");

            assertThat(verify.exitCode()).as(verify.output()).isZero();
            assertThat(verify.output()).contains("verify OK");
        }
    }
}
