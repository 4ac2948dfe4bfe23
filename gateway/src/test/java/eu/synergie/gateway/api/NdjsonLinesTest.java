package eu.synergie.gateway.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NdjsonLinesTest {

    @Test
    void nextWhenLinesEndInLfOrCrLfOrNothingThenEachLineWithoutItsEnd() throws IOException {
        assertThat(lines("a\nbb\r\n\nccc", 10)).containsExactly("a", "bb", "", "ccc");
        assertThat(lines("a\n", 10)).containsExactly("a");
        assertThat(lines("", 10)).isEmpty();
    }

    @Test
    void nextWhenLineIsAtTheLimitThenKeptAndOneMoreThenReportedTooLong() throws IOException {
        assertThat(lines("0123456789\r\n0123456789x\nok", 10)).containsExactly("0123456789", NdjsonLines.TOO_LONG, "ok");
    }

    @Test
    void nextWhenAHugeLineSpansManyReadsThenItIsSkippedAndTheNextLinesStillCome() throws IOException {
        String huge = "x".repeat(100_000);
        List<String> lines = lines("first\n" + huge + "\nlast\n", 1000);
        assertThat(lines).containsExactly("first", NdjsonLines.TOO_LONG, "last");
        assertThat(lines.get(1)).isSameAs(NdjsonLines.TOO_LONG);
    }

    private static List<String> lines(String body, int maxChars) throws IOException {
        // Hands out at most 7 characters per read, so that lines straddle the reads.
        Reader trickle = new StringReader(body) {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, 7));
            }
        };
        NdjsonLines reader = new NdjsonLines(trickle, maxChars);
        List<String> lines = new ArrayList<>();
        for (String line = reader.next(); line != null; line = reader.next()) {
            lines.add(line);
        }
        return lines;
    }
}
