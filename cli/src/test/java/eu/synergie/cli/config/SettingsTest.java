package eu.synergie.cli.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @TempDir
    Path folder;

    private Path config(String content) throws IOException {
        Path dir = Files.createDirectories(folder.resolve("home/.config/synergie"));
        Path file = dir.resolve("cli.properties");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private Map<String, String> home() {
        return Map.of("HOME", folder.resolve("home").toString());
    }

    @Test
    void resolveWhenGivenEverywhereThenOptionBeatsEnvironmentBeatsFile() throws IOException {
        config("server=https://from-file.example\nclient-id=feed-file\nconcurrency=4\n");
        Map<String, String> environment = new java.util.HashMap<>(home());
        environment.put("SYNERGIE_SERVER", "https://from-env.example");
        environment.put("SYNERGIE_CLIENT_ID", "feed-env");

        Settings settings = Settings.resolve(Map.of(Setting.SERVER, "https://from-option.example"), environment,
                Optional.empty(), folder);

        assertThat(settings.text(Setting.SERVER)).hasValue("https://from-option.example");
        assertThat(settings.sourceOf(Setting.SERVER)).isEqualTo("option --server");
        assertThat(settings.text(Setting.CLIENT_ID)).hasValue("feed-env");
        assertThat(settings.sourceOf(Setting.CLIENT_ID)).isEqualTo("environment SYNERGIE_CLIENT_ID");
        assertThat(settings.count(Setting.CONCURRENCY, 8, 1, 64)).isEqualTo(4);
        assertThat(settings.sourceOf(Setting.CONCURRENCY)).startsWith("config ");
        assertThat(settings.isSet(Setting.TOKEN_URL)).isFalse();
    }

    @Test
    void resolveWhenExplicitConfigThenUsedInsteadOfTheDefaultOne() throws IOException {
        config("server=https://default.example\n");
        Path other = folder.resolve("other.properties");
        Files.writeString(other, "server=https://other.example\n");

        Settings settings = Settings.resolve(Map.of(), home(), Optional.of(other), folder);

        assertThat(settings.text(Setting.SERVER)).hasValue("https://other.example");
    }

    @Test
    void pathWhenRelativeInConfigFileThenRelativeToItsFolderElseToTheWorkingFolder() throws IOException {
        Path file = config("keystore=keys/be-pjf.p12\nregion-certs=eu-west.pem, med.pem\n");

        Settings fromFile = Settings.resolve(Map.of(), home(), Optional.empty(), folder.resolve("work"));
        Settings fromOption = Settings.resolve(Map.of(Setting.KEYSTORE, "mine.p12"), home(), Optional.empty(), folder.resolve("work"));

        assertThat(fromFile.path(Setting.KEYSTORE)).hasValue(file.getParent().resolve("keys/be-pjf.p12"));
        assertThat(fromFile.paths(Setting.REGION_CERTS)).containsExactly(file.getParent().resolve("eu-west.pem"),
                file.getParent().resolve("med.pem"));
        assertThat(fromOption.path(Setting.KEYSTORE)).hasValue(folder.resolve("work/mine.p12"));
    }

    @Test
    void requiredWhenMissingThenMessageNamesOptionVariableAndFile() {
        Settings settings = Settings.resolve(Map.of(), home(), Optional.empty(), folder);

        assertThatThrownBy(() -> settings.required(Setting.SERVER, "push")).isInstanceOf(ConfigException.class)
                .hasMessage("push needs server: give --server, set SYNERGIE_SERVER, or add server=… to ~/.config/synergie/cli.properties");
        assertThatThrownBy(() -> settings.required(Setting.CLIENT_SECRET, "push"))
                .hasMessageContaining("set SYNERGIE_CLIENT_SECRET").hasMessageNotContaining("give --");
    }

    @Test
    void resolveWhenSecretGivenAsOptionThenRefused() {
        assertThatThrownBy(() -> Settings.resolve(Map.of(Setting.CLIENT_SECRET, "s3cret"), home(), Optional.empty(), folder))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot be given on the command line")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void resolveWhenUnknownKeyInFileThenRefusedNamingIt() throws IOException {
        config("sever=https://typo.example\n");

        assertThatThrownBy(() -> Settings.resolve(Map.of(), home(), Optional.empty(), folder))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown setting 'sever'").hasMessageContaining("server");
    }

    @Test
    void resolveWhenSecretsInAFileOthersCanReadThenWarned() throws IOException {
        Path file = config("client-secret=s3cret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        List<String> warnings = Settings.resolve(Map.of(), home(), Optional.empty(), folder).warnings();

        assertThat(warnings).singleElement().asString().contains("client-secret").contains("chmod 600")
                .doesNotContain("s3cret");
    }

    @Test
    void urlAndCountWhenMalformedThenMessageNamesKeyAndSource() {
        Settings settings = Settings.resolve(Map.of(Setting.SERVER, "exchange.example", Setting.CONCURRENCY, "0"), home(),
                Optional.empty(), folder);

        assertThatThrownBy(() -> settings.url(Setting.SERVER, "push")).hasMessageContaining("server (option --server)");
        assertThatThrownBy(() -> settings.count(Setting.CONCURRENCY, 8, 1, 64)).hasMessageContaining("from 1 to 64");
    }

    @Test
    void defaultLocationWhenXdgConfigHomeSetThenUnderIt() {
        assertThat(Settings.defaultLocation(Map.of("XDG_CONFIG_HOME", "/etc/xdg", "HOME", "/home/a")))
                .isEqualTo(Path.of("/etc/xdg/synergie/cli.properties"));
        assertThat(Settings.defaultLocation(Map.of("HOME", "/home/a"))).isEqualTo(Path.of("/home/a/.config/synergie/cli.properties"));
    }
}
