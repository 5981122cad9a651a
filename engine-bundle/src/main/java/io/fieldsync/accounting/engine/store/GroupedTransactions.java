package io.fieldsync.accounting.engine.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit of small units of work: the host's calls that arrive while one group is being written wait and are
 * then written together, in one transaction and one disk sync. With H2 every commit writes a chunk of every B-tree
 * page it touched, and concurrent host calls touch the same pages (the journal's newest leaf, its indexes' newest
 * leaves), so a group of eight costs about what one call did (EnqueueBenchmark). No thread of its own: the first
 * caller to find nobody writing writes the group, as {@link GroupSync} does for syncs.
 *
 * <p>Each unit keeps its own outcome: when the group's transaction fails, every unit of it is run again in a
 * transaction of its own, so one document the database refuses fails alone and the others are still accepted.
 */
final class GroupedTransactions {

    /** Enough to fill a sync when every caller of a busy host is waiting; a bound on how long a group's writer works. */
    static final int MOST_PER_GROUP = 64;

    private final Database database;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private final Queue<Unit<?>> waiting = new ArrayDeque<>();
    private boolean writing;
    private long groups;

    GroupedTransactions(Database database) {
        this.database = database;
    }

    /** Runs {@code work} in a transaction shared with the units of other callers of the moment; returns once on disk. */
    <T> T run(Database.Work<T> work) {
        // as Database.transaction: H2 closes its file for everyone when an interrupted thread writes it
        boolean interrupted = Thread.interrupted();
        Unit<T> mine = new Unit<>(work);
        lock.lock();
        try {
            waiting.add(mine);
            while (!mine.done) {
                if (writing) {
                    // as in GroupSync: the host's call must not return before its document is on disk
                    written.awaitUninterruptibly();
                } else {
                    writeWaitingGroup();
                }
            }
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return mine.outcome();
    }

    /** Callers waiting for the next group (for tests). */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Groups written so far (for tests). */
    long groups() {
        lock.lock();
        try {
            return groups;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called holding the lock; writes the waiting group without it, so that the next group gathers meanwhile, and
     * ends the group once it is on disk. The next group starts after that sync, not during it: measured, letting it
     * commit while this one syncs made groups smaller and the host slower (EnqueueBenchmark: 1,916 against 2,125
     * documents a second, journal file 335 against 209 MB).
     */
    private void writeWaitingGroup() {
        writing = true;
        List<Unit<?>> group = new ArrayList<>();
        while (!waiting.isEmpty() && group.size() < MOST_PER_GROUP) {
            group.add(waiting.poll());
        }
        lock.unlock();
        try {
            if (commitTogether(group)) {
                database.awaitOnDisk();
                group.forEach(Unit::keep);
            } else {
                group.forEach(this::commitAlone);
            }
        } catch (RuntimeException | Error syncFailed) {
            group.forEach(unit -> unit.fail(syncFailed));
        } finally {
            lock.lock();
            writing = false;
            groups++;
            group.forEach(unit -> unit.done = true);
            written.signalAll();
        }
    }

    private boolean commitTogether(List<Unit<?>> group) {
        try {
            database.committed(connection -> {
                for (Unit<?> unit : group) {
                    unit.runIn(connection);
                }
                return null;
            });
            return true;
        } catch (RuntimeException | Error groupFailed) {
            if (group.size() == 1) {
                group.get(0).fail(groupFailed);
                return true;
            }
            return false;
        }
    }

    /** After the group's transaction failed: each unit in a transaction of its own, so only a bad one fails. */
    private void commitAlone(Unit<?> unit) {
        try {
            database.transaction(connection -> {
                unit.runIn(connection);
                return null;
            });
            unit.keep();
        } catch (RuntimeException | Error alone) {
            unit.fail(alone);
        }
    }

    /** One caller's work and, once its group is written, its outcome. Guarded by the lock, or by the writer alone. */
    private static final class Unit<T> {
        private final Database.Work<T> work;
        private T pending;
        private T result;
        private Throwable failure;
        private boolean done;

        Unit(Database.Work<T> work) {
            this.work = work;
        }

        void runIn(java.sql.Connection connection) throws java.sql.SQLException {
            pending = work.run(connection);
        }

        /** The transaction that ran the work committed and is on disk. */
        void keep() {
            if (failure == null) {
                result = pending;
            }
        }

        void fail(Throwable cause) {
            failure = cause;
        }

        T outcome() {
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            return result;
        }
    }
}
