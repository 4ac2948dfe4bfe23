package eu.synergie.cli.push;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which notices of a feed the exchange has acknowledged, so that a push run again after a crash, a kill
 * or Ctrl-C sends only the others. A text file, one line per acknowledged notice, appended and flushed to
 * the operating system as each acknowledgement arrives (so a killed process loses none), read back on
 * the next run:
 *
 * <pre>
 * # synergie push resume file v1
 * # server https://exchange.example.eu
 * 3f2a…c9 7e0b5f6c-… line 42
 * </pre>
 *
 * Each line holds the notice's {@linkplain FeedItem#digest() digest}, its id and its place in the feed
 * (for people). A line cut short by a crash is ignored. A notice acknowledged by the exchange just as the
 * process died is not in the file and is sent again on the next run: the exchange keeps one document
 * per notice id, so this costs one duplicate request, never a duplicate notice.
 */
public final class ResumeLog implements Closeable {

    static final String HEADER = "# synergie push resume file v1";
    private static final String SERVER = "# server ";
    private static final Pattern ENTRY = Pattern.compile("^([0-9a-f]{32}) (\\S+) (.+)$");

    private final Path file;
    private final Set<String> acknowledged;
    private final int previously;
    private final Writer writer;

    private ResumeLog(Path file, Set<String> acknowledged, Writer writer) {
        this.file = file;
        this.acknowledged = acknowledged;
        this.previously = acknowledged.size();
        this.writer = writer;
    }

    /** No resume file: everything is sent, nothing is remembered. */
    public static ResumeLog disabled() {
        return new ResumeLog(null, new HashSet<>(), null);
    }

    /**
     * Opens {@code file} for a push to {@code server}, reading what an earlier run recorded.
     *
     * @param restart forget what the file records and start over
     * @throws ResumeException if the file records pushes to another server, or cannot be read or written
     */
    public static ResumeLog open(Path file, String server, boolean restart) {
        Set<String> acknowledged = new HashSet<>();
        try {
            boolean exists = Files.exists(file) && Files.size(file) > 0;
            if (exists && !restart) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.isEmpty() || !lines.getFirst().equals(HEADER)) {
                    throw new ResumeException(file + " is not a synergie resume file: give --resume-file for another "
                            + "file, or --restart to overwrite it", null);
                }
                Optional<String> recordedServer = lines.stream().filter(l -> l.startsWith(SERVER))
                        .map(l -> l.substring(SERVER.length())).findFirst();
                if (recordedServer.isPresent() && !recordedServer.get().equals(server)) {
                    throw new ResumeException(file + " records a push to " + recordedServer.get() + ", not to " + server
                            + ": give --resume-file for another file, or --restart to start over", null);
                }
                for (String line : lines) {
                    Matcher entry = ENTRY.matcher(line);
                    if (entry.matches()) {
                        acknowledged.add(entry.group(1));
                    }
                }
                terminateLastLine(file);
            }
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Writer writer;
            if (exists && !restart) {
                writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.APPEND),
                        StandardCharsets.UTF_8));
            } else {
                writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), StandardCharsets.UTF_8));
                writer.write(HEADER + "\n" + SERVER + server + "\n");
                writer.flush();
            }
            return new ResumeLog(file, acknowledged, writer);
        } catch (IOException e) {
            throw new ResumeException("cannot use resume file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file, unless resuming is off. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Acknowledged in an earlier run (or earlier in this one). */
    public boolean acknowledged(FeedItem item) {
        synchronized (acknowledged) {
            return acknowledged.contains(item.digest());
        }
    }

    /** How many notices earlier runs recorded. */
    public int previouslyAcknowledged() {
        return previously;
    }

    /** Records that the exchange acknowledged {@code item}; on disk before this returns. */
    public void acknowledge(FeedItem item, String noticeId) {
        String digest = item.digest();
        synchronized (acknowledged) {
            acknowledged.add(digest);
            if (writer == null) {
                return;
            }
            try {
                writer.write(digest + " " + noticeId + " " + item.location().replace('\n', ' ') + "\n");
                writer.flush();
            } catch (IOException e) {
                throw new ResumeException("cannot write resume file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            synchronized (acknowledged) {
                writer.close();
            }
        }
    }

    // After a crash in the middle of a line, the next entry must start on a line of its own.
    private static void terminateLastLine(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long length = raf.length();
            if (length == 0) {
                return;
            }
            raf.seek(length - 1);
            if (raf.read() != '\n') {
                raf.seek(length);
                raf.write('\n');
            }
            FileChannel channel = raf.getChannel();
            channel.force(false);
        }
    }
}
