package eu.synergie.cli;

import eu.synergie.cli.config.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code synergie open}: the notice inside an envelope, once verified. */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = {"Open one envelope: decrypt it with a recipient key (the agency's own by default: every envelope "
                + "the agency seals is encrypted to itself too), verify it, and write the notice JSON.",
                "Nothing is written unless every check passes; what was checked goes to standard error."},
        footer = {"", "Examples:", "  synergie open notice.p7m", "  synergie open notice.p7m --recipient region.p12 --ca ca.pem"})
final class OpenCommand implements Callable<Integer> {

    @ParentCommand
    SynergieCli root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ENVELOPE", description = "The envelope, DER (default: standard input).")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the notice (default: standard output).")
    String output;

    @Option(names = "--keystore", paramLabel = "FILE", description = "The agency's key store (setting keystore).")
    String keystore;

    @Option(names = "--recipient", paramLabel = "FILE",
            description = "Another recipient's PKCS#12 key store, such as a region's (repeatable: a region's ECDH and ML-KEM-768 "
                    + "key stores for a hybrid envelope; password: SYNERGIE_RECIPIENT_KEYSTORE_PASSWORD).")
    List<String> recipient = List.of();

    @Option(names = "--ca", paramLabel = "FILE",
            description = "The exchange's root CA certificate, PEM (default: the root of the agency's installed chain).")
    String ca;

    @Option(names = "--config", paramLabel = "FILE", description = "The config file.")
    String config;

    @Override
    public Integer call() {
        Invocation run = Invocation.of(root.io(), config,
                Invocation.options(Setting.KEYSTORE, keystore, Setting.RECIPIENT_KEYSTORE, recipient));
        EnvelopeCheck.Verified verified = EnvelopeCheck.open(run, input, ca);
        run.write(output, verified.content(), false, "the notice");
        EnvelopeCheck.describe(verified, root.io().err());
        return ExitCode.OK.code();
    }
}
