package eu.synergie.cli.push;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class PushReportTest {

    private static PushReport report(List<PushReport.Rejection> rejections, Optional<PushReport.Stop> stop) {
        return new PushReport("feed.jsonl", "https://exchange.example.eu", OptionalLong.of(100), 10, 100 - 10 - rejections.size(),
                rejections, 1, 2, Duration.ofSeconds(3), stop, Optional.of("feed.jsonl.synergie-resume"),
                java.util.Map.of());
    }

    @Test
    void statusWhenNothingRefusedThenComplete() {
        assertThat(report(List.of(), Optional.empty()).status()).isEqualTo(PushReport.Status.COMPLETE);
    }

    @Test
    void statusWhenSomeRefusedOrStoppedForWantOfTheExchangeThenPartial() {
        assertThat(report(List.of(new PushReport.Rejection(3, "line 3", "INVALID_NOTICE", 0, "tlp must be …")), Optional.empty())
                .status()).isEqualTo(PushReport.Status.PARTIAL);
        assertThat(report(List.of(), Optional.of(new PushReport.Stop.Unavailable("HTTP 503"))).status())
                .isEqualTo(PushReport.Status.PARTIAL);
        assertThat(report(List.of(), Optional.of(new PushReport.Stop.Interrupted("Ctrl-C"))).status())
                .isEqualTo(PushReport.Status.PARTIAL);
    }

    @Test
    void statusWhenClientOrCertificateRefusedThenAuthenticationOrTrust() {
        assertThat(report(List.of(), Optional.of(new PushReport.Stop.Authentication("401"))).status())
                .isEqualTo(PushReport.Status.AUTHENTICATION);
        assertThat(report(List.of(), Optional.of(new PushReport.Stop.Trust("UNKNOWN_SIGNER"))).status())
                .isEqualTo(PushReport.Status.TRUST);
    }

    @Test
    void renderWhenRejectionsCameOutOfOrderThenListedByLineWithReasonsAndTheResumeHint() {
        String text = report(List.of(
                new PushReport.Rejection(17, "line 17", "UNKNOWN_REGION", 422, "region XX is not served"),
                new PushReport.Rejection(3, "line 3", "INVALID_NOTICE", 0, "tlp must be one of …")), Optional.empty()).render(10);

        assertThat(text).contains("accepted         88").contains("skipped          10").contains("rejected          2")
                .contains("retried           1   (2 retries in all)");
        assertThat(text.indexOf("line 3 ")).isLessThan(text.indexOf("line 17"));
        assertThat(text).contains("line 17  UNKNOWN_REGION  region XX is not served (HTTP 422)")
                .contains("line 3   INVALID_NOTICE  tlp must be one of …\n")
                .contains("Run the same command again");
    }

    @Test
    void renderWhenMoreRejectionsThanListedThenSaysHowManyMore() {
        List<PushReport.Rejection> many = java.util.stream.LongStream.rangeClosed(1, 12)
                .mapToObj(i -> new PushReport.Rejection(i, "line " + i, "INVALID_NOTICE", 0, "bad")).toList();

        assertThat(report(many, Optional.empty()).render(5)).contains("… and 7 more");
    }
}
