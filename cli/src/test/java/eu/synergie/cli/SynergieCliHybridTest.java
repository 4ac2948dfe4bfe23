package eu.synergie.cli;

import eu.synergie.client.TestNotices;
import eu.synergie.client.TestPki;
import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.crypto.pki.CertificateRequests;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.crypto.pki.Pkcs12;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The command in-process for the hybrid profile: keygen, two chains, sealing, opening and verifying, refusals. */
class SynergieCliHybridTest {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path work;

    private final TestPki pki = new TestPki();
    private final Map<String, String> env = new HashMap<>();
    private final KeyCredential euWest = pki.region("EU-WEST");
    private final KeyCredential euWestKem = pki.regionKem("EU-WEST");

    @BeforeEach
    void environment() throws IOException {
        env.put("SYNERGIE_KEYSTORE", "be-pjf.p12");
        env.put("SYNERGIE_KEYSTORE_PASSWORD", PASSWORD);
        Files.writeString(work.resolve("eu-west.pem"), Pem.certificates(List.of(euWest.certificate())));
        Files.writeString(work.resolve("eu-west-ml-kem.pem"), Pem.certificates(euWestKem.chain()));
        env.put("SYNERGIE_REGION_CERTS", "eu-west.pem,eu-west-ml-kem.pem");
    }

    private CliRun synergie(String... args) {
        return CliRun.run(work, env, args);
    }

    private PublicKey requested(String file) throws IOException {
        return CertificateRequests.verifiedPublicKey(Files.readAllBytes(work.resolve(file)));
    }

    /** keygen --profile hybrid, and the two chains "the admin API" issues for its two requests, written to files. */
    private void keygenAndIssue() throws IOException {
        CliRun keygen = synergie("keygen", "--agency", "BE-PJF", "--profile", "hybrid");
        assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
        assertThat(keygen.err()).contains("Certificate request: " + work.resolve("be-pjf.csr"))
                .contains("ML-DSA-65 certificate request: " + work.resolve("be-pjf-ml-dsa.csr")).contains("ML-DSA-65 public key SHA-256: ")
                .contains("synergie cert install CHAIN.pem ML-DSA-CHAIN.pem");
        Files.writeString(work.resolve("chain.pem"), Pem.certificates(pki.issuing.chainOf(
                pki.issuing.issueAgencyCertificate("BE-PJF", requested("be-pjf.csr"), Duration.ofDays(30)))));
        Files.writeString(work.resolve("ml-dsa-chain.pem"), Pem.certificates(pki.issueMlDsa("BE-PJF", requested("be-pjf-ml-dsa.csr"))));
    }

    private void onboard() throws IOException {
        keygenAndIssue();
        CliRun install = synergie("cert", "install", "ml-dsa-chain.pem", "chain.pem");
        assertThat(install.exitCode()).as(install.toString()).isZero();
        assertThat(install.out()).contains("Installed the ML-DSA-65 certificate of BE-PJF")
                .contains("Installed the certificate of BE-PJF").doesNotContain("still to install");
    }

    @Test
    void sealThenVerifyThenOpenWhenHybridKeyStoreAndRegionMlKemCertificateThenHybridEnvelopeOfTheSameNotice() throws IOException {
        onboard();
        UUID id = UUID.randomUUID();
        byte[] notice = TestNotices.notice().id(id).bytes();
        Files.write(work.resolve("notice.json"), notice);

        CliRun seal = synergie("seal", "notice.json", "-o", "notice.p7m");
        assertThat(seal.exitCode()).as(seal.toString()).isZero();
        assertThat(seal.err()).contains("Sealed notice " + id + " of BE-PJF for region EU-WEST, hybrid profile");
        assertThat(EnvelopeProfile.of(Files.readAllBytes(work.resolve("notice.p7m")))).isEqualTo(EnvelopeProfile.HYBRID);

        CliRun verify = synergie("verify", "notice.p7m");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("Verified: signed by BE-PJF").contains("countersigned with its ML-DSA-65 key")
                .contains("profile hybrid").contains("notice " + id);

        CliRun open = synergie("open", "notice.p7m");
        assertThat(open.exitCode()).as(open.toString()).isZero();
        assertThat(open.outBytes()).isEqualTo(notice);

        SequencedMap<String, KeyCredential> regionKeys = new LinkedHashMap<>();
        regionKeys.put("eu-west", euWest);
        regionKeys.put("eu-west-ml-kem", euWestKem);
        Pkcs12.writeAll(work.resolve("region.p12"), regionKeys, "region password".toCharArray());
        Files.writeString(work.resolve("ca.pem"), Pem.certificates(List.of(pki.root.certificate())));
        env.put("SYNERGIE_RECIPIENT_KEYSTORE_PASSWORD", "region password");
        CliRun asRegion = synergie("open", "notice.p7m", "--recipient", "region.p12", "--ca", "ca.pem", "-o", "opened.json");
        assertThat(asRegion.exitCode()).as(asRegion.toString()).isZero();
        assertThat(Files.readAllBytes(work.resolve("opened.json"))).isEqualTo(notice);

        // As the exchange keeps them: the region's two keys in two files.
        Pkcs12.write(work.resolve("region-EU-WEST.p12"), "region-EU-WEST", euWest, "region password".toCharArray());
        Pkcs12.write(work.resolve("region-EU-WEST-ml-kem.p12"), "region-EU-WEST-ml-kem", euWestKem, "region password".toCharArray());
        CliRun twoFiles = synergie("verify", "notice.p7m", "--recipient", "region-EU-WEST.p12", "--recipient",
                "region-EU-WEST-ml-kem.p12", "--ca", "ca.pem");
        assertThat(twoFiles.exitCode()).as(twoFiles.toString()).isZero();
        CliRun ecdhOnly = synergie("verify", "notice.p7m", "--recipient", "region-EU-WEST.p12", "--ca", "ca.pem");
        assertThat(ecdhOnly.exitCode()).as("the ECDH key alone does not open a hybrid envelope").isNotZero();
    }

