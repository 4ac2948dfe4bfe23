package eu.synergie.cli;

import eu.synergie.cli.config.Setting;
import eu.synergie.cli.keys.AgencyKeyStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code synergie keygen}: the agency's key pair in a PKCS#12 file, and a certificate request for it. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Generate the agency's signing key (EC P-256) into a PKCS#12 key store, and a certificate "
                + "request (PKCS#10, PEM) to send to the exchange's trust administrator.",
                "The private key never leaves the key store. The key store password comes from "
                        + "SYNERGIE_KEYSTORE_PASSWORD or the config file, or is asked for on a terminal."},
        footer = {"", "Example:", "  synergie keygen --agency BE-PJF --keystore be-pjf.p12 --csr be-pjf.csr"})
final class KeygenCommand implements Callable<Integer> {

    @ParentCommand
    SynergieCli root;

    @Option(names = "--agency", required = true, paramLabel = "CODE", description = "The agency code, such as BE-PJF.")
    String agency;

    @Option(names = "--keystore", paramLabel = "FILE", description = "The PKCS#12 file to create (setting keystore).")
    String keystore;

    @Option(names = "--csr", paramLabel = "FILE",
            description = "Where to write the request: a file, or - for standard output (default: the key store's name with .csr).")
    String csr;

    @Option(names = "--force", description = "Replace an existing key store (its key is lost).")
    boolean force;

    @Option(names = "--config", paramLabel = "FILE", description = "The config file (default ~/.config/synergie/cli.properties).")
    String config;

    @Override
    public Integer call() {
        Invocation run = Invocation.of(root.io(), config, Invocation.options(Setting.KEYSTORE, keystore));
        Path file = run.keyStorePath("keygen");
        char[] password = run.keyStorePassword(true);
        AgencyKeyStore.Generated generated = AgencyKeyStore.generate(file, agency, password, force);
        String csrTarget = csr != null ? csr : file.toString().replaceFirst("\\.(p12|pfx)$", "") + ".csr";
        run.write(csrTarget, generated.csrPem().getBytes(StandardCharsets.US_ASCII), false, "the certificate request");
        var err = root.io().err();
        err.println("Generated an EC P-256 key for " + agency + " in " + file);
        err.println("  public key SHA-256: " + generated.keyStore().publicKeyFingerprint());
        if (!Invocation.STDIO.equals(csrTarget)) {
            err.println("Certificate request: " + csrTarget);
        }
        err.println("Send the request to the exchange's trust administrator, then install the chain they send back:");
        err.println("  synergie cert install CHAIN.pem");
        return ExitCode.OK.code();
    }
}
