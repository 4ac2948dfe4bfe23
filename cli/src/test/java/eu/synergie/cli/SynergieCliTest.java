package eu.synergie.cli;

import com.sun.net.httpserver.HttpServer;
import eu.synergie.client.TestNotices;
import eu.synergie.client.TestPki;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.core.notice.Tlp;
import eu.synergie.crypto.pki.CertificateRequests;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.crypto.pki.Pkcs12;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The command in-process, without servers: help, exit codes, and the agency's key life cycle to a verified envelope. */
class SynergieCliTest {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path work;

    private final TestPki pki = new TestPki();
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void environment() {
        env.put("SYNERGIE_KEYSTORE", "be-pjf.p12");
        env.put("SYNERGIE_KEYSTORE_PASSWORD", PASSWORD);
    }

    private CliRun synergie(String... args) {
        return CliRun.run(work, env, args);
    }

    private CliRun synergie(byte[] stdin, String... args) {
        return CliRun.run(work, env, stdin, args);
    }

    /** keygen, then the chain "the admin API" issues for the request, installed; and EU-WEST's certificate in eu-west.pem. */
    private KeyCredential onboard() throws IOException {
        CliRun keygen = synergie("keygen", "--agency", "BE-PJF", "--csr", "be-pjf.csr");
        assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
        PublicKey key = CertificateRequests.verifiedPublicKey(Files.readAllBytes(work.resolve("be-pjf.csr")));
        Files.writeString(work.resolve("chain.pem"),
                Pem.certificates(pki.issuing.chainOf(pki.issuing.issueAgencyCertificate("BE-PJF", key, Duration.ofDays(30)))));
        CliRun install = synergie("cert", "install", "chain.pem");
        assertThat(install.exitCode()).as(install.toString()).isZero();
        KeyCredential region = pki.region("EU-WEST");
        Files.writeString(work.resolve("eu-west.pem"), Pem.certificates(List.of(region.certificate())));
        env.put("SYNERGIE_REGION_CERTS", "eu-west.pem");
        return region;
    }

