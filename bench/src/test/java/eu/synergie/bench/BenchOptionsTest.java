package eu.synergie.bench;

import eu.synergie.crypto.envelope.EnvelopeProfile;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void parseWhenNoEnvelopesOptionThenClassicalOnly() {
        BenchOptions options = BenchOptions.parse(new String[]{"--notices 2000"});

        assertThat(options.envelopes()).containsExactly(EnvelopeProfile.CLASSICAL);
        assertThat(options.warmup()).isEqualTo(200);
    }

    @Test
    void parseWhenEnvelopesGivenThenThePhasesInOrder() {
        assertThat(BenchOptions.parse(new String[]{"--envelopes hybrid"}).envelopes()).containsExactly(EnvelopeProfile.HYBRID);
        assertThat(BenchOptions.parse(new String[]{"--envelopes", "both"}).envelopes())
                .containsExactly(EnvelopeProfile.CLASSICAL, EnvelopeProfile.HYBRID);
        assertThat(BenchOptions.parse(new String[]{"--envelopes classical"}).envelopes()).containsExactly(EnvelopeProfile.CLASSICAL);
    }

    @Test
    void parseWhenEnvelopesUnknownThenTheErrorNamesTheChoices() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[]{"--envelopes pq"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--envelopes is classical, hybrid or both, not pq");
        assertThatThrownBy(() -> BenchOptions.parse(new String[]{"--envelopes"}))
                .hasMessage("--envelopes needs a value");
    }

    @Test
    void generateWhenTwoPhasesThenNoNoticeIdOrTokenIsShared() {
        // --envelopes both: phase k has generator indices [k * (W + N), (k + 1) * (W + N)); ids and tokens derive from the index.
        int perPhase = 300 + 3000;
        NoticeGenerator generator = new NoticeGenerator(2026, Instant.parse("2026-12-06T09:00:00Z"), BenchAgency.DEMO);
        List<NoticeGenerator.Generated> notices = IntStream.range(0, 2 * perPhase).mapToObj(generator::generate).toList();

        List<UUID> ids = notices.stream().map(n -> n.notice().noticeId()).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(notices.stream().map(NoticeGenerator.Generated::token).toList()).doesNotHaveDuplicates();
    }
}
