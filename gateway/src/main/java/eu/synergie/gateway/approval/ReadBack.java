package eu.synergie.gateway.approval;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * How far this instance's follower of {@code synergie.approvals} (one partition) has read, for those who wait for an
 * event to be applied: a decision is answered once the fold holds it, and an approval is released only once the fold
 * has read the event that approved it. The follower calls {@link #read} after each record, applied or not.
 */
public final class ReadBack {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private long read = -1;

    /** The follower handled the record at {@code offset} (applied, ignored or alarmed alike). */
    public void read(long offset) {
        lock.lock();
        try {
            read = Math.max(read, offset);
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeout} for the follower to have handled the record at {@code offset}. */
    public boolean awaitRead(long offset, Duration timeout) {
        return await(() -> read >= offset, timeout);
    }

    /**
     * Waits up to {@code timeout} for {@code condition}, checked again after each record the follower handles. The
     * condition may take the fold's lock: the follower never holds it while it calls {@link #read}.
     */
    boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // Bounded: a condition can also come true without a record (a request passing its expiry).
                advanced.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }
}
