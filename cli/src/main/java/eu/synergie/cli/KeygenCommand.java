package eu.synergie.cli;

import eu.synergie.cli.config.Setting;
import eu.synergie.cli.keys.AgencyKeyStore;
import eu.synergie.crypto.envelope.EnvelopeProfile;
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
                "With --profile hybrid, also an ML-DSA-65 signing key with its own request, and an ML-KEM-768 key "
                        + "(with a certificate its ML-DSA-65 key issues itself, so that the agency can read back its own "
                        + "hybrid envelopes), in the same key store.",
                "The private key never leaves the key store. The key store password comes from "
                        + "SYNERGIE_KEYSTORE_PASSWORD or the config file, or is asked for on a terminal."},
        footer = {"", "Examples:", "  synergie keygen --agency BE-PJF --keystore be-pjf.p12 --csr be-pjf.csr",
                "  synergie keygen --agency BE-PJF --keystore be-pjf.p12 --profile hybrid"})
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

    @Option(names = "--csr-ml-dsa", paramLabel = "FILE",
            description = "With --profile hybrid: where to write the ML-DSA-65 key's request (default: the key store's name "
                    + "with -ml-dsa.csr).")
    String csrMlDsa;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "classical",
            description = "classical (default: the EC P-256 key only) or hybrid (also ML-DSA-65 and ML-KEM-768 keys, for "
                    + "post-quantum envelopes).")
    String profile;

    @Option(names = "--force", description = "Replace an existing key store (its keys are lost).")
    boolean force;

    @Option(names = "--config", paramLabel = "FILE", description = "The config file (default ~/.config/synergie/cli.properties).")
    String config;

    @Override
    public Integer call() {
        EnvelopeProfile chosen = switch (profile) {
            case "classical" -> EnvelopeProfile.CLASSICAL;
            case "hybrid" -> EnvelopeProfile.HYBRID;
            default -> throw new CliFailure(ExitCode.USAGE, "--profile must be classical or hybrid");
        };
        if (chosen == EnvelopeProfile.CLASSICAL && csrMlDsa != null) {
            throw new CliFailure(ExitCode.USAGE, "--csr-ml-dsa applies to --profile hybrid only");
        }
        Invocation run = Invocation.of(root.io(), config, Invocation.options(Setting.KEYSTORE, keystore));
        Path file = run.keyStorePath("keygen");
        String base = file.toString().replaceFirst("\\.(p12|pfx)$", "");
        String csrTarget = csr != null ? csr : base + ".csr";
        String mlDsaTarget = csrMlDsa != null ? csrMlDsa : base + "-ml-dsa.csr";
        if (chosen == EnvelopeProfile.HYBRID && Invocation.STDIO.equals(csrTarget) && Invocation.STDIO.equals(mlDsaTarget)) {
            throw new CliFailure(ExitCode.USAGE, "the two requests cannot both go to standard output: give --csr or --csr-ml-dsa a file");
        }
        char[] password = run.keyStorePassword(true);
        AgencyKeyStore.Generated generated = AgencyKeyStore.generate(file, agency, chosen, password, force);
        run.write(csrTarget, generated.csrPem().getBytes(StandardCharsets.US_ASCII), false, "the certificate request");
        var err = root.io().err();
        err.println("Generated an EC P-256 key for " + agency + " in " + file);
        err.println("  public key SHA-256: " + generated.keyStore().publicKeyFingerprint());
        if (!Invocation.STDIO.equals(csrTarget)) {
            err.println("Certificate request: " + csrTarget);
        }
        if (generated.mlDsaCsrPem().isPresent()) {
            run.write(mlDsaTarget, generated.mlDsaCsrPem().get().getBytes(StandardCharsets.US_ASCII), false,
                    "the ML-DSA-65 certificate request");
            err.println("Generated an ML-DSA-65 signing key and an ML-KEM-768 recipient key for " + agency + " in " + file);
            err.println("  ML-DSA-65 public key SHA-256: " + generated.keyStore().mlDsaPublicKeyFingerprint().orElseThrow());
            if (!Invocation.STDIO.equals(mlDsaTarget)) {
                err.println("ML-DSA-65 certificate request: " + mlDsaTarget);
            }
            err.println("Send both requests to the exchange's trust administrator, then install the two chains they send back:");
            err.println("  synergie cert install CHAIN.pem ML-DSA-CHAIN.pem");
        } else {
            err.println("Send the request to the exchange's trust administrator, then install the chain they send back:");
            err.println("  synergie cert install CHAIN.pem");
        }
        return ExitCode.OK.code();
    }
}