    @Test
    void sealWhenClassicalForcedThenClassicalEnvelopeThatVerifies() throws IOException {
        onboard();
        Files.write(work.resolve("notice.json"), TestNotices.notice().bytes());

        CliRun seal = synergie("seal", "notice.json", "-o", "notice.p7m", "--profile", "classical");
        assertThat(seal.exitCode()).as(seal.toString()).isZero();
        assertThat(seal.err()).contains("classical profile");
        assertThat(EnvelopeProfile.of(Files.readAllBytes(work.resolve("notice.p7m")))).isEqualTo(EnvelopeProfile.CLASSICAL);

        CliRun verify = synergie("verify", "notice.p7m");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("profile classical");
    }

    @Test
    void sealWhenHybridRequiredAndNoMlKemCertificateOfTheRegionThenTrustExitCodeNamingIt() throws IOException {
        onboard();
        Files.write(work.resolve("notice.json"), TestNotices.notice().bytes());

        CliRun seal = synergie("seal", "notice.json", "-o", "notice.p7m", "--profile", "hybrid", "--region-cert", "eu-west.pem");

        assertThat(seal.exitCode()).as(seal.toString()).isEqualTo(4);
        assertThat(seal.err()).contains("ML-KEM-768 recipient certificate of region EU-WEST, which was not given");
        assertThat(work.resolve("notice.p7m")).doesNotExist();
    }

    @Test
    void sealWhenHybridRequiredOfAClassicalKeyStoreThenTrustExitCodeSayingHowToMakeOne() throws IOException {
        CliRun keygen = synergie("keygen", "--agency", "BE-PJF");
        assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
        assertThat(work.resolve("be-pjf-ml-dsa.csr")).doesNotExist();
        Files.writeString(work.resolve("chain.pem"), Pem.certificates(pki.issuing.chainOf(
                pki.issuing.issueAgencyCertificate("BE-PJF", requested("be-pjf.csr"), Duration.ofDays(30)))));
        assertThat(synergie("cert", "install", "chain.pem").exitCode()).isZero();
        Files.write(work.resolve("notice.json"), TestNotices.notice().bytes());

        CliRun seal = synergie("seal", "notice.json", "-o", "notice.p7m", "--profile", "hybrid");
        assertThat(seal.exitCode()).as(seal.toString()).isEqualTo(4);
        assertThat(seal.err()).contains("holds none").contains("synergie keygen --profile hybrid");

        CliRun auto = synergie("seal", "notice.json", "-o", "notice.p7m");
        assertThat(auto.exitCode()).as(auto.toString()).isZero();
        assertThat(auto.err()).contains("classical profile");
    }

    @Test
    void sealWhenOnlyTheEcChainInstalledThenClassicalWithAWarningAndHybridRefused() throws IOException {
        keygenAndIssue();
        CliRun install = synergie("cert", "install", "chain.pem");
        assertThat(install.exitCode()).as(install.toString()).isZero();
        assertThat(install.out()).contains("still to install: the ML-DSA-65 key's chain");
        Files.write(work.resolve("notice.json"), TestNotices.notice().bytes());

        CliRun auto = synergie("seal", "notice.json", "-o", "notice.p7m");
        assertThat(auto.exitCode()).as(auto.toString()).isZero();
        assertThat(auto.err()).contains("warning: sealing classical envelopes only").contains("classical profile");

        CliRun hybrid = synergie("seal", "notice.json", "-o", "hybrid.p7m", "--profile", "hybrid");
        assertThat(hybrid.exitCode()).as(hybrid.toString()).isEqualTo(4);
        assertThat(hybrid.err()).contains("no ML-DSA-65 certificate is installed");

        CliRun rest = synergie("cert", "install", "ml-dsa-chain.pem");
        assertThat(rest.exitCode()).as(rest.toString()).isZero();
        CliRun show = synergie("cert", "show");
        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.out()).contains("ML-DSA-65 key").contains("root CA CN=Test Exchange ML-DSA Root CA");
    }

    @Test
    void keygenWhenProfileUnknownThenUsageExitCodeAndNoKeyStore() {
        CliRun keygen = synergie("keygen", "--agency", "BE-PJF", "--profile", "quantum");

        assertThat(keygen.exitCode()).isEqualTo(1);
        assertThat(keygen.err()).contains("--profile must be classical or hybrid");
        assertThat(work.resolve("be-pjf.p12")).doesNotExist();
    }
}
