package eu.synergie.cli.push;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows how a push goes: a bar redrawn in place with rate and ETA on a terminal, or a plain line now
 * and then for logs (a line per refresh would flood them, a bar would garble them).
 */
public interface Progress {

    /** Called now and then while the push runs. */
    void update(Snapshot snapshot);

    /** Called once at the end, before the report. */
    void finish(Snapshot snapshot);

    Progress NONE = new Progress() {
        @Override
        public void update(Snapshot snapshot) {
        }

        @Override
        public void finish(Snapshot snapshot) {
        }
    };

    /** A bar on one line of a terminal, redrawn with a carriage return. */
    static Progress bar(PrintStream out, int width) {
        return new Progress() {
            @Override
            public void update(Snapshot snapshot) {
                out.print("\r" + barLine(snapshot, width) + "\u001b[K");
                out.flush();
            }

            @Override
            public void finish(Snapshot snapshot) {
                update(snapshot);
                out.println();
            }
        };
    }

    /** Plain lines, for logs and pipes. */
    static Progress lines(PrintStream out) {
        return new Progress() {
            @Override
            public void update(Snapshot snapshot) {
                out.println(plainLine(snapshot));
                out.flush();
            }

            @Override
            public void finish(Snapshot snapshot) {
                // the report follows
            }
        };
    }

    /** {@code [#########...........]  4,210/10,000  42%  312/s  ETA 0:18  3 rejected  1 retried} */
    static String barLine(Snapshot s, int width) {
        StringBuilder line = new StringBuilder();
        if (s.total().isPresent() && s.total().getAsLong() > 0) {
            long total = s.total().getAsLong();
            long done = s.skipped() + s.processed();
            int cells = Math.max(10, Math.min(40, width - 60));
            int filled = (int) Math.min(cells, done * cells / total);
            line.append('[').append("#".repeat(filled)).append(".".repeat(cells - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%,d/%,d %3d%%", done, total, done * 100 / total));
        } else {
            line.append(String.format(Locale.ROOT, "%,d sent", s.processed()));
        }
        line.append(String.format(Locale.ROOT, "  %,.0f/s", s.rate()));
        s.eta().ifPresent(eta -> line.append("  ETA ").append(clock(eta)));
        if (s.rejected() > 0) {
            line.append(String.format(Locale.ROOT, "  %,d rejected", s.rejected()));
        }
        if (s.retried() > 0) {
            line.append(String.format(Locale.ROOT, "  %,d retried", s.retried()));
        }
        return line.toString();
    }

    /** {@code push: 4,210 of 10,000 (42%), 312 notices/s, about 18 s left, 3 rejected, 1 retried} */
    static String plainLine(Snapshot s) {
        StringBuilder line = new StringBuilder("push: ");
        long done = s.skipped() + s.processed();
        if (s.total().isPresent() && s.total().getAsLong() > 0) {
            line.append(String.format(Locale.ROOT, "%,d of %,d (%d%%)", done, s.total().getAsLong(),
                    done * 100 / s.total().getAsLong()));
        } else {
            line.append(String.format(Locale.ROOT, "%,d", done));
        }
        line.append(String.format(Locale.ROOT, ", %,.0f notices/s", s.rate()));
        s.eta().ifPresent(eta -> line.append(", about ").append(words(eta)).append(" left"));
        line.append(String.format(Locale.ROOT, ", %,d rejected, %,d retried", s.rejected(), s.retried()));
        return line.toString();
    }

    static String clock(Duration d) {
        long seconds = d.toSeconds();
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    static String words(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds / 60 % 60 + " min";
    }
}
