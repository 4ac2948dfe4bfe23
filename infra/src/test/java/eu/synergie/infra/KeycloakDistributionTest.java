package eu.synergie.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Keycloak distribution is built (Quarkus augmentation) once per build and reused. Run here, in the infra module,
 * which builds alongside the crypto module: the test JVMs of the modules after it start their Keycloak from the build
 * instead of waiting 15 s for it first.
 */
class KeycloakDistributionTest {

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "JAVA_HOME", System.getProperty("java.home"),
            "JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow");

    @TempDir
    Path logs;

    @Test
    void builtKeycloakWhenAskedAgainThenTheSameBuildWithoutRunData() throws Exception {
        Path home = Distributions.builtKeycloak(ENVIRONMENT, logs.resolve("build.log"));
        Path marker = home.getParent().resolve(".built");
        FileTime builtAt = Files.getLastModifiedTime(marker);

        Path again = Distributions.builtKeycloak(ENVIRONMENT, logs.resolve("again.log"));

        assertThat(again).isEqualTo(home);
        assertThat(Files.getLastModifiedTime(marker)).as("not built a second time").isEqualTo(builtAt);
        assertThat(Files.readString(marker)).isEqualTo(Distributions.keycloakVersion());
        assertThat(home.resolve("bin/kc.sh")).isExecutable();
        assertThat(home.resolve("lib/quarkus/quarkus-application.dat")).isNotEmptyFile();
        assertThat(home.resolve("data")).as("each server's data starts empty").doesNotExist();
    }
}
