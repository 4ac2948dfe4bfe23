package eu.synergie.cli;

import eu.synergie.cli.config.Setting;
import eu.synergie.cli.keys.AgencyKeyStore;
import eu.synergie.client.AgencySealer;
import eu.synergie.client.ClientCredentialsTokens;
import eu.synergie.client.ProtectedPersons;
import eu.synergie.client.RetryPolicy;
import eu.synergie.client.Secret;
import eu.synergie.core.notice.ProtectedRole;
import eu.synergie.crypto.envelope.EnvelopeOpener;
import eu.synergie.crypto.envelope.EnvelopeSealer;
import eu.synergie.crypto.envelope.OpenedEnvelope;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code synergie reveal}: the agency's side of a reveal request for a protected person. */
@Command(name = "reveal", mixinStandardHelpOptions = true,
        description = {"Reveal requests for protected persons: another agency's analyst asked who one of the agency's "
                + "pseudonyms is, and two of the agency's release approvers approved.",
                "answer: the agency's answer, signed with its key and encrypted to the requester's agency only (the "
                        + "exchange cannot read it); open: the requester's agency reads an answer it received."},
        subcommands = {RevealCommand.Answer.class, RevealCommand.Open.class})
final class RevealCommand implements Runnable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParentCommand
    SynergieCli root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "answer", mixinStandardHelpOptions = true,
            description = {"Answer an approved reveal request: checks that the person the agency knows by LOCAL-ID in case "
                    + "CASE-REF is the pseudonym asked about, then sends IDENTITY (a JSON object: name, birth date, how to "
                    + "reach the person's handler…) signed by the agency and encrypted to the requester's agency's "
                    + "certificates, which must chain to the exchange's root.",
                    "Uses the feed client's settings (server, token-url, client-id, client-secret) and the key store."},
            footer = {"", "Example:", "  synergie reveal answer reveal:5d0c… --case-ref OCRTEH-2026-0311 --local-id T-118 "
                    + "--identity witness.json"})
    static final class Answer implements Callable<Integer> {

        @ParentCommand
        RevealCommand parent;

        @Parameters(index = "0", paramLabel = "REQUEST", description = "The reveal request's id.")
        String request;

        @Option(names = "--case-ref", required = true, paramLabel = "REF", description = "The notice's caseRef.")
        String caseRef;

        @Option(names = "--local-id", required = true, paramLabel = "ID", description = "The agency's own id for the person.")
        String localId;

        @Option(names = "--identity", required = true, paramLabel = "FILE", description = "Who the person is: a JSON object.")
        String identity;

        @Option(names = "--server", paramLabel = "URL", description = "The exchange (setting server).")
        String server;

        @Option(names = "--keystore", paramLabel = "FILE", description = "The agency's key store (setting keystore).")
        String keystore;

        @Option(names = "--config", paramLabel = "FILE", description = "The config file.")
        String config;

        @Override
        public Integer call() {
            Io io = parent.root.io();
            Invocation run = Invocation.of(io, config, Invocation.options(Setting.SERVER, server, Setting.KEYSTORE, keystore));
            URI exchange = run.settings.url(Setting.SERVER, "reveal answer");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String token = new ClientCredentialsTokens(http, run.settings.url(Setting.TOKEN_URL, "reveal answer"),
                    run.settings.required(Setting.CLIENT_ID, "reveal answer"),
                    Secret.of(run.settings.required(Setting.CLIENT_SECRET, "reveal answer")), RetryPolicy.none(),
                    Duration.ofSeconds(30)).current();
            String path = "/api/v1/reveals/" + URLEncoder.encode(request, StandardCharsets.UTF_8);
            JsonNode reveal = json(send(http, HttpRequest.newBuilder(exchange.resolve(path)).GET(), token, 200, "read the request"));
            if (!"APPROVED".equals(reveal.path("status").asString(""))) {
                throw new CliFailure(ExitCode.USAGE, "the reveal request is " + reveal.path("status").asString("?")
                        + ": it is answered once " + reveal.path("approvalsRequired").asInt() + " approvers have approved it");
            }
            String pseudonym = reveal.path("pseudonym").asString("");
            ProtectedRole role = Arrays.stream(ProtectedRole.values())
                    .filter(r -> pseudonym.startsWith(r.prefix() + "-")).findFirst()
                    .orElseThrow(() -> new CliFailure(ExitCode.USAGE, "the request names no pseudonym"));
            Path keyFile = run.pseudonymKeyPath("reveal answer");
            if (!Files.exists(keyFile)) {
                throw new CliFailure(ExitCode.USAGE, "no pseudonym key at " + keyFile + ": without it, whose pseudonym "
                        + pseudonym + " is cannot be checked");
            }
            String mine = ProtectedPersons.readKey(keyFile, run.keyStorePassword(false)).pseudonymOf(role, caseRef, localId);
            if (!mine.equals(pseudonym)) {
                throw new CliFailure(ExitCode.USAGE, "the person known as " + localId + " in case " + caseRef + " is " + mine
                        + ", not " + pseudonym + " asked about: nothing sent");
            }
            AgencyKeyStore store = run.keyStore("reveal answer");
            KeyCredential agency = store.signingCredential();
            String requester = reveal.path("requesterAgency").asString("");
            List<X509Certificate> recipients = recipients(reveal.path("recipientCertificates"), requester, agency.chain());
            ObjectNode answer = JSON.createObjectNode();
            answer.put("requestId", reveal.path("id").asString());
            answer.put("noticeId", reveal.path("noticeId").asString());
            answer.put("pseudonym", pseudonym);
            answer.put("answeredBy", store.agency());
            answer.set("identity", identityOf(run));
            byte[] envelope = EnvelopeSealer.seal(JSON.writeValueAsBytes(answer), agency, recipients);
            send(http, HttpRequest.newBuilder(exchange.resolve(path + "/answer")).header("Content-Type", "application/pkcs7-mime")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(envelope)), token, 200, "send the answer");
            io.err().println("Answered reveal " + request + " (" + pseudonym + ") for " + requester + ": " + envelope.length
                    + " bytes, encrypted to " + recipients.size() + " certificate(s) of " + requester + " only");
            return ExitCode.OK.code();
        }

        private JsonNode identityOf(Invocation run) {
            JsonNode given;
            try {
                given = JSON.readTree(run.read(identity, "the identity"));
            } catch (JacksonException e) {
                throw new CliFailure(ExitCode.USAGE, identity + " is not valid JSON");
            }
            if (!given.isObject() || given.isEmpty()) {
                throw new CliFailure(ExitCode.USAGE, identity + " must be a JSON object saying who the person is");
            }
            return given;
        }

        /** The requester's certificates, each of its agency and issued under the exchange root of the agency's own chain. */
        private static List<X509Certificate> recipients(JsonNode pems, String requester, List<X509Certificate> ownChain) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (JsonNode pem : pems) {
                for (X509Certificate certificate : Pem.readCertificates(pem.asString())) {
                    AgencySealer.requireAgencyCertificate(certificate, requester, ownChain);
                    certificates.add(certificate);
                }
            }
            if (certificates.isEmpty()) {
                throw new CliFailure(ExitCode.TRUST, "the exchange gave no certificate of " + requester + " to encrypt to");
            }
            return certificates;
        }
    }

    @Command(name = "open", mixinStandardHelpOptions = true,
            description = "Open the answer to a reveal request (as GET /api/v1/reveals/{id}/answer gives it) with the "
                    + "agency's key, verify who signed it, and write it.",
            footer = {"", "Example:", "  synergie reveal open reveal-answer.p7m --request reveal:5d0c…"})
    static final class Open implements Callable<Integer> {

        @ParentCommand
        RevealCommand parent;

        @Parameters(index = "0", arity = "0..1", paramLabel = "ANSWER", description = "The answer, DER (default: standard input).")
        String input;

        @Option(names = "--request", required = true, paramLabel = "ID",
                description = "The reveal request this answers (as the exchange gave it when it was asked): an answer to "
                        + "another request is refused.")
        String request;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write it (default: standard output).")
        String output;

        @Option(names = "--keystore", paramLabel = "FILE", description = "The agency's key store (setting keystore).")
        String keystore;

        @Option(names = "--config", paramLabel = "FILE", description = "The config file.")
        String config;

        @Override
        public Integer call() {
            Io io = parent.root.io();
            Invocation run = Invocation.of(io, config, Invocation.options(Setting.KEYSTORE, keystore));
            byte[] envelope = run.read(input, "the answer");
            AgencyKeyStore store = run.keyStore("reveal open");
            KeyCredential agency = store.signingCredential();
            OpenedEnvelope opened = new EnvelopeOpener(store.exchangeRoot()).open(envelope, List.of(agency));
            JsonNode answer;
            try {
                answer = JSON.readTree(opened.content());
            } catch (JacksonException e) {
                throw new CliFailure(ExitCode.TRUST, "the envelope holds no reveal answer");
            }
            String signer = CertificateAuthority.agencyCodeOf(opened.signer());
            if (!answer.path("identity").isObject() || !signer.equals(answer.path("answeredBy").asString(""))) {
                throw new CliFailure(ExitCode.TRUST, "the envelope holds no reveal answer signed by the agency it names");
            }
            if (!request.equals(answer.path("requestId").asString(""))) {
                // The exchange stores and hands on answers: one for another request must not pass for this one.
                throw new CliFailure(ExitCode.TRUST, "the answer is to request " + answer.path("requestId").asString("?")
                        + ", not to " + request);
            }
            run.write(output, opened.content(), false, "the answer");
            io.err().println("Verified: reveal answer for " + answer.path("pseudonym").asString() + " (request "
                    + answer.path("requestId").asString() + "), signed by " + signer);
            return ExitCode.OK.code();
        }
    }

    private static String send(HttpClient http, HttpRequest.Builder request, String token, int expected, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliFailure(ExitCode.PARTIAL, "cannot " + what + ": the exchange does not answer (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.PARTIAL, "interrupted", e);
        }
        if (response.statusCode() != expected) {
            JsonNode problem = json(response.body());
            throw new CliFailure(response.statusCode() == 401 ? ExitCode.AUTH : ExitCode.USAGE, "cannot " + what + ": HTTP "
                    + response.statusCode() + " " + problem.path("detail").asString(problem.path("title").asString("")));
        }
        return response.body();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
    }
}
