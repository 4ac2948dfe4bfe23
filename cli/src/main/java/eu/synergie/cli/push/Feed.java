package eu.synergie.cli.push;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A source of notices, read one at a time so that a feed of any size takes little memory: a file of
 * JSON lines (one notice per line, blank lines ignored), a folder of {@code .json} files (one notice
 * each, in name order), or standard input as JSON lines.
 */
public interface Feed extends Closeable {

    /** The next notice, or null at the end. */
    FeedItem next() throws IOException;

    /** How many notices the feed holds, when that can be known in advance. */
    OptionalLong count() throws IOException;

    /** The feed as named in reports. */
    String name();

    /** A file of JSON lines or a folder of JSON files, by what {@code path} is. */
    static Feed open(Path path) throws IOException {
        return open(path, path.toString());
    }

    /** As {@link #open(Path)}, named in reports as {@code name} (as the user gave it). */
    static Feed open(Path path, String name) throws IOException {
        if (Files.isDirectory(path)) {
            return new JsonFilesFeed(path, name);
        }
        if (!Files.isRegularFile(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString(), null, "no such file or folder");
        }
        return new JsonLinesFeed(name, Files.newInputStream(path), () -> JsonLinesFeed.countLines(path));
    }

    /**
     * Notices made beforehand (from a STIX bundle), each with where a person finds its source ({@code report report--…}):
     * held in memory, as the bundle they came from was.
     */
    static Feed of(String name, java.util.List<java.util.Map.Entry<String, byte[]>> notices) {
        java.util.List<java.util.Map.Entry<String, byte[]>> items = java.util.List.copyOf(notices);
        return new Feed() {
            private int next;

            @Override
            public FeedItem next() {
                if (next >= items.size()) {
                    return null;
                }
                var item = items.get(next++);
                return FeedItem.of(next, item.getKey(), item.getValue());
            }

            @Override
            public OptionalLong count() {
                return OptionalLong.of(items.size());
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public void close() {
            }
        };
    }

    /** JSON lines from a stream such as standard input; the count is unknown. */
    static Feed of(String name, InputStream in) {
        return new JsonLinesFeed(name, in, OptionalLong::empty);
    }
}
