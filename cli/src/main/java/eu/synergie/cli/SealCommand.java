package eu.synergie.cli;

import eu.synergie.cli.config.Setting;
import eu.synergie.client.AgencySealer;
import eu.synergie.client.SealedNotice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code synergie seal}: one notice into an envelope, as the exchange accepts it. */
@Command(name = "seal", mixinStandardHelpOptions = true,
        description = {"Seal one notice (JSON): sign it with the agency's key, bind its markings into the signature as "
                + "a security label, and encrypt it to its region's recipient certificate and to the agency itself.",
                "Writes the envelope (CMS, DER: what POST /api/v1/notices takes, and what openssl cms reads in the classical "
                        + "profile).",
                "Profile (--profile): hybrid (ECDH and ML-KEM-768 both needed to open, ECDSA signature countersigned with "
                        + "ML-DSA-65) when the key store holds the agency's post-quantum keys and the region's ML-KEM-768 "
                        + "certificate is among the region certificates, classical otherwise."},
        footer = {"", "Example:", "  synergie seal notice.json -o notice.p7m --region-cert eu-west.pem"})
final class SealCommand implements Callable<Integer> {

    @ParentCommand
    SynergieCli root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NOTICE", description = "The notice JSON (default: standard input).")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the envelope (default: standard output).")
    String output;

    @Option(names = "--keystore", paramLabel = "FILE", description = "The agency's key store (setting keystore).")
    String keystore;

    @Option(names = "--region-cert", paramLabel = "FILE", description = "A region's recipient certificate, PEM (repeatable; setting region-certs).")
    List<String> regionCerts = List.of();

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "auto",
            description = "auto (default: hybrid where possible), classical, or hybrid (refused unless possible).")
    String profile;

    @Option(names = "--config", paramLabel = "FILE", description = "The config file.")
    String config;

    @Override
    public Integer call() {
        Invocation run = Invocation.of(root.io(), config,
                Invocation.options(Setting.KEYSTORE, keystore, Setting.REGION_CERTS, regionCerts));
        byte[] notice = run.read(input, "the notice");
        AgencySealer sealer = run.sealer("seal", profile);
        SealedNotice sealed = sealer.seal(notice);
        run.write(output, sealed.envelope(), true, "the envelope");
        root.io().err().println("Sealed notice " + sealed.noticeId() + " of " + sealer.agency() + " for region "
                + sealed.region() + ", " + sealed.profile().name().toLowerCase(java.util.Locale.ROOT) + " profile ("
                + sealed.envelope().length + " bytes)");
        return ExitCode.OK.code();
    }
}
