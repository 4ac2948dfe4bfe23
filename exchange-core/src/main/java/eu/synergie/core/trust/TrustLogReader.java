package eu.synergie.core.trust;

import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.core.integrity.Rejection;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a follower of {@code synergie.trust} does with each record, whoever reads the topic: a record the exchange
 * signed, fresh and under its own key, goes to the registry, which keeps it if it is a later state; anything else
 * is ignored and alarmed, never applied. A signed record read a second time (the same bytes: every signature
 * is unique, so a copy appended again) is a replay even when it is, or was, the key's state, and is alarmed too;
 * read the first time, such a record is the writing instance's own change coming back after it applied a later one.
 */
public final class TrustLogReader {

    private final TrustRegistry registry;
    private final TrustRecords records;
    private final LogAlarm alarm;
    private final AtomicLong valid = new AtomicLong();
    private final AtomicLong unsigned = new AtomicLong();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public TrustLogReader(TrustRegistry registry, TrustRecords records, LogAlarm alarm) {
        this.registry = registry;
        this.records = records;
        this.alarm = alarm;
    }

    public TrustRegistry registry() {
        return registry;
    }

    /** One record of the log, in log order. */
    public void accept(String key, byte[] value, long offset, Instant appendedAt) {
        switch (read(key, value, appendedAt)) {
            case TrustRecords.Read.Valid v -> {
                valid.incrementAndGet();
                boolean first = seen.add(Freshness.fingerprint(value));
                TrustRegistry.Applied applied = registry.apply(v.event());
                if (applied == TrustRegistry.Applied.OUTDATED) {
                    alarm.rejected(TrustLog.TOPIC, key, offset, Rejection.REPLAYED, "version " + v.event().version()
                            + " is not a later state than version " + registry.version(v.event().key()) + " applied");
                } else if (applied != TrustRegistry.Applied.APPLIED && !first) {
                    alarm.rejected(TrustLog.TOPIC, key, offset, Rejection.REPLAYED, "version " + v.event().version()
                            + " appended a second time");
                }
            }
            case TrustRecords.Read.Refused refused -> {
                if (refused.reason() == Rejection.UNSIGNED && value != null) {
                    unsigned.incrementAndGet();
                }
                alarm.rejected(TrustLog.TOPIC, key, offset, refused.reason(), refused.detail());
            }
        }
    }

    /**
     * The record as {@link TrustRecords} reads it, which answers every record with a reason. Should one still fail
     * otherwise (a parser's exception nobody expected, recursion deeper than the thread's stack), it is refused as
     * unreadable like the others: one record anyone could append must not stop the follower, which would leave
     * every instance unable to decide.
     */
    private TrustRecords.Read read(String key, byte[] value, Instant appendedAt) {
        try {
            return records.read(key, value, appendedAt);
        } catch (RuntimeException | StackOverflowError e) {
            return new TrustRecords.Read.Refused(Rejection.UNREADABLE,
                    "the record could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Why the log read so far cannot be used, if it cannot: it holds unsigned events and not one signed by the
     * exchange, so it was written by a version of Synergie whose trust events were not signed. Ignoring them
     * would start an exchange that knows no agency; applying them would trust what anyone could have written.
     */
    public Optional<String> unusable() {
        if (valid.get() == 0 && unsigned.get() > 0) {
            return Optional.of(TrustLog.TOPIC + " holds " + unsigned.get() + " unsigned trust events and none signed by the"
                    + " exchange: it was written by an earlier version of Synergie, whose trust events were not signed."
                    + " Start from a fresh log (quick start: stop it and delete the .synergie folder) and register the"
                    + " agencies again");
        }
        return Optional.empty();
    }
}
