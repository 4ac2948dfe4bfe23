package eu.synergie.cli;

import eu.synergie.cli.config.Setting;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.stix.Conversion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code synergie convert}: what {@code push --format stix} would send, for the agency to review first. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a STIX 2.1 bundle into the notices push --format stix would seal and send, without "
                + "sending anything: one notice per report (or grouping) and what it refers to, as JSON lines on "
                + "standard output (what push takes as a feed), every object that could not be mapped named on "
                + "standard error.",
                "The agency is the originator of every notice (--agency, or the key store's agency); markings come "
                        + "from the bundle (TLP 2.0 and 1.0, MISP's and OpenCTI's, Synergie's own), else cautious "
                        + "defaults: RESTRICTED, H2, POINTER, TLP:AMBER."},
        footer = {"", "Example:", "  synergie convert --format stix --agency FR-DGPN --region EU-WEST bundle.json > notices.jsonl"})
final class ConvertCommand implements Callable<Integer> {

    @ParentCommand
    SynergieCli root;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The STIX 2.1 bundle (JSON), or - for standard input.")
    String input;

    @Option(names = "--format", paramLabel = "FORMAT", required = true, description = "The input's format: stix.")
    String format;

    @Option(names = "--region", paramLabel = "REGION", required = true, description = "The region the notices are for, e.g. EU-WEST.")
    String region;

    @Option(names = "--agency", paramLabel = "CODE", description = "The originating agency (default: the key store's).")
    String agency;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the notices (default: standard output).")
    String output;

    @Option(names = "--keystore", paramLabel = "FILE", description = "The agency's key store, for its code (setting keystore).")
    String keystore;

    @Option(names = "--config", paramLabel = "FILE", description = "The config file.")
    String config;

    @Override
    public Integer call() {
        if (!StixBundles.isStix(format)) {
            throw new CliFailure(ExitCode.USAGE, "convert reads --format stix only (notices need no conversion)");
        }
        Invocation run = Invocation.of(root.io(), config, Invocation.options(Setting.KEYSTORE, keystore));
        String originator = agency != null ? agency : run.keyStore("convert").agency();
        byte[] bundle = run.read(input, "the bundle");
        List<Conversion> conversions = StixBundles.convert(bundle, input, originator, region, root.io().err());
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (Conversion conversion : conversions) {
            lines.writeBytes(NoticeJson.write(conversion.notice()));
            lines.write('\n');
        }
        run.write(output, lines.toByteArray(), false, "the notices");
        root.io().err().println("Converted " + conversions.size() + " notice" + (conversions.size() == 1 ? "" : "s")
                + " of " + originator + " for region " + region + " ("
                + conversions.stream().mapToInt(c -> c.unmapped().size()).sum() + " objects not mapped)");
        return ExitCode.OK.code();
    }
}
