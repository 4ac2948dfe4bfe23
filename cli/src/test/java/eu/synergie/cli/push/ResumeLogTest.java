package eu.synergie.cli.push;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResumeLogTest {

    private static final String SERVER = "https://exchange.example.eu";

    @TempDir
    Path folder;

    private final FeedItem first = FeedItem.of(1, "line 1", "{\"a\":1}".getBytes());
    private final FeedItem second = FeedItem.of(2, "line 2", "{\"a\":2}".getBytes());

    @Test
    void openWhenEarlierRunAcknowledgedSomeThenThoseAreSkippedAndTheRestNot() throws IOException {
        Path file = folder.resolve("feed.jsonl.synergie-resume");
        try (ResumeLog log = ResumeLog.open(file, SERVER, false)) {
            log.acknowledge(first, "7e0b5f6c-0000-4000-8000-000000000001");
        }

        try (ResumeLog log = ResumeLog.open(file, SERVER, false)) {
            assertThat(log.previouslyAcknowledged()).isEqualTo(1);
            assertThat(log.acknowledged(first)).isTrue();
            assertThat(log.acknowledged(second)).isFalse();
        }
        assertThat(Files.readAllLines(file)).startsWith(ResumeLog.HEADER, "# server " + SERVER)
                .last().asString().startsWith(first.digest()).endsWith("line 1");
    }

    @Test
    void acknowledgeWhenProcessKilledThenAlreadyOnDiskWithoutClose() throws IOException {
        Path file = folder.resolve("resume");
        ResumeLog log = ResumeLog.open(file, SERVER, false);
        log.acknowledge(first, "id-1");

        assertThat(Files.readString(file)).contains(first.digest());
        log.close();
    }

    @Test
    void openWhenLastLineCutShortByACrashThenIgnoredAndNextEntryOnItsOwnLine() throws IOException {
        Path file = folder.resolve("resume");
        try (ResumeLog log = ResumeLog.open(file, SERVER, false)) {
            log.acknowledge(first, "id-1");
        }
        Files.writeString(file, second.digest().substring(0, 10), StandardOpenOption.APPEND);

        try (ResumeLog log = ResumeLog.open(file, SERVER, false)) {
            assertThat(log.previouslyAcknowledged()).isEqualTo(1);
            assertThat(log.acknowledged(second)).isFalse();
            log.acknowledge(second, "id-2");
        }
        try (ResumeLog log = ResumeLog.open(file, SERVER, false)) {
            assertThat(log.acknowledged(second)).isTrue();
        }
    }

    @Test
    void openWhenFileRecordsAnotherServerThenRefusedWithTheWayOut() throws IOException {
        Path file = folder.resolve("resume");
        try (ResumeLog log = ResumeLog.open(file, "https://test-exchange.example.eu", false)) {
            log.acknowledge(first, "id-1");
        }

        assertThatThrownBy(() -> ResumeLog.open(file, SERVER, false)).isInstanceOf(ResumeException.class)
                .hasMessageContaining("test-exchange").hasMessageContaining("--restart");
    }

    @Test
    void openWhenRestartThenEverythingForgotten() throws IOException {
        Path file = folder.resolve("resume");
        try (ResumeLog log = ResumeLog.open(file, SERVER, false)) {
            log.acknowledge(first, "id-1");
        }

        try (ResumeLog log = ResumeLog.open(file, SERVER, true)) {
            assertThat(log.acknowledged(first)).isFalse();
        }
    }

    @Test
    void openWhenNotAResumeFileThenRefusedRatherThanOverwritten() throws IOException {
        Path file = folder.resolve("notes.txt");
        Files.writeString(file, "my notes", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ResumeLog.open(file, SERVER, false)).hasMessageContaining("not a synergie resume file");
        assertThat(Files.readString(file)).isEqualTo("my notes");
    }

    @Test
    void disabledWhenAcknowledgedThenNothingWritten() throws IOException {
        ResumeLog log = ResumeLog.disabled();
        log.acknowledge(first, "id-1");

        assertThat(log.file()).isEmpty();
        try (var files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }
}
