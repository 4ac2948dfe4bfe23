package eu.synergie.cli;

import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "For agencies" walk-through, run as written with bash against this exchange: its shell
 * block is taken from README.md, the quick start's addresses are replaced by this exchange's, and the
 * secrets are typed at its prompts. It runs in a folder laid out like the clone after {@code ./run}:
 * {@code ./synergie}, and the exchange's {@code .synergie/gateway} and {@code .synergie/keys-password}.
 */
class ReadmeWalkthroughIT extends ExchangeIntegrationTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("synergie.repository", "..")).toAbsolutePath().normalize();
    private static final Pattern SHELL_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

    @Test
    void walkthroughWhenRunAsWrittenThenKeyCertificateSealVerifyAndPushSucceedAndAnAnalystFindsTheNotices() throws Exception {
        registerAgency();
        String script = walkthrough()
                .replace("http://localhost:8080", server())
                .replace("http://localhost:8180", SharedStack.keycloak().url());
        Path clone = Files.createDirectories(Path.of("target/readme-" + UUID.randomUUID()).toAbsolutePath());
        Files.createSymbolicLink(clone.resolve("synergie"), REPOSITORY.resolve("synergie"));
        Files.createDirectories(clone.resolve(".synergie"));
        Files.createSymbolicLink(clone.resolve(".synergie/gateway"), HOME);
        Files.writeString(clone.resolve(".synergie/keys-password"), KEYS_PASSWORD + "\n");
        Files.writeString(clone.resolve("walkthrough.sh"), script);

        ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "walkthrough.sh")
                .directory(clone.toFile())
                .redirectErrorStream(true)
                .redirectOutput(clone.resolve("walkthrough.log").toFile());
        Map<String, String> env = bash.environment();
        env.keySet().removeIf(name -> name.startsWith("SYNERGIE_"));
        env.put("HOME", clone.resolve("home").toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SYNERGIE_CLI_JAR", Path.of(System.getProperty("synergie.cli.jar", "target/synergie-cli-exec.jar"))
                .toAbsolutePath().toString());
        Process process = bash.start();
        try (OutputStream typed = process.getOutputStream()) {
            typed.write((FEED_SECRET + "\nwalk-through-" + KEYS_PASSWORD + "\ndemo\ndemo\n").getBytes(StandardCharsets.UTF_8));
        }
        boolean finished = process.waitFor(4, TimeUnit.MINUTES);
        String log = Files.readString(clone.resolve("walkthrough.log"));
        if (!finished) {
            process.destroyForcibly();
        }

        assertThat(finished).as(log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("Generated an EC P-256 key for BE-PJF")
                .contains("Installed the certificate of BE-PJF")
                .contains("Verified: signed by BE-PJF")
                .containsPattern("accepted +2 ")
                .contains("\"total\":");
        assertThat(log).as("no secret shown").doesNotContain(FEED_SECRET).doesNotContain("walk-through-" + KEYS_PASSWORD);
        assertThat(clone.resolve("feed.jsonl.synergie-resume")).exists();
        awaitSearchable("zeebrugge", 2, Duration.ofMinutes(1));
    }

    /** The first shell block of the README's "For agencies" section. */
    private static String walkthrough() throws IOException {
        String readme = Files.readString(REPOSITORY.resolve("README.md"));
        int start = readme.indexOf("\n## For agencies\n");
        assertThat(start).as("README has a section \"For agencies\"").isPositive();
        int end = readme.indexOf("\n## ", start + 1);
        Matcher block = SHELL_BLOCK.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        assertThat(block.find()).as("the section has a sh block").isTrue();
        return block.group(1);
    }
}
