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
 * read the first time, a record that is not a later state is a change the exchange made from a view that another
 * change overtook (two administrators at the same moment; its writer was told), and is not alarmed.
 * Whatever it is, the registry hears whether the record is now the key's applied state ({@link TrustRegistry#lastRecord}).
 */
public final class TrustLogReader {

    private final TrustRegistry registry;
    private final TrustRecords records;
    private final LogAlarm alarm;
    private final AtomicLong valid = new AtomicLong();
    private final AtomicLong unsigned = new AtomicLong();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final boolean newSigner;

    /** A reader for which unsigned records are forgeries, whatever else the log holds. */
    public TrustLogReader(TrustRegistry registry, TrustRecords records, LogAlarm alarm) {
        this(registry, records, alarm, false);
    }

    /**
     * @param newSigner whether the exchange's log signer was made by this start: the exchange has never signed
     *                  anything before, so a log of unsigned events only is an earlier version's ({@link #unusable()})
     */
    public TrustLogReader(TrustRegistry registry, TrustRecords records, LogAlarm alarm, boolean newSigner) {
        this.registry = registry;
        this.records = records;
        this.alarm = alarm;
        this.newSigner = newSigner;
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
                if (applied == TrustRegistry.Applied.OUTDATED && !first) {
                    alarm.rejected(TrustLog.TOPIC, key, offset, Rejection.REPLAYED, "version " + v.event().version()
                            + " is not a later state than version " + registry.version(key) + " applied");
                } else if (applied != TrustRegistry.Applied.APPLIED && !first) {
                    alarm.rejected(TrustLog.TOPIC, key, offset, Rejection.REPLAYED, "version " + v.event().version()
                            + " appended a second time");
                }
                registry.lastRecord(key, registry.current(key).filter(v.event()::equals).isPresent());
            }
            case TrustRecords.Read.Refused refused -> {
                if (refused.reason() == Rejection.UNSIGNED && value != null) {
                    unsigned.incrementAndGet();
                }
                refuse(key, offset, refused.reason(), refused.detail());
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
     * One record of the log refused before it could be read (e.g. not stamped with the broker's append time): ignored
     * and alarmed like any other, and no longer the key's applied state if it was its last record.
     */
    public void refuse(String key, long offset, Rejection reason, String detail) {
        alarm.rejected(TrustLog.TOPIC, key, offset, reason, detail);
        registry.lastRecord(key, false);
    }

    /**
     * Why the log read so far cannot be used, if it cannot: the exchange's log signer was made by this start (its key
     * folder comes from a version of Synergie that did not sign trust events) and the log holds unsigned events and
     * not one signed, so it was written by that earlier version. Ignoring them would start an exchange that knows no
     * agency; applying them would trust what anyone could have written. With a log signer of an earlier start, the
     * exchange has signed every event it wrote: unsigned ones are forgeries, ignored and alarmed, never a reason
     * not to start.
     */
    public Optional<String> unusable() {
        if (newSigner && valid.get() == 0 && unsigned.get() > 0) {
            return Optional.of(TrustLog.TOPIC + " holds " + unsigned.get() + " unsigned trust events and none signed by the"
                    + " exchange, whose log-signing key was made by this start: the log was written by an earlier version"
                    + " of Synergie, whose trust events were not signed. Quick start: stop it, delete the .synergie folder"
                    + " (its CA keys and demo agencies go with it) and run it again, which registers the demo agencies"
                    + " afresh. Elsewhere: start from an empty " + TrustLog.TOPIC + " and register the agencies again,"
                    + " issuing their certificates anew (the registry knows only certificates it issued in signed events)");
        }
        return Optional.empty();
    }
}
