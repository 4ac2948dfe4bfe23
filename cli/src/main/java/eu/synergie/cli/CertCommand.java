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
import java.util.ArrayList;
import java.util.Collections;
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
                    "A hybrid key store takes two: the EC P-256 key's chain and the ML-DSA-65 key's (up to the exchange's "
                            + "ML-DSA-65 root), in either order, together or one at a time; each goes to the key it certifies.",
                    "Checks that each certificate is for a key of this key store and this agency and that its chain is "
                            + "valid, and that its root is the one installed before, if any."},
            footer = {"", "Examples:", "  synergie cert install be-pjf-chain.pem",
                    "  synergie cert install be-pjf-chain.pem be-pjf-ml-dsa-chain.pem"})
    static final class Install implements Callable<Integer> {

        @ParentCommand
        CertCommand cert;

        @Parameters(arity = "0..2", paramLabel = "CHAIN",
                description = "The PEM chain, or the two chains of a hybrid key store (default: one chain on standard input).")
        List<String> chainFiles = List.of();

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
            List<List<X509Certificate>> chains = new ArrayList<>();
            for (String file : chainFiles.isEmpty() ? Collections.<String>singletonList(null) : chainFiles) {
                chains.add(AgencyKeyStore.readChain(new String(run.read(file, "the certificate chain"), StandardCharsets.US_ASCII)));
            }
            char[] password = run.keyStorePassword(false);
            AgencyKeyStore store = AgencyKeyStore.read(run.keyStorePath("cert install"), password);
            for (AgencyKeyStore.Installed installed : store.installAll(chains, password, acceptNewRoot)) {
                // The EC certificate keeps the wording of a classical key store's, which scripts may look for.
                io.out().println("Installed the " + (installed.key() == AgencyKeyStore.SigningKey.EC_P256 ? ""
                        : installed.key().label() + " ") + "certificate of " + store.agency() + " in " + store.file());
                describe(io, installed.certificate(), installed.root());
                if (installed.rootChanged()) {
                    io.out().println("  the exchange's root CA changed (accepted with --accept-new-root)");
                }
            }
            AgencyKeyStore after = AgencyKeyStore.read(store.file(), password);
            if (after.pending() || after.postQuantumPending()) {
                io.out().println("  still to install: the " + (after.pending() ? "EC P-256" : "ML-DSA-65") + " key's chain");
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
            if (store.mlDsaPublicKeyFingerprint().isPresent()) {
                io.out().println("ML-DSA-65 key (hybrid profile; and an ML-KEM-768 recipient key)");
                io.out().println("  public key SHA-256: " + store.mlDsaPublicKeyFingerprint().get());
                if (store.postQuantumPending()) {
                    io.out().println("  no ML-DSA-65 certificate installed yet (request pending): synergie cert install ML-DSA-CHAIN.pem");
                    return ExitCode.TRUST.code();
                }
                var mlDsa = store.postQuantumCredentials().orElseThrow().mlDsa();
                describe(io, mlDsa.certificate(), mlDsa.chain().getLast());
            }
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
