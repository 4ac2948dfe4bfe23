package eu.synergie.cli.push;

import eu.synergie.crypto.envelope.EnvelopeProfile;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * What a push did: what the exchange accepted and refused (with reasons and places in the feed), what
 * was already acknowledged by an earlier run, what needed retries, why it stopped early if it did, and how many of
 * the accepted envelopes were sealed in each profile.
 */
public record PushReport(String feed, String server, OptionalLong total, long skipped, long accepted,
                         List<Rejection> rejections, long retriedNotices, long retries, Duration elapsed,
                         Optional<Stop> stop, Optional<String> resumeFile, Map<EnvelopeProfile, Long> acceptedByProfile) {

    public PushReport {
        rejections = rejections.stream().sorted(Comparator.comparingLong(Rejection::sequence)).toList();
        acceptedByProfile = Map.copyOf(acceptedByProfile);
    }

    /**
     * One notice not accepted.
     *
     * @param reason the exchange's reason code, or {@code INVALID_NOTICE} when it failed the checks before sending
     * @param status the HTTP status, 0 when it was not sent
     */
    public record Rejection(long sequence, String location, String reason, int status, String detail) {
    }

    /** Why a push stopped before the end of the feed. */
    public sealed interface Stop {
        String message();

        /** The token endpoint or the exchange refused the feed client. */
        record Authentication(String message) implements Stop {
        }

        /** The exchange refused the agency's certificate or the region's: every notice would be refused. */
        record Trust(String message) implements Stop {
        }

        /** The exchange stayed unreachable through the retries. */
        record Unavailable(String message) implements Stop {
        }

        /** The feed could not be read to the end. */
        record Unreadable(String message) implements Stop {
        }

        /** Ctrl-C or a termination signal. */
        record Interrupted(String message) implements Stop {
        }
    }

    /** How the push ended, which decides the exit code. */
    public enum Status {
        /** Every notice of the feed is acknowledged, in this run or before. */
        COMPLETE,
        /** Some notices were refused or not sent; a re-run sends those not acknowledged. */
        PARTIAL,
        /** The feed client was refused: nothing more can be sent until its configuration is fixed. */
        AUTHENTICATION,
        /** The agency's or a region's certificate was refused. */
        TRUST
    }

    public Status status() {
        if (stop.isPresent()) {
            return switch (stop.get()) {
                case Stop.Authentication a -> Status.AUTHENTICATION;
                case Stop.Trust t -> Status.TRUST;
                case Stop.Unavailable u -> Status.PARTIAL;
                case Stop.Unreadable u -> Status.PARTIAL;
                case Stop.Interrupted i -> Status.PARTIAL;
            };
        }
        return rejections.isEmpty() ? Status.COMPLETE : Status.PARTIAL;
    }

    /** Neither accepted nor refused: left for the next run. */
    public OptionalLong notSent() {
        return total.isPresent()
                ? OptionalLong.of(Math.max(0, total.getAsLong() - skipped - accepted - rejections.size()))
                : OptionalLong.empty();
    }

    /** Accepted per second of this run. */
    public double rate() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : accepted / seconds;
    }

    // "; sealed hybrid 998, classical 2", profiles in their declared order, those with no envelope left out.
    private String profiles() {
        String counts = Arrays.stream(EnvelopeProfile.values())
                .filter(p -> acceptedByProfile.getOrDefault(p, 0L) > 0)
                .map(p -> String.format(Locale.ROOT, "%s %,d", p.name().toLowerCase(Locale.ROOT), acceptedByProfile.get(p)))
                .collect(Collectors.joining(", "));
        return counts.isEmpty() ? "" : "; sealed " + counts;
    }

    /** The report as printed, with at most {@code maxListed} rejections listed one per line. */
    public String render(int maxListed) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Pushed %s to %s in %.1f s%n", feed, server, elapsed.toMillis() / 1000.0));
        out.append(String.format(Locale.ROOT, "  accepted  %,9d   (%,.0f notices/s%s)%n", accepted, rate(), profiles()));
        if (skipped > 0) {
            out.append(String.format(Locale.ROOT, "  skipped   %,9d   (acknowledged in an earlier run)%n", skipped));
        }
        out.append(String.format(Locale.ROOT, "  rejected  %,9d%n", rejections.size()));
        out.append(String.format(Locale.ROOT, "  retried   %,9d   (%,d retries in all)%n", retriedNotices, retries));
        notSent().ifPresent(n -> {
            if (n > 0) {
                out.append(String.format(Locale.ROOT, "  not sent  %,9d%n", n));
            }
        });
        if (!rejections.isEmpty()) {
            out.append("Rejected:\n");
            int width = rejections.stream().limit(maxListed).mapToInt(r -> r.location().length()).max().orElse(0);
            rejections.stream().limit(maxListed).forEach(r -> out.append("  ")
                    .append(String.format(Locale.ROOT, "%-" + width + "s  %s  %s%s%n", r.location(), r.reason(), r.detail(),
                            r.status() > 0 ? " (HTTP " + r.status() + ")" : "")));
            if (rejections.size() > maxListed) {
                out.append(String.format(Locale.ROOT, "  … and %,d more (write them all with --rejects FILE)%n",
                        rejections.size() - maxListed));
            }
        }
        stop.ifPresent(s -> out.append("Stopped: ").append(s.message()).append('\n'));
        if (status() != Status.COMPLETE && resumeFile.isPresent()) {
            out.append("Run the same command again to send what was not acknowledged (recorded in ")
                    .append(resumeFile.get()).append(").\n");
        }
        return out.toString();
    }
}
