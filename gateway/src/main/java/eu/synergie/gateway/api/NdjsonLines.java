package eu.synergie.gateway.api;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads the lines of an NDJSON body, holding at most {@code maxChars} characters of any one line: a longer
 * line is read through and reported as {@link #TOO_LONG}, so a single huge line cannot fill the memory
 * (the whole body is bounded separately, by {@link RequestSizeLimit}).
 */
final class NdjsonLines {

    /** Returned, by identity, for a line over the limit. */
    static final String TOO_LONG = new String("(line too long)");

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int end;

    NdjsonLines(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its line end ({@code \n} or {@code \r\n}), {@link #TOO_LONG}, or null at the end. */
    String next() throws IOException {
        StringBuilder line = null;
        boolean tooLong = false;
        while (true) {
            if (position == end) {
                int read = in.read(buffer, 0, buffer.length);
                if (read <= 0) {
                    if (line == null && !tooLong) {
                        return null;
                    }
                    break;
                }
                position = 0;
                end = read;
            }
            int start = position;
            while (position < end && buffer[position] != '\n') {
                position++;
            }
            if (line == null) {
                line = new StringBuilder();
            }
            if (!tooLong) {
                if (line.length() + (position - start) > maxChars + 1) { // + 1: a '\r' before the '\n'
                    tooLong = true;
                    line.setLength(0);
                } else {
                    line.append(buffer, start, position - start);
                }
            }
            if (position < end) {
                position++; // the '\n'
                break;
            }
        }
        if (tooLong) {
            return TOO_LONG;
        }
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
            line.setLength(length - 1);
        }
        return line.length() > maxChars ? TOO_LONG : line.toString();
    }
}
