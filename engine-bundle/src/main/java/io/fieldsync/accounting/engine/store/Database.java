package io.fieldsync.accounting.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

import javax.sql.DataSource;

/**
 * Transactions over the engine's {@link DataSource}, and the few JDBC conversions every store needs.
 * All SQL of the engine runs through {@link #transaction}, so a failure never leaves half a change, and
 * no transaction returns before what it wrote, and what it read, is on disk ({@link Durability}): the
 * host is told a document is accepted, and the dispatcher acts on what it read, only once a crash can no
 * longer take it back.
 */
public final class Database {

    /** One unit of work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final Durability durability;
    private final GroupedTransactions grouped;

    /** The database behind {@code dataSource}, made durable as its kind needs (asks it which kind it is). */
    public Database(DataSource dataSource) {
        this(dataSource, DatabaseDurability.of(Objects.requireNonNull(dataSource, "data source")));
    }

    Database(DataSource dataSource, Durability durability) {
        this.dataSource = Objects.requireNonNull(dataSource, "data source");
        this.durability = Objects.requireNonNull(durability, "durability");
        this.grouped = new GroupedTransactions(this);
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. Returns
     * once the commit is on disk, together with every commit before it.
     *
     * <p>A caller's interrupt status is set aside meanwhile and given back afterwards: H2 writes and syncs
     * the file on the committing thread through an interruptible NIO channel, which an interrupted thread
     * closes, and H2 then closes the database for every caller. A short call finished is better than a
     * journal closed until Karaf restarts.
     */
    public <T> T transaction(Work<T> work) {
        boolean interrupted = Thread.interrupted();
        try {
            T result = committed(work);
            // after the connection went back to the pool: the sync may need one, and waiting holds none
            durability.awaitOnDisk();
            return result;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs {@code work} as {@link #transaction} does, but in a transaction shared with the grouped work of other callers
     * of the moment (group commit, {@link GroupedTransactions}): for small writes many threads make at once, such as
     * the host's documents. Its outcome is its own: if the shared transaction fails, the work is run again alone.
     */
    public <T> T grouped(Work<T> work) {
        return grouped.run(work);
    }

    /**
     * Runs {@code work}, which only reads, in a transaction of its own, and returns <em>without</em> waiting for the disk:
     * for the checks a host call makes at the door before its own write. That write ({@link #grouped}) returns only once
     * a sync that started after it committed has finished, which covers every commit before it, so whatever this read
     * saw is on disk before the host is told its document was accepted. A waiting read cost the host a sync of its own
     * per check, three per new invoice (HostCallDiskSyncsTest, EnqueueBenchmark). An answer given from such a read
     * alone, such as a refusal, waits for the disk first ({@link #awaitOnDisk}). Reads that the engine acts on by
     * themselves (the dispatcher's) use {@link #transaction}.
     */
    public <T> T readAtTheDoor(Work<T> work) {
        boolean interrupted = Thread.interrupted();
        try (Connection connection = dataSource.getConnection()) {
            // each statement its own transaction: no BEGIN and COMMIT around a read (two round trips on PostgreSQL)
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("The accounting database failed: " + e.getMessage(), e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Returns once every commit so far is on disk. */
    void awaitOnDisk() {
        durability.awaitOnDisk();
    }

    /** Groups of {@link #grouped} work written so far (for tests). */
    long groupsWritten() {
        return grouped.groups();
    }

    /** Callers of {@link #grouped} waiting for the next group (for tests). */
    int groupedWaiting() {
        return grouped.waiting();
    }

    /** Runs {@code work} in one transaction and commits it, without waiting for the disk (see {@link #awaitOnDisk}). */
    <T> T committed(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("The accounting database failed: " + e.getMessage(), e);
        }
    }

    /** An instant as a JDBC value for a {@code TIMESTAMP WITH TIME ZONE} column. */
    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Sets a nullable instant parameter. */
    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, timestamp(instant));
        }
    }

    /** Reads a nullable {@code TIMESTAMP WITH TIME ZONE} column. */
    static Instant instant(ResultSet row, String column) throws SQLException {
        Object value = row.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
