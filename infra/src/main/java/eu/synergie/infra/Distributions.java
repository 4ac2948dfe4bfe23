package eu.synergie.infra;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Enumeration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The server distributions, as Maven fetched them from Central during the build, and their unpacking.
 * Unpacking keeps the Unix modes (the launch scripts must stay executable) and happens once per
 * folder: a marker file is written last, so an interrupted unpack is redone.
 */
final class Distributions {

    private static final Properties BUILD = load();

    private Distributions() {
    }

    static String elasticsearchVersion() {
        return BUILD.getProperty("elasticsearch.version");
    }

    static String keycloakVersion() {
        return BUILD.getProperty("keycloak.version");
    }

    static Path elasticsearchZip() {
        return existing("elasticsearch.zip");
    }

    static Path keycloakZip() {
        return existing("keycloak.zip");
    }

    /** GreenMail's standalone jar: the local SMTP server. */
    static Path greenMailJar() {
        return existing("greenmail.jar");
    }

    /** The runtime classpath of the Kafka broker, as the build resolved it. */
    static String kafkaClasspath() {
        try {
            return Files.readString(existing("kafka.classpath.file")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Unpacks {@code zip} into {@code target} unless a complete unpack is already there; returns the single
     * top folder of the archive inside {@code target}.
     */
    static Path unpackOnce(Path zip, Path target, String topFolder) {
        Path home = target.resolve(topFolder);
        Path marker = target.resolve("." + topFolder + ".unpacked");
        if (Files.exists(marker) && Files.isDirectory(home)) {
            return home;
        }
        try {
            Files.createDirectories(target);
            deleteRecursively(home);
            try (ZipFile archive = ZipFile.builder().setPath(zip).get()) {
                Enumeration<ZipArchiveEntry> entries = archive.getEntries();
                while (entries.hasMoreElements()) {
                    ZipArchiveEntry entry = entries.nextElement();
                    Path out = target.resolve(entry.getName()).normalize();
                    if (!out.startsWith(target)) {
                        throw new IOException("entry outside the target folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                        continue;
                    }
                    Files.createDirectories(out.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                    if ((entry.getUnixMode() & 0111) != 0) {
                        Set<PosixFilePermission> modes = EnumSet.copyOf(Files.getPosixFilePermissions(out));
                        modes.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE,
                                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
                        Files.setPosixFilePermissions(out, modes);
                    }
                }
            }
            Files.writeString(marker, zip.getFileName().toString());
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip + " into " + target, e);
        }
    }

    /**
     * The Keycloak distribution unpacked and built (Quarkus augmentation, {@code kc.sh build}) once for the whole
     * build, beside the zip: the build takes about 16 s and the unpack 2 s, which every test JVM and every fresh
     * quick-start folder paid again before. Its folder is a template only: servers run from links to it
     * ({@link #linkTree}), each with its own {@code data/}. A file lock lets JVMs that start at once build it once.
     */
    static Path builtKeycloak(Map<String, String> environment, Path console) {
        String top = "keycloak-" + keycloakVersion();
        Path root = keycloakZip().toAbsolutePath().getParent().resolve("keycloak-built");
        synchronized (Distributions.class) {
            try {
                Files.createDirectories(root);
                try (FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                    Path home = root.resolve(top);
                    Path marker = root.resolve(".built");
                    if (Files.exists(marker) && Files.isDirectory(home)) {
                        return home;
                    }
                    Files.deleteIfExists(marker);
                    deleteRecursively(root.resolve("." + top + ".unpacked"));
                    home = unpackOnce(keycloakZip(), root, top);
                    ServerProcess.start("keycloak-build", List.of(home.resolve("bin/kc.sh").toString(), "build",
                                    "--db=dev-file", "--health-enabled=true"), environment, home, console, List.of())
                            .awaitExit(Duration.ofMinutes(3));
                    // Nothing of a run belongs in the template: each server's data starts empty.
                    deleteRecursively(home.resolve("data"));
                    Files.writeString(marker, keycloakVersion());
                    return home;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the built Keycloak distribution under " + root, e);
            }
        }
    }

    /**
     * {@code to} as a tree of hard links to the files of {@code from} (copies where the file system refuses
     * links): instant, and no disk used twice. Only for files nobody writes in place (a built distribution);
     * anything a server writes goes into new files of its own folder.
     */
    static void linkTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                    continue;
                }
                try {
                    Files.createLink(target, source);
                } catch (FileSystemException | UnsupportedOperationException e) {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Path existing(String key) {
        Path path = Path.of(BUILD.getProperty(key));
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: build the infra module first ("
                    + "./mvnw -pl infra package), which fetches it from Maven Central");
        }
        return path;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Distributions.class.getResourceAsStream("distributions.properties")) {
            if (in == null) {
                throw new IllegalStateException("distributions.properties is missing from the infra jar");
            }
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
