package eu.synergie.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command sees of the world: environment, working folder, standard streams and, when a person
 * is at a terminal, a way to ask for a password. Tests give their own.
 */
public record Io(Map<String, String> environment, Path workingDirectory, InputStream in, PrintStream out, PrintStream err,
                 Optional<PasswordPrompt> prompt, boolean terminal) {

    /** Asks a person for a secret without echoing it. */
    @FunctionalInterface
    public interface PasswordPrompt {
        char[] read(String prompt);
    }

    public Io {
        environment = Map.copyOf(environment);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(prompt, "prompt");
    }

    /** The process's own. */
    public static Io system() {
        Console console = System.console();
        boolean terminal = console != null && console.isTerminal();
        Optional<PasswordPrompt> prompt = terminal ? Optional.of(text -> console.readPassword("%s", text)) : Optional.empty();
        return new Io(System.getenv(), Path.of("").toAbsolutePath(), System.in, System.out, System.err, prompt, terminal);
    }

    /** A path given by the user, relative to the working folder. */
    Path path(String given) {
        return workingDirectory.resolve(given);
    }
}
