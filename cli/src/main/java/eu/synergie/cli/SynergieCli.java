package eu.synergie.cli;

import eu.synergie.cli.config.ConfigException;
import eu.synergie.cli.keys.KeyStoreException;
import eu.synergie.cli.push.ResumeException;
import eu.synergie.client.AuthenticationException;
import eu.synergie.client.ExchangeUnavailableException;
import eu.synergie.client.UnsealableNoticeException;
import eu.synergie.client.UntrustedCertificateException;
import eu.synergie.crypto.envelope.EnvelopeException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code synergie} command. {@link #run(String[], Io)} is the whole program for a given world, so
 * tests call it in-process; {@link #main} gives it the real one.
 */
@Command(name = "synergie", mixinStandardHelpOptions = true, versionProvider = SynergieCli.Version.class,
        description = {"The agency side of the Synergie exchange: make the agency's key and certificate request, "
                + "install the certificate, seal and check notices, and push feeds of notices.", ""},
        subcommands = {KeygenCommand.class, CertCommand.class, PseudonymKeyCommand.class, RevealCommand.class, SealCommand.class, OpenCommand.class, VerifyCommand.class,
                PushCommand.class, ConvertCommand.class, DeskCommand.class, ConfigCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Settings come from options, then the environment (SYNERGIE_SERVER, SYNERGIE_TOKEN_URL, "
                + "SYNERGIE_CLIENT_ID, SYNERGIE_CLIENT_SECRET, SYNERGIE_KEYSTORE, SYNERGIE_KEYSTORE_PASSWORD, "
                + "SYNERGIE_REGION_CERTS), then ~/.config/synergie/cli.properties (or --config FILE). "
                + "Secrets are never taken from the command line. See: synergie config --help"})
public final class SynergieCli implements Runnable {

    @Spec
    CommandSpec spec;

    private final Io io;

    SynergieCli(Io io) {
        this.io = io;
    }

    Io io() {
        return io;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        int code = run(args, Io.system());
        System.out.flush();
        System.exit(code);
    }

    /** Runs the command line {@code args} in {@code io}; returns the exit code. */
    public static int run(String[] args, Io io) {
        CommandLine commandLine = new CommandLine(new SynergieCli(io), new Factory(io));
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(io.out(), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(io.err(), StandardCharsets.UTF_8), true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            out.flush();
            ExitCode exitCode = exitCodeOf(e);
            err.println("synergie: " + messageOf(e));
            if ("1".equals(io.environment().get("SYNERGIE_DEBUG"))) {
                e.printStackTrace(err);
            }
            err.flush();
            return exitCode.code();
        });
        configureExitCodes(commandLine);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            err.println("synergie: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            err.flush();
            return ExitCode.USAGE.code();
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Which exit code an exception that ends a command stands for. */
    static ExitCode exitCodeOf(Throwable e) {
        return switch (e) {
            case CliFailure failure -> failure.exitCode();
            case ConfigException c -> ExitCode.USAGE;
            case ResumeException r -> ExitCode.USAGE;
            case KeyStoreException k -> k.kind() == KeyStoreException.Kind.TRUST ? ExitCode.TRUST : ExitCode.USAGE;
            case UntrustedCertificateException u -> ExitCode.TRUST;
            case EnvelopeException envelope -> ExitCode.TRUST;
            case AuthenticationException a -> ExitCode.AUTH;
            case ExchangeUnavailableException u -> ExitCode.PARTIAL;
            case UnsealableNoticeException u -> ExitCode.USAGE;
            case UncheckedIOException io -> ExitCode.USAGE;
            default -> ExitCode.USAGE;
        };
    }

    private static String messageOf(Throwable e) {
        return switch (e) {
            case CliFailure f -> f.getMessage();
            case ConfigException c -> c.getMessage();
            case ResumeException r -> r.getMessage();
            case KeyStoreException k -> k.getMessage();
            case eu.synergie.client.SynergieClientException c -> c.getMessage();
            case EnvelopeException envelope -> "the envelope does not verify: " + envelope.reason() + ": " + envelope.getMessage();
            case UncheckedIOException io -> io.getMessage();
            default -> "unexpected error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + " (set SYNERGIE_DEBUG=1 for details)";
        };
    }

    // Picocli's own code for a bad option is 2; ours is 1, on every command, and every --help lists them.
    private static void configureExitCodes(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        spec.exitCodeOnInvalidInput(ExitCode.USAGE.code());
        spec.exitCodeOnExecutionException(ExitCode.USAGE.code());
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.helpList());
        commandLine.getSubcommands().values().forEach(SynergieCli::configureExitCodes);
    }

    /** Builds the commands with the world they run in. */
    private record Factory(Io io) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == SynergieCli.class) {
                return type.cast(new SynergieCli(io));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    /** The version in the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SynergieCli.class.getPackage().getImplementationVersion();
            return new String[] {"synergie " + (version == null ? "(development build)" : version)};
        }
    }
}
