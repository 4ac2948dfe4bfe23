package eu.synergie.cli.push;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * JSON lines (one notice per line, UTF-8, LF or CRLF; blank lines are skipped but counted, so line
 * numbers are those an editor shows). A line longer than the largest envelope the exchange accepts is
 * reported, not read into memory.
 *
 * @see <a href="https://jsonlines.org/">JSON Lines</a>
 */
final class JsonLinesFeed implements Feed {

    /** The exchange's default envelope limit: a notice longer than this cannot be sealed within it. */
    static final int MAX_LINE_BYTES = 1 << 20;

    interface Counter {
        OptionalLong count() throws IOException;
    }

    private final String name;
    private final InputStream in;
    private final Counter counter;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
    private long lineNumber;
    private long sequence;
    private boolean atEnd;

    JsonLinesFeed(String name, InputStream in, Counter counter) {
        this.name = name;
        this.in = new BufferedInputStream(in, 1 << 16);
        this.counter = counter;
    }

    @Override
    public FeedItem next() throws IOException {
        while (!atEnd) {
            line.reset();
            boolean tooLong = false;
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (line.size() < MAX_LINE_BYTES) {
                    line.write(b);
                } else {
                    tooLong = true;
                }
            }
            if (b == -1) {
                atEnd = true;
                if (line.size() == 0 && !tooLong) {
                    return null;
                }
            }
            lineNumber++;
            byte[] bytes = line.toByteArray();
            int length = bytes.length;
            if (length > 0 && bytes[length - 1] == '\r') {
                length--;
            }
            int start = lineNumber == 1 && length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                    && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
            if (tooLong) {
                return FeedItem.unreadable(++sequence, "line " + lineNumber, "line is longer than " + MAX_LINE_BYTES + " bytes");
            }
            if (isBlank(bytes, start, length)) {
                continue;
            }
            byte[] notice = new byte[length - start];
            System.arraycopy(bytes, start, notice, 0, notice.length);
            return FeedItem.of(++sequence, "line " + lineNumber, notice);
        }
        return null;
    }

    @Override
    public OptionalLong count() throws IOException {
        return counter.count();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The non-blank lines of a file, in one pass over its bytes. */
    static OptionalLong countLines(Path file) throws IOException {
        long count = 0;
        boolean content = false;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        if (content) {
                            count++;
                        }
                        content = false;
                    } else if (b != ' ' && b != '\t' && b != '\r') {
                        content = true;
                    }
                }
            }
        }
        return OptionalLong.of(content ? count + 1 : count);
    }

    private static boolean isBlank(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