    @Test
    void helpWhenAskedThenCommandsAndExitCodes() {
        CliRun help = synergie("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("keygen", "cert", "seal", "open", "verify", "push", "convert", "config")
                .contains("Exit codes:").contains("0   success").contains("3   authentication").contains("4   trust");
    }

    @ParameterizedTest
    @ValueSource(strings = {"keygen", "cert", "seal", "open", "verify", "push", "convert", "config"})
    void helpWhenAskedOfACommandThenItsUsageAndTheExitCodes(String command) {
        CliRun help = synergie(command, "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: synergie " + command).contains("Exit codes:");
    }

    @Test
    void runWhenUnknownOptionThenUsageExitCodeAndAHint() {
        CliRun run = synergie("push", "--sever", "feed.jsonl");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Unknown option: '--sever'").contains("Possible solutions: --server")
                .contains("Try: synergie push --help");
    }

    @Test
    void pushWhenServerNotConfiguredThenUsageNamingWhereToSetIt() throws IOException {
        Files.writeString(work.resolve("feed.jsonl"), TestNotices.notice().json());

        CliRun run = synergie("push", "feed.jsonl");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("push needs server: give --server, set SYNERGIE_SERVER");
    }

    @Test
    void sealThenVerifyThenOpenWhenOnboardedThenTheSameNoticeVerifiedAsSignedByTheAgency() throws IOException {
        KeyCredential region = onboard();
        UUID id = UUID.randomUUID();
        byte[] notice = TestNotices.notice().id(id).bytes();
        Files.write(work.resolve("notice.json"), notice);

        CliRun seal = synergie("seal", "notice.json", "-o", "notice.p7m");
        assertThat(seal.exitCode()).as(seal.toString()).isZero();
        assertThat(seal.err()).contains("Sealed notice " + id + " of BE-PJF for region EU-WEST");

        CliRun verify = synergie("verify", "notice.p7m");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("Verified: signed by BE-PJF").contains("notice " + id)
                .contains("RESTRICTED, TLP:AMBER, H2").contains("equal to the signed security label");

        CliRun open = synergie("open", "notice.p7m");
        assertThat(open.exitCode()).as(open.toString()).isZero();
        assertThat(open.outBytes()).isEqualTo(notice);

        Pkcs12.write(work.resolve("region.p12"), "region", region, "region password".toCharArray());
        Files.writeString(work.resolve("ca.pem"), Pem.certificates(List.of(pki.root.certificate())));
        env.put("SYNERGIE_RECIPIENT_KEYSTORE_PASSWORD", "region password");
        CliRun asRegion = synergie("open", "notice.p7m", "--recipient", "region.p12", "--ca", "ca.pem", "-o", "opened.json");
        assertThat(asRegion.exitCode()).as(asRegion.toString()).isZero();
        assertThat(Files.readAllBytes(work.resolve("opened.json"))).isEqualTo(notice);
    }

    @Test
    void sealWhenProtectedWitnessThenPseudonymOnlyAndPseudonymKeyOfGivesTheSame() throws IOException {
        onboard();
        String notice = TestNotices.notice().json().replace("\"entities\":[", "\"entities\":[{\"kind\":\"PERSON\","
                + "\"value\":\"Marie LECLERC\",\"attributes\":{\"birthDate\":\"1991-02-03\"},"
                + "\"protection\":{\"role\":\"WITNESS\",\"localId\":\"T-118\"}},");
        Files.writeString(work.resolve("notice.json"), notice);

        CliRun refused = synergie("seal", "notice.json", "-o", "notice.p7m");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("protection.localId").contains("synergie pseudonym-key init")
                .doesNotContain("LECLERC");

        CliRun init = synergie("pseudonym-key", "init");
        assertThat(init.exitCode()).as(init.toString()).isZero();
        assertThat(work.resolve("be-pjf-pseudonyms.p12")).exists();
        assertThat(synergie("pseudonym-key", "init").err()).contains("exists already");

        CliRun seal = synergie("seal", "notice.json", "-o", "notice.p7m");
        assertThat(seal.exitCode()).as(seal.toString()).isZero();
        String opened = synergie("open", "notice.p7m").out();
        CliRun of = synergie("pseudonym-key", "of", "--role", "witness", "--case-ref", "PJ-2026-0412", "--local-id", "T-118");
        assertThat(of.exitCode()).as(of.toString()).isZero();
        assertThat(of.out().strip()).matches("W-[0-9a-f]{24}");
        assertThat(opened).contains("\"value\":\"" + of.out().strip() + "\",\"protection\":{\"role\":\"WITNESS\"}")
                .doesNotContain("LECLERC").doesNotContain("1991-02-03").doesNotContain("T-118");
    }

    @Test
    void sealWhenNoticeFromStdinThenEnvelopeOnStdout() throws IOException {
        onboard();

        CliRun seal = synergie(TestNotices.notice().bytes(), "seal");

        assertThat(seal.exitCode()).as(seal.toString()).isZero();
        assertThat(seal.outBytes()[0]).as("DER SEQUENCE").isEqualTo((byte) 0x30);
        CliRun verify = synergie(seal.outBytes(), "verify");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
    }

    @Test
    void verifyWhenAnotherExchangesCaThenTrustExitCode() throws IOException {
        onboard();
        Files.write(work.resolve("notice.json"), TestNotices.notice().bytes());
        assertThat(synergie("seal", "notice.json", "-o", "notice.p7m").exitCode()).isZero();
        Files.writeString(work.resolve("other-ca.pem"), Pem.certificates(List.of(new TestPki().root.certificate())));

        CliRun verify = synergie("verify", "notice.p7m", "--ca", "other-ca.pem");

        assertThat(verify.exitCode()).isEqualTo(4);
        assertThat(verify.err()).contains("UNKNOWN_SIGNER");
    }

    @Test
    void openWhenEnvelopeTamperedThenTrustExitCodeAndNothingWritten() throws IOException {
        onboard();
        Files.write(work.resolve("notice.json"), TestNotices.notice().bytes());
        synergie("seal", "notice.json", "-o", "notice.p7m");
        byte[] envelope = Files.readAllBytes(work.resolve("notice.p7m"));
        envelope[envelope.length - 40] ^= 0x01;
        Files.write(work.resolve("notice.p7m"), envelope);

        CliRun open = synergie("open", "notice.p7m", "-o", "out.json");

        assertThat(open.exitCode()).isEqualTo(4);
        assertThat(open.err()).contains("does not verify");
        assertThat(work.resolve("out.json")).doesNotExist();
    }

    @Test
    void sealWhenNoticeInvalidThenUsageExitCodeNamingTheField() throws IOException {
        onboard();
        Files.writeString(work.resolve("notice.json"), TestNotices.notice().json().replace("\"AMBER\"", "\"AMBRE\""));

        CliRun seal = synergie("seal", "notice.json", "-o", "notice.p7m");

        assertThat(seal.exitCode()).isEqualTo(1);
        assertThat(seal.err()).contains("tlp");
    }

    @Test
    void sealWhenRegionCertificateFromAnotherExchangeThenTrustExitCode() throws IOException {
        onboard();
        Files.writeString(work.resolve("eu-west.pem"), Pem.certificates(List.of(new TestPki().region("EU-WEST").certificate())));
        Files.write(work.resolve("notice.json"), TestNotices.notice().bytes());

        CliRun seal = synergie("seal", "notice.json", "-o", "notice.p7m");

        assertThat(seal.exitCode()).isEqualTo(4);
        assertThat(seal.err()).contains("not issued by the exchange CA that certified the agency");
    }

    @Test
    void pushWhenTokenEndpointRefusesTheClientThenAuthExitCodeAndNothingSent() throws IOException {
        onboard();
        Files.writeString(work.resolve("feed.jsonl"), TestNotices.notice().json() + "\n");
        List<String> paths = new CopyOnWriteArrayList<>();
        HttpServer server = refusingTokenEndpoint(paths);
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            env.put("SYNERGIE_SERVER", base);
            env.put("SYNERGIE_TOKEN_URL", base + "/token");
            env.put("SYNERGIE_CLIENT_ID", "feed-be-pjf");
            env.put("SYNERGIE_CLIENT_SECRET", "wrong-secret");

            CliRun push = synergie("push", "feed.jsonl");

            assertThat(push.exitCode()).as(push.toString()).isEqualTo(3);
            assertThat(push.err()).contains("refused client feed-be-pjf").doesNotContain("wrong-secret");
            assertThat(paths).containsOnly("/token");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void configWhenSecretsSetThenShownAsSetWithTheirSourceNeverTheirValue() throws IOException {
        Path config = Files.createDirectories(work.resolve("home/.config/synergie")).resolve("cli.properties");
        Files.writeString(config, "server=https://exchange.example.eu\nclient-secret=file-secret-value\n");
        env.put("SYNERGIE_SERVER", "https://env.example.eu");

        CliRun run = synergie("config");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("https://env.example.eu").contains("environment SYNERGIE_SERVER")
                .contains("client-secret").contains("(set)").doesNotContain("file-secret-value").doesNotContain(PASSWORD);
        assertThat(run.err()).contains("chmod 600");
    }

    @Test
    void certShowWhenPendingThenSaysSoWithTrustExitCode() {
        synergie("keygen", "--agency", "BE-PJF");

        CliRun show = synergie("cert", "show");

        assertThat(show.exitCode()).isEqualTo(4);
        assertThat(show.out()).contains("request pending");
        assertThat(work.resolve("be-pjf.csr")).exists();
    }

    private static final String BUNDLE = TestBundles.phishing("84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3", "");

    @Test
    void convertWhenStixBundleThenOneNoticeLineOfTheAgencyAndTheUnmappedObjectNamed() throws IOException {
        Files.writeString(work.resolve("bundle.json"), BUNDLE);

        CliRun run = synergie("convert", "--format", "stix", "--agency", "BE-PJF", "--region", "EU-WEST", "bundle.json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().toList()).singleElement().satisfies(line -> {
            Notice notice = NoticeJson.read(line.getBytes(StandardCharsets.UTF_8));
            assertThat(notice.originAgency()).isEqualTo("BE-PJF");
            assertThat(notice.region()).isEqualTo("EU-WEST");
            assertThat(notice.title()).isEqualTo("Hameçonnage visant des collectivités");
            assertThat(notice.language()).isEqualTo("fr");
            assertThat(notice.markings().tlp()).isEqualTo(Tlp.GREEN);
            assertThat(notice.entities()).extracting(e -> e.kind() + " " + e.value())
                    .containsExactlyInAnyOrder("IP_ADDRESS 198.51.100.23", "EMAIL factures@mairie-exemple.fr");
        });
        assertThat(run.err()).contains("not mapped: malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b (malware)")
                .contains("Converted 1 notice of BE-PJF for region EU-WEST (1 objects not mapped, 0 markings not read)");
    }

    /** The bundle with a statement (read, as H3) and a marking of a kind no mapping knows (not read). */
    private static final String UNREAD_MARKING = "marking-definition--7bb8c9d0-e1f2-4a35-9b4c-5d6e7f8091a2";
    private static final String BUNDLE_WITH_UNREAD_MARKING = BUNDLE
            .replace("\"object_marking_refs\": [\"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb\"]",
                    "\"object_marking_refs\": [\"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb\", "
                            + "\"marking-definition--8cc9d0e1-f2a3-4b46-8c5d-6e7f8091a2b3\", \"" + UNREAD_MARKING + "\"]")
            .replace("\"objects\": [", """
                    "objects": [
                      {"type": "marking-definition", "spec_version": "2.1", "id": "marking-definition--8cc9d0e1-f2a3-4b46-8c5d-6e7f8091a2b3",
                       "created": "2026-11-30T09:15:00.000Z", "definition_type": "statement",
                       "definition": {"statement": "Ne pas publier les indicateurs"}},
                      {"type": "marking-definition", "spec_version": "2.1", "id": "%s",
                       "created": "2026-11-30T09:15:00.000Z", "name": "ACME:INTERNAL", "definition_type": "acme",
                       "definition": {"acme": "internal"}},""".formatted(UNREAD_MARKING));

    @Test
    void convertWhenAMarkingCannotBeReadThenTheNoticeAndTheMarkingNamedOnStandardError() throws IOException {
        Files.writeString(work.resolve("bundle.json"), BUNDLE_WITH_UNREAD_MARKING);

        CliRun run = synergie("convert", "--format", "stix", "--agency", "BE-PJF", "--region", "EU-WEST", "bundle.json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().toList()).singleElement().satisfies(line -> {
            Notice notice = NoticeJson.read(line.getBytes(StandardCharsets.UTF_8));
            assertThat(notice.markings().handlingCode()).isEqualTo(HandlingCode.H3);
            assertThat(notice.markings().handlingNote()).endsWith("Ne pas publier les indicateurs");
        });
        assertThat(run.err()).contains("marking not read: " + UNREAD_MARKING + ": a marking with no Synergie equivalent: ACME:INTERNAL")
                .contains("1 markings not read");
    }

