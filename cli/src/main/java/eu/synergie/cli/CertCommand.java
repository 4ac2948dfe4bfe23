package eu.synergie.cli;

import eu.synergie.cli.config.Setting;
import eu.synergie.cli.keys.AgencyKeyStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code synergie cert}: the agency's certificate in its key store. */
@Command(name = "cert", mixinStandardHelpOptions = true,
        description = "The agency's certificate: install the chain the exchange issued, or show what is installed.",
        subcommands = {CertCommand.Install.class, CertCommand.Show.class})
final class CertCommand implements Runnable {

    @ParentCommand
    SynergieCli root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Install the certificate chain the exchange's admin API issued for the key store's request "
                    + "(PEM, leaf first, up to the exchange's root CA).",
                    "Checks that the certificate is for this key and this agency and that the chain is valid, and that "
                            + "its root is the one installed before, if any."},
            footer = {"", "Example:", "  synergie cert install be-pjf-chain.pem"})
    static final class Install implements Callable<Integer> {

        @ParentCommand
        CertCommand cert;

        @Parameters(index = "0", arity = "0..1", paramLabel = "CHAIN", description = "The PEM chain (default: standard input).")
        String chain;

        @Option(names = "--keystore", paramLabel = "FILE", description = "The key store (setting keystore).")
        String keystore;

        @Option(names = "--accept-new-root",
                description = "Accept a chain whose root CA differs from the one installed before.")
        boolean acceptNewRoot;

        @Option(names = "--config", paramLabel = "FILE", description = "The config file.")
        String config;

        @Override
        public Integer call() {
            Io io = cert.root.io();
            Invocation run = Invocation.of(io, config, Invocation.options(Setting.KEYSTORE, keystore));
            List<X509Certificate> certificates = AgencyKeyStore.readChain(
                    new String(run.read(chain, "the certificate chain"), StandardCharsets.US_ASCII));
            char[] password = run.keyStorePassword(false);
            AgencyKeyStore store = AgencyKeyStore.read(run.keyStorePath("cert install"), password);
            AgencyKeyStore.Installed installed = store.install(certificates, password, acceptNewRoot);
            io.out().println("Installed the certificate of " + store.agency() + " in " + store.file());
            describe(io, installed.certificate(), installed.root());
            if (installed.rootChanged()) {
                io.out().println("  the exchange's root CA changed (accepted with --accept-new-root)");
            }
            return ExitCode.OK.code();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show the key store's certificate: agency, serial, validity, issuer and root CA fingerprint.")
    static final class Show implements Callable<Integer> {

        @ParentCommand
        CertCommand cert;

        @Option(names = "--keystore", paramLabel = "FILE", description = "The key store (setting keystore).")
        String keystore;

        @Option(names = "--config", paramLabel = "FILE", description = "The config file.")
        String config;

        @Override
        public Integer call() {
            Io io = cert.root.io();
            Invocation run = Invocation.of(io, config, Invocation.options(Setting.KEYSTORE, keystore));
            AgencyKeyStore store = run.keyStore("cert show");
            io.out().println("Key store " + store.file() + " of " + store.agency());
            io.out().println("  public key SHA-256: " + store.publicKeyFingerprint());
            if (store.pending()) {
                io.out().println("  no certificate installed yet (request pending): synergie cert install CHAIN.pem");
                return ExitCode.TRUST.code();
            }
            var credential = store.signingCredential();
            describe(io, credential.certificate(), credential.chain().getLast());
            return ExitCode.OK.code();
        }
    }

    static void describe(Io io, X509Certificate certificate, X509Certificate root) {
        io.out().println("  serial " + certificate.getSerialNumber().toString(16) + ", valid from "
                + certificate.getNotBefore().toInstant() + " until " + certificate.getNotAfter().toInstant());
        io.out().println("  issued by " + certificate.getIssuerX500Principal().getName());
        io.out().println("  root CA " + root.getSubjectX500Principal().getName() + ", SHA-256 "
                + AgencyKeyStore.fingerprint(AgencyKeyStore.encoded(root)));
    }
}
