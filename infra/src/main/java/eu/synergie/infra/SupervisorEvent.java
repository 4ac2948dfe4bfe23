package eu.synergie.infra;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What the {@link Supervisor} saw and did, in the order it happened; {@link #describe()} is the line people read. */
public sealed interface SupervisorEvent {

    /** When it happened. */
    Instant at();

    /** One line (an exit adds the tail of the logs below it). */
    String describe();

    /** A process exited: {@code status} is its exit code, {@code 128 + n} when signal {@code n} ended it. */
    record Exited(String part, int status, String logTail, Instant at) implements SupervisorEvent {

        private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 6, "SIGABRT",
                9, "SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");

        /** {@code status 137 (SIGKILL)}, {@code status 1}. */
        public String statusText() {
            int signal = status - 128;
            return status > 128 && SIGNALS.containsKey(signal) ? "status " + status + " (" + SIGNALS.get(signal) + ")"
                    : "status " + status;
        }

        @Override
        public String describe() {
            return part + " exited with " + statusText() + ". Synergie is DOWN."
                    + (logTail.isBlank() ? "" : "\n--- last lines of the " + part + " log ---\n" + logTail.stripTrailing()
                    + "\n---");
        }
    }

    /** A restart is due after {@code delay}. */
    record Restarting(String part, int attempt, int of, Duration delay, Instant at) implements SupervisorEvent {
        @Override
        public String describe() {
            return "Restarting " + part + " in " + seconds(delay) + " (attempt " + attempt + " of " + of + ") …";
        }
    }

    /** The process is back and ready. */
    record Restarted(String part, int attempt, int of, Duration took, Instant at) implements SupervisorEvent {
        @Override
        public String describe() {
            return part + " restarted and ready in " + seconds(took) + " (attempt " + attempt + " of " + of + ").";
        }
    }

    /** A restart did not bring it back ({@code logTail}: what its log said); another follows if the policy allows. */
    record RestartFailed(String part, int attempt, int of, String reason, String logTail, Instant at)
            implements SupervisorEvent {
        @Override
        public String describe() {
            return "Restarting " + part + " failed (attempt " + attempt + " of " + of + "): " + reason
                    + (logTail.isBlank() ? "" : "\n" + logTail.stripTrailing() + "\n---");
        }
    }

    /** No more restarts for this process: whoever runs the supervisor stops everything. */
    record GaveUp(String part, String reason, Instant at) implements SupervisorEvent {
        @Override
        public String describe() {
            return "Giving up on " + part + ": " + reason + ". Stopping everything.";
        }
    }

    /** A process runs but does not answer as ready (the gateway: a server it needs is unreachable). */
    record NotReady(String part, Instant at) implements SupervisorEvent {
        @Override
        public String describe() {
            return part + " is running but not ready. Synergie is DOWN.";
        }
    }

    /** Every process is up and ready again after an exit or a readiness loss. */
    record Running(Instant at) implements SupervisorEvent {
        @Override
        public String describe() {
            return "Synergie is running again: every part is up and ready.";
        }
    }

    private static String seconds(Duration duration) {
        return "%.1f s".formatted(duration.toMillis() / 1000.0);
    }
}