    @Test
    void pushWhenAMarkingCannotBeReadThenRefusedNamingItAndNothingSent() throws IOException {
        onboard();
        Files.writeString(work.resolve("bundle.json"), BUNDLE_WITH_UNREAD_MARKING);
        env.put("SYNERGIE_CLIENT_SECRET", "a-secret");

        CliRun push = synergie("push", "--format", "stix", "--server", "http://127.0.0.1:9", "--token-url",
                "http://127.0.0.1:9/token", "--client-id", "feed-be-pjf", "bundle.json");

        assertThat(push.exitCode()).as(push.toString()).isEqualTo(1);
        assertThat(push.err()).contains("not pushed: marking " + UNREAD_MARKING + " cannot be read")
                .contains("--accept-unmapped-markings");
    }

    @Test
    void pushWhenAMarkingCannotBeReadAndTheAgencyAcceptsThenSentToTheExchange() throws IOException {
        onboard();
        Files.writeString(work.resolve("bundle.json"), BUNDLE_WITH_UNREAD_MARKING);
        List<String> paths = new CopyOnWriteArrayList<>();
        HttpServer server = refusingTokenEndpoint(paths);
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            env.put("SYNERGIE_CLIENT_SECRET", "wrong-secret");

            CliRun push = synergie("push", "--format", "stix", "--accept-unmapped-markings", "--server", base,
                    "--token-url", base + "/token", "--client-id", "feed-be-pjf", "bundle.json");

            // Past the conversion: the push went on to ask for a token (refused here, which ends it).
            assertThat(push.exitCode()).as(push.toString()).isEqualTo(3);
            assertThat(push.err()).contains("marking not read: " + UNREAD_MARKING).doesNotContain("not pushed");
            assertThat(paths).containsOnly("/token");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void pushWhenRegionGivenWithoutFormatStixThenUsageExitCode() throws IOException {
        onboard();
        Files.writeString(work.resolve("feed.jsonl"), TestNotices.notice().json() + "\n");

        CliRun push = synergie("push", "--region", "EU-WEST", "--server", "http://127.0.0.1:9", "--token-url",
                "http://127.0.0.1:9/token", "--client-id", "feed-be-pjf", "feed.jsonl");

        assertThat(push.exitCode()).as(push.toString()).isEqualTo(1);
        assertThat(push.err()).contains("--region applies to --format stix only");
    }

    @Test
    void convertWhenRunTwiceThenTheSameNoticeSoAPushResumesInsteadOfSendingItAgain() throws IOException {
        Files.writeString(work.resolve("bundle.json"), BUNDLE);

        CliRun first = synergie("convert", "--format", "stix", "--agency", "BE-PJF", "--region", "EU-WEST", "bundle.json");
        CliRun second = synergie("convert", "--format", "stix", "--agency", "BE-PJF", "--region", "EU-WEST", "bundle.json");

        assertThat(second.out()).isEqualTo(first.out());
    }

    @Test
    void convertWhenBundleBrokenThenUsageExitCodeNamingTheObjectAndProperty() throws IOException {
        Files.writeString(work.resolve("bundle.json"), BUNDLE.replace("\"value\": \"198.51.100.23\"", "\"value\": \"198.51.100.999\""));

        CliRun run = synergie("convert", "--format", "stix", "--agency", "BE-PJF", "--region", "EU-WEST", "bundle.json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("bundle.json").contains("ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd").contains("value");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void pushWhenFormatUnknownThenUsageExitCode() throws IOException {
        onboard();
        Files.writeString(work.resolve("bundle.json"), BUNDLE);

        CliRun run = synergie("push", "--format", "misp", "--server", "http://127.0.0.1:9", "--token-url", "http://127.0.0.1:9/token",
                "--client-id", "feed-be-pjf", "bundle.json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("--format must be notices or stix");
    }

    /** A token endpoint (and exchange) that refuses every client with 401, recording the paths asked for. */
    private static HttpServer refusingTokenEndpoint(List<String> paths) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            byte[] body = "{\"error\":\"unauthorized_client\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
