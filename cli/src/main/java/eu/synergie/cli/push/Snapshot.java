package eu.synergie.cli.push;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a push stands.
 *
 * @param total    notices in the feed, when known
 * @param skipped  acknowledged by an earlier run, not sent again
 * @param accepted acknowledged in this run
 * @param rejected refused by the exchange or invalid
 * @param retried  notices that needed more than one attempt
 * @param elapsed  since this run started sending
 */
public record Snapshot(OptionalLong total, long skipped, long accepted, long rejected, long retried, Duration elapsed) {

    /** Done in this run: accepted or rejected. */
    public long processed() {
        return accepted + rejected;
    }

    /** Notices per second handled in this run. */
    public double rate() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : processed() / seconds;
    }

    /** Left to handle, when the total is known. */
    public OptionalLong remaining() {
        return total.isPresent() ? OptionalLong.of(Math.max(0, total.getAsLong() - skipped - processed())) : OptionalLong.empty();
    }

    /** Time left at the rate so far, when both are known. */
    public Optional<Duration> eta() {
        double rate = rate();
        if (remaining().isEmpty() || rate <= 0 || processed() == 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) (remaining().getAsLong() / rate * 1000)));
    }
}
