package eu.synergie.cli.push;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** A folder of {@code .json} files, one notice each, taken in name order (sub-folders are not read). */
final class JsonFilesFeed implements Feed {

    private final Path folder;
    private final String name;
    private final List<Path> files;
    private final Iterator<Path> next;
    private long sequence;

    JsonFilesFeed(Path folder, String name) throws IOException {
        this.folder = folder;
        this.name = name;
        try (Stream<Path> listing = Files.list(folder)) {
            this.files = listing.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted().toList();
        }
        this.next = files.iterator();
    }

    @Override
    public FeedItem next() {
        if (!next.hasNext()) {
            return null;
        }
        Path file = next.next();
        String location = "file " + file.getFileName();
        try {
            if (Files.size(file) > JsonLinesFeed.MAX_LINE_BYTES) {
                return FeedItem.unreadable(++sequence, location, "file is larger than " + JsonLinesFeed.MAX_LINE_BYTES + " bytes");
            }
            return FeedItem.of(++sequence, location, Files.readAllBytes(file));
        } catch (IOException e) {
            return FeedItem.unreadable(++sequence, location, "cannot read the file: " + e.getMessage());
        }
    }

    @Override
    public OptionalLong count() {
        return OptionalLong.of(files.size());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        // nothing held open between files
    }
}
