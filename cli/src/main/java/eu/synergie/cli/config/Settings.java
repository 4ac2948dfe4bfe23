package eu.synergie.cli.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CLI's settings as resolved for one run. Each comes from the first place that has it: the command
 * line, then the environment, then the config file ({@code --config}, else {@code $SYNERGIE_CONFIG},
 * else {@code $XDG_CONFIG_HOME/synergie/cli.properties}, else {@code ~/.config/synergie/cli.properties}).
 * Relative paths in the config file are relative to the file's folder; elsewhere, to the working folder.
 */
public final class Settings {

    /** Where a value came from, for messages and {@code synergie config}. */
    public record Source(String description, Path baseFolder) {
    }

    private record Value(String text, Source source) {
    }

    private final Map<Setting, Value> values;
    private final Optional<Path> configFile;
    private final List<String> warnings;

    private Settings(Map<Setting, Value> values, Optional<Path> configFile, List<String> warnings) {
        this.values = values;
        this.configFile = configFile;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * @param options          what the command line gave (secrets cannot be among them)
     * @param environment      the process environment
     * @param explicitConfig   the {@code --config} file, if given
     * @param workingDirectory what relative paths outside the config file are relative to
     * @throws ConfigException if the config file is missing (when named), unreadable, or holds an unknown key
     */
    public static Settings resolve(Map<Setting, String> options, Map<String, String> environment,
                                   Optional<Path> explicitConfig, Path workingDirectory) {
        List<String> warnings = new ArrayList<>();
        Optional<Path> file = configFile(explicitConfig, environment, workingDirectory);
        Properties properties = file.map(f -> read(f, warnings)).orElseGet(Properties::new);
        Map<Setting, Value> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            String option = options.get(setting);
            String variable = environment.get(setting.environment());
            String fromFile = properties.getProperty(setting.key());
            if (option != null && setting.secret()) {
                throw new ConfigException(setting.key() + " is a secret and cannot be given on the command line: set "
                        + setting.environment() + " or put it in the config file");
            }
            if (option != null && !option.isBlank()) {
                values.put(setting, new Value(option, new Source("option " + setting.option().orElseThrow(), workingDirectory)));
            } else if (variable != null && !variable.isBlank()) {
                values.put(setting, new Value(variable, new Source("environment " + setting.environment(), workingDirectory)));
            } else if (fromFile != null && !fromFile.isBlank()) {
                values.put(setting, new Value(fromFile.strip(), new Source("config " + file.orElseThrow(),
                        file.orElseThrow().toAbsolutePath().getParent())));
            }
        }
        file.ifPresent(f -> warnIfSecretsReadableByOthers(f, properties, warnings));
        return new Settings(values, file, warnings);
    }

    /** The config file in use, if any. */
    public Optional<Path> configFile() {
        return configFile;
    }

    /** Things the user should know, such as a config file with secrets that others can read. */
    public List<String> warnings() {
        return warnings;
    }

    public boolean isSet(Setting setting) {
        return values.containsKey(setting);
    }

    public Optional<String> text(Setting setting) {
        return Optional.ofNullable(values.get(setting)).map(Value::text);
    }

    /** Where {@code setting} came from, or {@code not set}. */
    public String sourceOf(Setting setting) {
        Value value = values.get(setting);
        return value == null ? "not set" : value.source().description();
    }

    /**
     * The value, or an error that names every place it can be given.
     *
     * @param purpose what needs it, as in "push needs server"
     */
    public String required(Setting setting, String purpose) {
        return text(setting).orElseThrow(() -> new ConfigException(purpose + " needs " + setting.key() + ": "
                + setting.option().map(o -> "give " + o + ", ").orElse("") + "set " + setting.environment()
                + ", or add " + setting.key() + "=… to " + configFile.map(Path::toString).orElse(defaultLocationHint())));
    }

    public URI url(Setting setting, String purpose) {
        String text = required(setting, purpose);
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null || !Set.of("http", "https").contains(String.valueOf(uri.getScheme()).toLowerCase())) {
                throw new URISyntaxException(text, "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(setting.key() + " (" + sourceOf(setting) + ") is not an http(s) URL: " + text);
        }
    }

    public Optional<Path> path(Setting setting) {
        Value value = values.get(setting);
        return value == null ? Optional.empty() : Optional.of(value.source().baseFolder().resolve(value.text()));
    }

    public Path requiredPath(Setting setting, String purpose) {
        required(setting, purpose);
        return path(setting).orElseThrow();
    }

    /** A comma-separated list of paths; empty when not set. */
    public List<Path> paths(Setting setting) {
        Value value = values.get(setting);
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.text().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> value.source().baseFolder().resolve(s)).toList();
    }

    public int count(Setting setting, int defaultValue, int min, int max) {
        Optional<String> text = text(setting);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.get().strip());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(setting.key() + " (" + sourceOf(setting) + ") must be a whole number from " + min
                    + " to " + max);
        }
    }

    /** The config file used when none is named, whether or not it exists. */
    public static Path defaultLocation(Map<String, String> environment) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "synergie", "cli.properties");
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".config", "synergie", "cli.properties");
    }

    private static String defaultLocationHint() {
        return "~/.config/synergie/cli.properties";
    }

    private static Optional<Path> configFile(Optional<Path> explicit, Map<String, String> environment, Path workingDirectory) {
        if (explicit.isPresent()) {
            Path file = workingDirectory.resolve(explicit.get());
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("config file " + file + " (option --config) does not exist");
            }
            return Optional.of(file);
        }
        String variable = environment.get("SYNERGIE_CONFIG");
        if (variable != null && !variable.isBlank()) {
            Path file = workingDirectory.resolve(variable);
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("config file " + file + " (environment SYNERGIE_CONFIG) does not exist");
            }
            return Optional.of(file);
        }
        Path file = defaultLocation(environment);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private static Properties read(Path file, List<String> warnings) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        for (String key : properties.stringPropertyNames()) {
            if (Setting.ofKey(key).isEmpty()) {
                throw new ConfigException("unknown setting '" + key + "' in " + file + " (known: "
                        + Arrays.stream(Setting.values()).map(Setting::key).collect(Collectors.joining(", ")) + ")");
            }
        }
        return properties;
    }

    private static void warnIfSecretsReadableByOthers(Path file, Properties properties, List<String> warnings) {
        List<String> secrets = Arrays.stream(Setting.values()).filter(Setting::secret)
                .map(Setting::key).filter(properties::containsKey).toList();
        if (secrets.isEmpty()) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                warnings.add(file + " holds " + String.join(" and ", secrets)
                        + " and others can read it: chmod 600 " + file);
            }
        } catch (UnsupportedOperationException | IOException notPosix) {
            // Nothing to check on a file system without POSIX permissions.
        }
    }
}
