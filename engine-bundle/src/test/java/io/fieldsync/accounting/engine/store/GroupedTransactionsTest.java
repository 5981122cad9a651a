package io.fieldsync.accounting.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.TestDatabase;

/**
 * Group commit of the host's calls, step by step: the first group's sync is held by the test while others call, so
 * every assertion is about order, never about time.
 *
 * <p>On PostgreSQL a refused statement aborts the whole transaction, so the group's retry of each call alone is what keeps
 * the others.
 */
@Timeout(30)
@ParameterizedClass
@EnumSource(TestDatabase.class)
class GroupedTransactionsTest {

    @Parameter
    TestDatabase kind;

    @AutoClose
    FreshDatabase fresh;

    private DataSource dataSource;
    private final HeldSyncs syncs = new HeldSyncs();
    private Database database;

    @BeforeEach
    void createTable() throws SQLException {
        fresh = kind.fresh();
        dataSource = fresh.dataSource();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE document (id INT PRIMARY KEY, host_id VARCHAR(20) NOT NULL)");
        }
        database = new Database(dataSource, syncs);
    }

    @AfterEach
    void releaseEverything() {
        syncs.releaseAll();
    }

    @Test
    void callsMadeWhileAGroupIsBeingWrittenAreWrittenTogetherInTheNextAndEachGetsItsOwnResult() throws Exception {
        CompletableFuture<Integer> first = insert(1);
        syncs.awaitStarted(1);
        List<CompletableFuture<Integer>> during = new ArrayList<>();
        for (int id = 2; id <= 6; id++) {
            during.add(insert(id));
        }
        await(() -> database.groupedWaiting() == 5);

        assertThat(first).as("returned before its commit was on disk").isNotDone();
        syncs.finish(1);
        assertThat(first.get()).isEqualTo(1);
        syncs.awaitStarted(2);
        assertThat(during).as("returned before their commit was on disk").noneMatch(CompletableFuture::isDone);
        syncs.finish(2);

        for (int i = 0; i < during.size(); i++) {
            assertThat(during.get(i).get()).isEqualTo(i + 2);
        }
        assertThat(database.groupsWritten()).as("one group for the five that called during the first").isEqualTo(2);
        assertThat(rows()).isEqualTo(6);
    }

    @Test
    void aCallTheDatabaseRefusesFailsAloneAndTheOthersOfItsGroupAreKept() throws Exception {
        CompletableFuture<Integer> first = insert(1);
        syncs.awaitStarted(1);
        CompletableFuture<Integer> before = insert(2);
        await(() -> database.groupedWaiting() == 1);
        CompletableFuture<Integer> refused = insert(1);
        await(() -> database.groupedWaiting() == 2);
        CompletableFuture<Integer> after = insert(3);
        await(() -> database.groupedWaiting() == 3);

        syncs.releaseAll();

        assertThat(first.get()).isEqualTo(1);
        assertThat(before.get()).isEqualTo(2);
        assertThat(after.get()).isEqualTo(3);
        assertThat(refused).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(StoreException.class);
        assertThat(rows()).isEqualTo(3);
    }

    @Test
    void anInterruptedCallerReturnsOnlyOnceItsCommitIsOnDiskAndKeepsItsInterrupt() throws Exception {
        CompletableFuture<Integer> first = insert(1);
        syncs.awaitStarted(1);
        CompletableFuture<Boolean> interruptedAfterwards = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            database.grouped(connection -> insertRow(connection, 2));
            interruptedAfterwards.complete(Thread.currentThread().isInterrupted());
        });
        caller.start();
        await(() -> database.groupedWaiting() == 1);

        caller.interrupt();
        syncs.finish(1);
        first.get();
        syncs.awaitStarted(2);
        assertThat(interruptedAfterwards).isNotDone();
        syncs.finish(2);

        assertThat(interruptedAfterwards.get()).isTrue();
        assertThat(rows()).isEqualTo(2);
    }

    private CompletableFuture<Integer> insert(int id) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        new Thread(() -> {
            try {
                done.complete(database.grouped(connection -> insertRow(connection, id)));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, "host-call-" + id).start();
        return done;
    }

    private static int insertRow(Connection connection, int id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO document (id, host_id) VALUES (?, ?)")) {
            insert.setInt(1, id);
            insert.setString(2, "JOB-" + id);
            insert.executeUpdate();
        }
        return id;
    }

    private int rows() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM document")) {
            count.next();
            return count.getInt(1);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(1);
        }
    }

    /** Disk syncs that finish only when the test says so; a group's commit is on disk once its sync finished. */
    private static final class HeldSyncs implements Durability {

        private final BlockingQueue<Integer> started = new LinkedBlockingQueue<>();
        private final List<Semaphore> finishes = new ArrayList<>();
        private boolean released;
        private int count;

        @Override
        public void awaitOnDisk() {
            Semaphore finish;
            int number;
            synchronized (this) {
                number = ++count;
                finish = slot(number);
                if (released) {
                    finish.release();
                }
            }
            started.add(number);
            finish.acquireUninterruptibly();
        }

        /** Waits for sync {@code number} to start; 10 s only keep a broken build from hanging. */
        void awaitStarted(int number) throws InterruptedException {
            assertThat(started.poll(10, TimeUnit.SECONDS)).as("sync %d started", number).isEqualTo(number);
        }

        synchronized void finish(int number) {
            slot(number).release();
        }

        synchronized void releaseAll() {
            released = true;
            finishes.forEach(finish -> finish.release(100));
        }

        private Semaphore slot(int number) {
            while (finishes.size() < number) {
                finishes.add(new Semaphore(0));
            }
            return finishes.get(number - 1);
        }
    }
}
