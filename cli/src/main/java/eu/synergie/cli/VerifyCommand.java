package eu.synergie.cli;

import eu.synergie.cli.config.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code synergie verify}: is this envelope what the exchange would accept from its signer? */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify one envelope against the exchange's root CA: the signature, the signer's chain as of "
                + "the signing time, the notice, its originator, and that its markings equal the signed security label.",
                "The signature is inside the encryption, so a recipient key is needed (the agency's own by default). "
                        + "Prints who signed what; exit code 4 if any check fails. Revocation is the exchange's to check."},
        footer = {"", "Example:", "  synergie verify notice.p7m --ca exchange-root.pem"})
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    SynergieCli root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ENVELOPE", description = "The envelope, DER (default: standard input).")
    String input;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "The exchange's root CA certificate, PEM (default: the root of the agency's installed chain).")
    String ca;

    @Option(names = "--keystore", paramLabel = "FILE", description = "The agency's key store (setting keystore).")
    String keystore;

    @Option(names = "--recipient", paramLabel = "FILE",
            description = "Another recipient's PKCS#12 key store (repeatable: a region's ECDH and ML-KEM-768 key stores for a "
                    + "hybrid envelope; password: SYNERGIE_RECIPIENT_KEYSTORE_PASSWORD).")
    List<String> recipient = List.of();

    @Option(names = "--config", paramLabel = "FILE", description = "The config file.")
    String config;

    @Override
    public Integer call() {
        Invocation run = Invocation.of(root.io(), config,
                Invocation.options(Setting.KEYSTORE, keystore, Setting.RECIPIENT_KEYSTORE, recipient));
        EnvelopeCheck.describe(EnvelopeCheck.open(run, input, ca), root.io().out());
        return ExitCode.OK.code();
    }
}
