package io.fieldsync.accounting.engine.store;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: transactions that commit at about the same time share one disk sync instead of paying
 * one each. A committed transaction announces itself and waits until a sync that <em>started after</em>
 * that announcement has finished. The first one to find no sync running leads the next: it waits, for
 * at most {@code gather}, for the transactions still running to commit and announce, then syncs once for
 * everyone announced, on its own thread. No thread of its own, so nothing to start or stop.
 *
 * <p>Why the leader gathers: without it, the callers a sync releases start their next transactions while
 * the callers that committed during that sync already lead the next one, so each sync carries about half
 * the callers and each call waits for two syncs. Waiting for the running transactions (a fraction of a
 * millisecond each; the bound only matters for a long one) lets one sync carry them all.
 */
final class GroupSync implements Durability {

    /** Makes everything committed so far survive a crash of the machine. */
    @FunctionalInterface
    interface DiskSync {
        void run() throws SQLException;
    }

    private final DiskSync sync;
    private final long gatherNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private final Condition settled = lock.newCondition();
    /** Transactions begun and not yet committed or abandoned. */
    private int running;
    /** Commits announced so far; the n-th announcement is commit number n. */
    private long announced;
    /** Every commit numbered up to this one is on disk. */
    private long onDisk;
    private boolean syncing;
    private long syncs;

    GroupSync(DiskSync sync, long gather, TimeUnit unit) {
        this.sync = sync;
        this.gatherNanos = unit.toNanos(gather);
    }

    @Override
    public void began() {
        lock.lock();
        try {
            running++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void abandoned() {
        lock.lock();
        try {
            ended();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void awaitOnDisk() {
        lock.lock();
        try {
            ended();
            long mine = ++announced;
            while (onDisk < mine) {
                if (syncing) {
                    // The host's call must not return before its document is on disk, interrupted or not;
                    // the wait is a sync or two long and the interrupt status is kept for the caller.
                    finished.awaitUninterruptibly();
                } else {
                    leadSync();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void ended() {
        running--;
        if (running == 0) {
            settled.signalAll();
        }
    }

    /** Called holding the lock; gathers, then runs the sync without the lock so others can announce meanwhile. */
    private void leadSync() {
        syncing = true;
        boolean interrupted = gather();
        long covered = announced;
        boolean done = false;
        lock.unlock();
        try {
            sync.run();
            done = true;
        } catch (SQLException e) {
            throw new StoreException("The accounting database committed but could not sync it to disk: " + e.getMessage(), e);
        } finally {
            lock.lock();
            syncing = false;
            syncs++;
            if (done) {
                onDisk = Math.max(onDisk, covered);
            }
            // on failure the waiting callers wake too, and one of them tries again for all
            finished.signalAll();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits, holding the lock between waits, until no transaction is running or the gather time is up. */
    private boolean gather() {
        long left = gatherNanos;
        while (running > 0 && left > 0) {
            try {
                left = settled.awaitNanos(left);
            } catch (InterruptedException e) {
                return true;
            }
        }
        return false;
    }

    /** Commits announced so far (for tests). */
    long announced() {
        lock.lock();
        try {
            return announced;
        } finally {
            lock.unlock();
        }
    }

    /** Disk syncs run so far, failed ones included (for tests). */
    long syncs() {
        lock.lock();
        try {
            return syncs;
        } finally {
            lock.unlock();
        }
    }
}
