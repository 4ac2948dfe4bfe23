package eu.synergie.cli.push;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesFeedTest {

    @TempDir
    Path folder;

    private static List<FeedItem> all(Feed feed) throws IOException {
        List<FeedItem> items = new ArrayList<>();
        for (FeedItem item = feed.next(); item != null; item = feed.next()) {
            items.add(item);
        }
        return items;
    }

    @Test
    void nextWhenBlankLinesAndCrlfThenLineNumbersAsAnEditorShowsThem() throws IOException {
        Path file = folder.resolve("feed.jsonl");
        Files.writeString(file, "{\"a\":1}\n\n   \n{\"b\":2}\r\n{\"c\":3}", StandardCharsets.UTF_8);

        try (Feed feed = Feed.open(file)) {
            List<FeedItem> items = all(feed);
            assertThat(items).extracting(FeedItem::location).containsExactly("line 1", "line 4", "line 5");
            assertThat(items).extracting(FeedItem::sequence).containsExactly(1L, 2L, 3L);
            assertThat(items).extracting(i -> new String(i.bytes(), StandardCharsets.UTF_8))
                    .containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
            assertThat(feed.count()).isEqualTo(OptionalLong.of(3));
        }
    }

    @Test
    void nextWhenByteOrderMarkThenDropped() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] content = "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + content.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(content, 0, all, 3, content.length);

        FeedItem item = Feed.of("stdin", new ByteArrayInputStream(all)).next();

        assertThat(new String(item.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    @Test
    void nextWhenLineLongerThanAnEnvelopeMayBeThenReportedAndTheNextLineStillRead() throws IOException {
        String huge = "x".repeat(JsonLinesFeed.MAX_LINE_BYTES + 10);
        Feed feed = Feed.of("stdin", new ByteArrayInputStream((huge + "\n{\"b\":2}\n").getBytes(StandardCharsets.UTF_8)));

        List<FeedItem> items = all(feed);

        assertThat(items).hasSize(2);
        assertThat(items.get(0).problem()).contains("longer than");
        assertThat(items.get(0).bytes()).isEmpty();
        assertThat(items.get(1).location()).isEqualTo("line 2");
        assertThat(items.get(1).problem()).isNull();
    }

    @Test
    void openWhenFolderThenJsonFilesInNameOrder() throws IOException {
        Files.writeString(folder.resolve("0002.json"), "{\"b\":2}");
        Files.writeString(folder.resolve("0001.json"), "{\"a\":1}");
        Files.writeString(folder.resolve("readme.txt"), "not a notice");

        try (Feed feed = Feed.open(folder)) {
            assertThat(feed.count()).isEqualTo(OptionalLong.of(2));
            assertThat(all(feed)).extracting(FeedItem::location).containsExactly("file 0001.json", "file 0002.json");
        }
    }

    @Test
    void digestWhenSameBytesThenSameAndOtherwiseDifferent() {
        FeedItem a = FeedItem.of(1, "line 1", "{\"a\":1}".getBytes());
        FeedItem same = FeedItem.of(9, "line 9", "{\"a\":1}".getBytes());
        FeedItem other = FeedItem.of(1, "line 1", "{\"a\":2}".getBytes());

        assertThat(a.digest()).hasSize(32).isEqualTo(same.digest()).isNotEqualTo(other.digest());
    }
}
