package io.fieldsync.accounting.engine.store;

import java.sql.SQLException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: transactions that commit at about the same time share one disk sync instead of paying
 * one each. A committed transaction announces itself and waits until a sync that <em>started after</em>
 * that announcement has finished; the first one to find no sync running runs the next, on its own
 * thread, for everyone announced so far. No thread of its own, so nothing to start or stop.
 *
 * <p>A sync starts as soon as the previous one ends, without waiting for transactions still running:
 * those commit while it runs and share the next one, so the transactions' work and the disk's overlap.
 * Measured on 2 busy cores (EnqueueBenchmark), that beat holding each sync back until the running
 * transactions had committed (which fills every sync but runs work and disk one after the other).
 */
final class GroupSync implements Durability {

    /** Makes everything committed so far survive a crash of the machine. */
    @FunctionalInterface
    interface DiskSync {
        void run() throws SQLException;
    }

    private final DiskSync sync;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    /** Commits announced so far; the n-th announcement is commit number n. */
    private long announced;
    /** Every commit numbered up to this one is on disk. */
    private long onDisk;
    private boolean syncing;
    private long syncs;

    GroupSync(DiskSync sync) {
        this.sync = sync;
    }

    @Override
    public void awaitOnDisk() {
        lock.lock();
        try {
            long mine = ++announced;
            while (onDisk < mine) {
                if (syncing) {
                    // The host's call must not return before its document is on disk, interrupted or not;
                    // the wait is a sync or two long and the interrupt status is kept for the caller.
                    finished.awaitUninterruptibly();
                } else {
                    syncForAllAnnounced();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called holding the lock; runs the sync without it, so others can announce meanwhile. */
    private void syncForAllAnnounced() {
        syncing = true;
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
        }
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
