package io.fieldsync.accounting.engine.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An H2 file journal made durable. What H2 2.x does with a commit (read in its source, h2database/h2database
 * after 2.4.240, {@code org.h2.mvstore}; the calls below checked in the 2.4.240 jar we ship and in 2.5.252):
 *
 * <ul>
 *   <li>With the default {@code WRITE_DELAY} (500 ms) a commit only changes memory; a background thread
 *       writes the changes to the file later ({@code FileStore.writeInBackground}, every delay), through
 *       two executors ({@code H2-serialization}, {@code H2-save}) that nobody waits for. A process killed
 *       in between loses what the caller was told was committed.</li>
 *   <li>With {@code WRITE_DELAY=0} there is no background writer and no executor
 *       ({@code FileStore.setAutoCommitDelay}), and every commit writes its chunk to the file before it
 *       returns ({@code TransactionStore.endTransaction}: {@code getAutoCommitDelay() == 0} →
 *       {@code MVStore.commit()}, which stores synchronously unless another thread stored after this
 *       commit's changes). The file is written, not synced: that survives the process being killed, not
 *       the machine losing power.</li>
 *   <li>{@code CHECKPOINT SYNC} ({@code Database.sync} → {@code Store.sync}) commits the store and then
 *       calls {@code FileChannel.force(true)}. Run while the background writer of a non-zero delay is
 *       storing, its commit can find the version already taken and skip, and its force can then run before
 *       the background chunk is written: only with {@code WRITE_DELAY=0} does a sync that starts after a
 *       commit cover it.</li>
 * </ul>
 *
 * <p>What a kill leaves is only as good as what the next start finds: H2 opens the newest chunk named by the
 * file's header (or reached from it through each chunk's guess of where the next one goes) or lying at the end of
 * the file. Once freed space is reused (after {@code RETENTION_TIME}, 45 s) a chunk can land where nobody
 * guessed; H2 then rewrites the header, which 2.4.240 points at that chunk and 2.5.252 at the chunk before it
 * (h2database commit 8492b8c2cf, "fix corner case with improper allocation in moveChunkInside, misc", dropped
 * {@code lastChunk = chunk} from {@code RandomAccessStore.writeChunk}). On 2.5.252 every commit from there until
 * the header is next rewritten is written and synced, yet lost to a kill: the chaos run's missing documents. The
 * feature therefore ships 2.4.240, and the engine says so loudly when it finds an H2 known to lose commits.
 *
 * <p>So the engine needs {@code WRITE_DELAY=0} (the shipped URL sets it; a database opened through an
 * older configuration gets it here, for as long as it stays open) and a {@code CHECKPOINT SYNC}, shared
 * by the callers of the moment ({@link GroupSync}), before any transaction returns. Both need H2 admin
 * rights, which the user that created the database has.
 *
 * <p>Writing on the committing thread has a price: H2's default file system is a plain NIO channel, which
 * an interrupt during a write closes, and H2 then closes the database ("The database has been closed"
 * for everyone, tried with 2.5.252). The shipped URL uses H2's {@code retry:} file system, which reopens
 * it; {@link Database#transaction} also sets a caller's interrupt aside, for URLs without it.
 */
final class H2Durability {

    private static final Logger LOG = LoggerFactory.getLogger(H2Durability.class);

    private static final String DATABASE_PATH = "SELECT DATABASE_PATH()";
    private static final String WRITE_DELAY = "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'";
    private static final String WRITE_AT_COMMIT = "SET WRITE_DELAY 0";
    private static final String SYNC = "CHECKPOINT SYNC";
    /** H2's file system that reopens a file an interrupted thread closed ({@code FilePathRetryOnInterrupt}). */
    private static final String RETRY_ON_INTERRUPT = "retry:";
    /** H2 releases that reproduced the lost commits of issue 7 (JournalFileAfterKillTest, DurableJournalTest). */
    private static final List<String> LOSES_COMMITS_ON_KILL = List.of("2.5.252");
    private static final String SHIPPED_H2 = "2.4.240";
    /** {@code org.h2.api.ErrorCode.ADMIN_RIGHTS_REQUIRED}; the engine does not import H2's packages. */
    private static final int ADMIN_RIGHTS_REQUIRED = 90040;

    private H2Durability() {
    }

    static Durability of(Connection connection, DataSource dataSource) throws SQLException {
        String path = value(connection, DATABASE_PATH);
        if (path == null) {
            LOG.debug("Accounting journal in an in-memory H2 database: nothing to sync");
            return Durability.COMMIT_IS_ENOUGH;
        }
        String version = connection.getMetaData().getDatabaseProductVersion();
        if (losesCommitsOnKill(version)) {
            LOG.error("The accounting journal runs on H2 {}, which can lose the last commits (documents the host was told "
                    + "were accepted, outcomes recorded) when Karaf is killed: after reusing file space it points its header "
                    + "at the chunk before the newest. Install the H2 the accounting-core feature ships ({}).", version, SHIPPED_H2);
        }
        try {
            String delay = value(connection, WRITE_DELAY);
            if (!"0".equals(delay)) {
                execute(connection, WRITE_AT_COMMIT);
                LOG.warn("The accounting journal's H2 URL leaves WRITE_DELAY at {} ms, so commits would reach the file "
                        + "only later; the engine set it to 0 while this database stays open. Make it permanent with "
                        + "url = {} in etc/org.ops4j.datasource-accounting.cfg.", delay, shippedUrl(path));
            }
            if (!path.startsWith(RETRY_ON_INTERRUPT)) {
                LOG.warn("The accounting journal's H2 URL does not use H2's retry: file system: a thread interrupted while "
                        + "H2 writes closes the database for every caller. The engine's own calls set interrupts aside; for "
                        + "the rest use url = {} in etc/org.ops4j.datasource-accounting.cfg (same file, nothing to migrate).",
                        shippedUrl(path));
            }
            // once now, so that missing rights stop the engine here and not at the host's first call
            execute(connection, SYNC);
        } catch (SQLException e) {
            if (e.getErrorCode() == ADMIN_RIGHTS_REQUIRED) {
                throw new StoreException("The accounting journal's H2 user needs admin rights: the engine uses "
                        + "SET WRITE_DELAY and CHECKPOINT SYNC to put every accepted document on disk before the host's "
                        + "call returns. Use the user that created the database (the shipped configuration's sa).", e);
            }
            throw e;
        }
        LOG.info("Accounting journal in H2 file {}: every commit written at once, synced to disk (CHECKPOINT SYNC, "
                + "shared by concurrent callers) before the call returns", path);
        return new GroupSync(() -> {
            try (Connection syncing = dataSource.getConnection()) {
                execute(syncing, SYNC);
            }
        });
    }

    /** Whether the H2 of this product version (as JDBC metadata gives it) is one known to lose commits on a kill. */
    static boolean losesCommitsOnKill(String productVersion) {
        return LOSES_COMMITS_ON_KILL.stream().anyMatch(known -> productVersion.equals(known) || productVersion.startsWith(known + " "));
    }

    /** The URL the feature ships, for the database at {@code path} (as DATABASE_PATH() gives it). */
    static String shippedUrl(String path) {
        String file = path.startsWith(RETRY_ON_INTERRUPT) ? path.substring(RETRY_ON_INTERRUPT.length()) : path;
        return "jdbc:h2:" + RETRY_ON_INTERRUPT + file + ";WRITE_DELAY=0;PAGE_SIZE=4096";
    }

    private static String value(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(query)) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
