package eu.synergie.cli;

import eu.synergie.cli.config.Setting;
import eu.synergie.client.ProtectedPersons;
import eu.synergie.core.notice.ProtectedRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code synergie pseudonym-key}: the agency's key for the pseudonyms of protected persons. */
@Command(name = "pseudonym-key", mixinStandardHelpOptions = true,
        description = {"The agency's pseudonym key: victims, witnesses, whistle-blowers and informants reach the exchange "
                + "only as pseudonyms made with it (HMAC-SHA256 over the case reference and the agency's own id for the "
                + "person), stable within a case and unlinkable across cases.",
                "seal and push replace each person given with \"protection\": {\"role\": …, \"localId\": …} by the "
                        + "pseudonym when the key file exists, and refuse the notice otherwise."},
        subcommands = {PseudonymKeyCommand.Init.class, PseudonymKeyCommand.Of.class})
final class PseudonymKeyCommand implements Runnable {

    @ParentCommand
    SynergieCli root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Create the agency's pseudonym key (PKCS#12, under the key store password). Never replaces an "
                    + "existing one: the pseudonyms made with it could not be made again.",
                    "Keep it with the key store, and back both up."},
            footer = {"", "Example:", "  synergie pseudonym-key init --keystore fr-dgpn.p12"})
    static final class Init implements Callable<Integer> {

        @ParentCommand
        PseudonymKeyCommand parent;

        @Option(names = "--keystore", paramLabel = "FILE", description = "The agency's key store (setting keystore).")
        String keystore;

        @Option(names = "--pseudonym-key", paramLabel = "FILE", description = "The key file to create (setting pseudonym-key).")
        String pseudonymKey;

        @Option(names = "--config", paramLabel = "FILE", description = "The config file.")
        String config;

        @Override
        public Integer call() {
            Invocation run = Invocation.of(parent.root.io(), config,
                    Invocation.options(Setting.KEYSTORE, keystore, Setting.PSEUDONYM_KEY, pseudonymKey));
            Path file = run.pseudonymKeyPath("pseudonym-key init");
            if (Files.exists(file)) {
                throw new CliFailure(ExitCode.USAGE, file + " exists already: it is the agency's pseudonym key, and is "
                        + "never replaced (earlier pseudonyms are made with it)");
            }
            // The key store's password, checked by reading the key store: the two files go together.
            run.keyStore("pseudonym-key init");
            if (!ProtectedPersons.writeKey(file, ProtectedPersons.newKey(), run.keyStorePassword(false))) {
                throw new CliFailure(ExitCode.USAGE, file + " was created meanwhile by something else: left as it is");
            }
            parent.root.io().err().println("Created the agency's pseudonym key in " + file + " (keep it with the key store)");
            return ExitCode.OK.code();
        }
    }

    @Command(name = "of", mixinStandardHelpOptions = true,
            description = "Print the pseudonym of a protected person: what the exchange shows for the person the agency "
                    + "knows by LOCAL-ID in case CASE-REF (to answer who a pseudonym is, look it up this way).",
            footer = {"", "Example:", "  synergie pseudonym-key of --role WITNESS --case-ref OCRTEH-2026-0311 --local-id T-118"})
    static final class Of implements Callable<Integer> {

        @ParentCommand
        PseudonymKeyCommand parent;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "VICTIM, WITNESS, WHISTLEBLOWER or INFORMANT.")
        String role;

        @Option(names = "--case-ref", required = true, paramLabel = "REF", description = "The notice's caseRef.")
        String caseRef;

        @Option(names = "--local-id", required = true, paramLabel = "ID", description = "The agency's own id for the person.")
        String localId;

        @Option(names = "--keystore", paramLabel = "FILE", description = "The agency's key store (setting keystore).")
        String keystore;

        @Option(names = "--pseudonym-key", paramLabel = "FILE", description = "The key file (setting pseudonym-key).")
        String pseudonymKey;

        @Option(names = "--config", paramLabel = "FILE", description = "The config file.")
        String config;

        @Override
        public Integer call() {
            ProtectedRole chosen;
            try {
                chosen = ProtectedRole.valueOf(role.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CliFailure(ExitCode.USAGE, "--role must be VICTIM, WITNESS, WHISTLEBLOWER or INFORMANT");
            }
            Invocation run = Invocation.of(parent.root.io(), config,
                    Invocation.options(Setting.KEYSTORE, keystore, Setting.PSEUDONYM_KEY, pseudonymKey));
            Path file = run.pseudonymKeyPath("pseudonym-key of");
            if (!Files.exists(file)) {
                throw new CliFailure(ExitCode.USAGE, "no pseudonym key at " + file + " (create it with: synergie pseudonym-key init)");
            }
            String pseudonym;
            try {
                pseudonym = ProtectedPersons.readKey(file, run.keyStorePassword(false)).pseudonymOf(chosen, caseRef, localId);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(ExitCode.USAGE, e.getMessage());
            }
            parent.root.io().out().println(pseudonym);
            return ExitCode.OK.code();
        }
    }
}
