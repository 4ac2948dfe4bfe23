package eu.synergie.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Runs the {@code synergie} command in-process with a given environment and standard input; keeps what it printed. */
public record CliRun(int exitCode, String out, byte[] outBytes, String err) {

    public static CliRun run(Path workingDirectory, Map<String, String> environment, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("HOME", workingDirectory.resolve("home").toString());
        Io io = new Io(env, workingDirectory, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Optional.empty(), false);
        int code = SynergieCli.run(args, io);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    public static CliRun run(Path workingDirectory, Map<String, String> environment, String... args) {
        return run(workingDirectory, environment, new byte[0], args);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
    }
}
