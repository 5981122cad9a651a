package io.fieldsync.accounting.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The group commit's promise, step by step: each sync is held by the test until it lets it finish, so
 * every assertion is about order, never about time.
 */
@Timeout(30)
class GroupSyncTest {

    private final HeldSyncs syncs = new HeldSyncs();
    private final List<Thread> callers = new ArrayList<>();

    @AfterEach
    void releaseEverything() {
        syncs.releaseAll();
    }

    @Test
    void aCallerThatCommitsDuringASyncWaitsForTheNextOne() throws Exception {
        GroupSync group = new GroupSync(syncs);
        CompletableFuture<Void> first = commit(group);
        syncs.awaitStarted(1);

        CompletableFuture<Void> second = commit(group);
        await(() -> group.announced() == 2);
        syncs.finish(1);
        first.get();
        syncs.awaitStarted(2);

        assertThat(second).as("returned on a sync that started before its commit").isNotDone();
        syncs.finish(2);
        second.get();
        assertThat(group.syncs()).isEqualTo(2);
    }

    @Test
    void callersThatCommitDuringOneSyncShareTheNext() throws Exception {
        GroupSync group = new GroupSync(syncs);
        CompletableFuture<Void> leader = commit(group);
        syncs.awaitStarted(1);
        List<CompletableFuture<Void>> during = List.of(commit(group), commit(group), commit(group));
        await(() -> group.announced() == 4);

        syncs.finish(1);
        leader.get();
        syncs.awaitStarted(2);
        syncs.finish(2);
        for (CompletableFuture<Void> caller : during) {
            caller.get();
        }

        assertThat(group.syncs()).as("one sync for the three that committed during the first").isEqualTo(2);
    }

    @Test
    void aFailedSyncFailsItsLeaderAndTheCallersWaitingOnItSyncAgain() throws Exception {
        GroupSync group = new GroupSync(syncs);
        CompletableFuture<Void> leader = commit(group);
        syncs.awaitStarted(1);
        CompletableFuture<Void> waiting = commit(group);
        await(() -> group.announced() == 2);

        syncs.fail(1);
        assertThatThrownBy(leader::get).hasCauseInstanceOf(StoreException.class)
                .hasMessageContaining("could not sync it to disk");
        syncs.awaitStarted(2);
        assertThat(waiting).as("returned on a failed sync").isNotDone();
        syncs.finish(2);

        waiting.get();
        assertThat(group.syncs()).isEqualTo(2);
    }

    @Test
    void anInterruptedCallerStillReturnsOnlyOnceItsCommitIsOnDiskAndKeepsItsInterrupt() throws Exception {
        GroupSync group = new GroupSync(syncs);
        CompletableFuture<Void> leader = commit(group);
        syncs.awaitStarted(1);
        AtomicBoolean interruptedAfterwards = new AtomicBoolean();
        CompletableFuture<Void> interrupted = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            group.awaitOnDisk();
            interruptedAfterwards.set(Thread.currentThread().isInterrupted());
            interrupted.complete(null);
        });
        caller.start();
        await(() -> group.announced() == 2);

        caller.interrupt();
        syncs.finish(1);
        leader.get();
        syncs.awaitStarted(2);
        assertThat(interrupted).isNotDone();
        syncs.finish(2);

        interrupted.get();
        assertThat(interruptedAfterwards).isTrue();
    }

    /** A transaction committed on its own thread, now waiting to be on disk. */
    private CompletableFuture<Void> commit(GroupSync group) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                group.awaitOnDisk();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, "caller-" + callers.size());
        callers.add(caller);
        caller.start();
        return done;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(1);
        }
    }

    /** Disk syncs that start when asked and finish, or fail, only when the test says so. */
    private static final class HeldSyncs implements GroupSync.DiskSync {

        private final BlockingQueue<Integer> started = new LinkedBlockingQueue<>();
        private final List<Semaphore> finishes = new ArrayList<>();
        private final List<Boolean> failures = new ArrayList<>();
        private int count;

        @Override
        public void run() throws SQLException {
            int number;
            Semaphore finish;
            synchronized (this) {
                number = ++count;
                finish = slot(number);
            }
            started.add(number);
            finish.acquireUninterruptibly();
            synchronized (this) {
                if (failures.get(number - 1)) {
                    throw new SQLException("disk gone");
                }
            }
        }

        /** Waits for sync {@code number} to start; 10 s only keep a broken build from hanging. */
        void awaitStarted(int number) throws InterruptedException {
            assertThat(started.poll(10, TimeUnit.SECONDS)).as("sync %d started", number).isEqualTo(number);
        }

        synchronized void finish(int number) {
            slot(number).release();
        }

        synchronized void fail(int number) {
            slot(number);
            failures.set(number - 1, true);
            finishes.get(number - 1).release();
        }

        synchronized void releaseAll() {
            finishes.forEach(finish -> finish.release(100));
        }

        private Semaphore slot(int number) {
            while (finishes.size() < number) {
                finishes.add(new Semaphore(0));
                failures.add(false);
            }
            return finishes.get(number - 1);
        }
    }
}
