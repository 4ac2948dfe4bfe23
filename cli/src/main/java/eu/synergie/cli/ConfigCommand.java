package eu.synergie.cli;

import eu.synergie.cli.config.Setting;
import eu.synergie.cli.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code synergie config}: the settings in effect and where each comes from; secrets shown as set or not, never their value. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Show the settings in effect and where each one comes from. Secret values are never shown.",
                "A setting is taken from the command-line option, else the environment variable, else the config file: "
                        + "--config FILE, else $SYNERGIE_CONFIG, else $XDG_CONFIG_HOME/synergie/cli.properties, else "
                        + "~/.config/synergie/cli.properties (Java properties, key=value; relative paths are relative to "
                        + "the file's folder; keep it chmod 600 if it holds a secret)."},
        footer = {"", "Settings (config key, environment variable, option):",
                "  server              SYNERGIE_SERVER               --server",
                "  token-url           SYNERGIE_TOKEN_URL            --token-url",
                "  client-id           SYNERGIE_CLIENT_ID            --client-id",
                "  client-secret       SYNERGIE_CLIENT_SECRET        (secret: no option)",
                "  keystore            SYNERGIE_KEYSTORE             --keystore",
                "  keystore-password   SYNERGIE_KEYSTORE_PASSWORD    (secret: no option)",
                "  region-certs        SYNERGIE_REGION_CERTS         --region-cert",
                "  recipient-keystore  SYNERGIE_RECIPIENT_KEYSTORE   --recipient",
                "  recipient-keystore-password  SYNERGIE_RECIPIENT_KEYSTORE_PASSWORD  (secret: no option)",
                "  concurrency         SYNERGIE_CONCURRENCY          --concurrency",
                "  batch-size          SYNERGIE_BATCH_SIZE           --batch-size"})
final class ConfigCommand implements Callable<Integer> {

    @ParentCommand
    SynergieCli root;

    @Option(names = "--config", paramLabel = "FILE", description = "The config file.")
    String config;

    @Override
    public Integer call() {
        Io io = root.io();
        Invocation run = Invocation.of(io, config, Invocation.options());
        Settings settings = run.settings;
        io.out().println("config file: " + settings.configFile().map(Object::toString)
                .orElse("none (" + Settings.defaultLocation(io.environment()) + " does not exist)"));
        for (Setting setting : Setting.values()) {
            String value = settings.isSet(setting)
                    ? (setting.secret() ? "(set)" : settings.text(setting).orElseThrow())
                    : "(not set)";
            io.out().println(String.format(Locale.ROOT, "%-28s %-44s %s", setting.key(), value,
                    settings.isSet(setting) ? settings.sourceOf(setting) : ""));
        }
        return ExitCode.OK.code();
    }
}
