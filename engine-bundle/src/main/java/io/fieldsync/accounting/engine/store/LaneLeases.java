package io.fieldsync.accounting.engine.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.fieldsync.accounting.api.CompanyId;

/**
 * Which node serves which lane (a company's connection to one accounting system) when several Karaf nodes share one
 * journal. A node claims a lane with a lease, renews it while it works the lane, and releases it when the lane runs
 * dry or the node stops; a lease not renewed by its end is free for any node (its holder died).
 *
 * <p>Claims lock the lease rows with {@code SELECT ... FOR UPDATE SKIP LOCKED} (PostgreSQL, and H2 since 2.x): a row
 * another node is claiming at this moment is skipped, never waited for, and never taken twice. A lane without a row
 * yet is inserted; two nodes inserting the same lane at once collide on the primary key and only one wins.
 */
public final class LaneLeases {

    /** Who holds a lane, and until when. */
    public record Lease(LaneId lane, NodeId owner, Instant until) {
    }

    private static final Comparator<LaneId> ORDER = Comparator.comparing((LaneId lane) -> lane.company().value())
            .thenComparing(LaneId::provider);
    private static final String TAKEABLE = "SELECT owner FROM lane_leases WHERE provider = ? AND company_id = ? "
            + "AND (owner = ? OR lease_until < ?) FOR UPDATE SKIP LOCKED";
    private static final String TAKE = "UPDATE lane_leases SET owner = ?, acquired_at = CASE WHEN owner = ? THEN acquired_at ELSE ? END, "
            + "lease_until = ? WHERE company_id = ? AND provider = ?";
    private static final String EXISTS = "SELECT 1 FROM lane_leases WHERE company_id = ? AND provider = ?";
    private static final String INSERT = "INSERT INTO lane_leases (company_id, provider, owner, lease_until, acquired_at) VALUES (?, ?, ?, ?, ?)";
    private static final String RENEW = "UPDATE lane_leases SET lease_until = ? WHERE company_id = ? AND provider = ? AND owner = ?";
    private static final String RELEASE = "UPDATE lane_leases SET lease_until = ? WHERE company_id = ? AND provider = ? AND owner = ?";
    private static final String RELEASE_ALL = "UPDATE lane_leases SET lease_until = ? WHERE owner = ? AND lease_until >= ?";
    private static final String HEARTBEAT = "UPDATE engine_nodes SET alive_until = ? WHERE node_id = ?";
    private static final String JOIN = "INSERT INTO engine_nodes (node_id, alive_until) VALUES (?, ?)";
    private static final String LIVE_NODES = "SELECT COUNT(*) FROM engine_nodes WHERE alive_until >= ?";
    private static final String LIVE = "SELECT company_id, provider, owner, lease_until FROM lane_leases WHERE lease_until >= ? "
            + "ORDER BY company_id, provider";
    /** SQLSTATE of a unique or primary key violation, on PostgreSQL and H2 alike. */
    private static final String DUPLICATE_KEY = "23505";

    private final Database database;

    public LaneLeases(Database database) {
        this.database = database;
    }

    /**
     * Claims those of {@code candidates} that are free, expired, or already this node's, until {@code until}; returns
     * the lanes this node now holds. A lane held by a live other node is left to it.
     */
    public Set<LaneId> claim(NodeId node, Collection<LaneId> candidates, Instant now, Instant until) {
        return claim(node, candidates, now, until, Integer.MAX_VALUE);
    }

    /**
     * Claims as {@link #claim(NodeId, Collection, Instant, Instant)} does, but holds at most {@code share} lanes: its own
     * first, then free ones; those of its own beyond the share are released, for the other live nodes to take.
     */
    public Set<LaneId> claim(NodeId node, Collection<LaneId> candidates, Instant now, Instant until, int share) {
        List<LaneId> ordered = candidates.stream().distinct().sorted(ORDER).toList();
        if (ordered.isEmpty() || share < 1) {
            return Set.of();
        }
        Set<LaneId> held = new LinkedHashSet<>();
        List<LaneId> missing = new ArrayList<>();
        database.transaction(connection -> {
            List<LaneId> own = new ArrayList<>();
            List<LaneId> free = new ArrayList<>();
            try (PreparedStatement takeable = connection.prepareStatement(TAKEABLE);
                 PreparedStatement take = connection.prepareStatement(TAKE);
                 PreparedStatement exists = connection.prepareStatement(EXISTS)) {
                for (LaneId lane : ordered) {
                    takeable.setString(1, lane.provider());
                    takeable.setString(2, lane.company().value());
                    takeable.setString(3, node.value());
                    Database.setInstant(takeable, 4, now);
                    String owner = null;
                    try (ResultSet row = takeable.executeQuery()) {
                        if (row.next()) {
                            owner = row.getString(1);
                        }
                    }
                    if (owner != null) {
                        (owner.equals(node.value()) ? own : free).add(lane);
                        continue;
                    }
                    exists.setString(1, lane.company().value());
                    exists.setString(2, lane.provider());
                    try (ResultSet row = exists.executeQuery()) {
                        if (!row.next()) {
                            missing.add(lane);
                        }
                    }
                }
                List<LaneId> chosen = new ArrayList<>(own);
                chosen.addAll(free);
                for (int i = 0; i < chosen.size(); i++) {
                    LaneId lane = chosen.get(i);
                    // beyond the share, a lane of its own is given back (ends now) and a free one left alone
                    boolean keep = i < share;
                    if (!keep && !own.contains(lane)) {
                        continue;
                    }
                    take.setString(1, node.value());
                    take.setString(2, node.value());
                    Database.setInstant(take, 3, now);
                    Database.setInstant(take, 4, keep ? until : now.minusMillis(1));
                    take.setString(5, lane.company().value());
                    take.setString(6, lane.provider());
                    take.executeUpdate();
                    if (keep) {
                        held.add(lane);
                    }
                }
            }
            return null;
        });
        for (LaneId lane : missing) {
            if (held.size() < share && insert(node, lane, now, until)) {
                held.add(lane);
            }
        }
        return held;
    }

    /**
     * Records that {@code node} is at work until {@code aliveUntil}, and returns how many nodes are (itself included):
     * each takes its share of the lanes with work.
     */
    public int heartbeat(NodeId node, Instant now, Instant aliveUntil) {
        int beats = database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(HEARTBEAT)) {
                Database.setInstant(update, 1, aliveUntil);
                update.setString(2, node.value());
                return update.executeUpdate();
            }
        });
        if (beats == 0) {
            try {
                database.transaction(connection -> {
                    try (PreparedStatement insert = connection.prepareStatement(JOIN)) {
                        insert.setString(1, node.value());
                        Database.setInstant(insert, 2, aliveUntil);
                        return insert.executeUpdate();
                    }
                });
            } catch (StoreException e) {
                // only this node writes its row: a duplicate means its previous life wrote it meanwhile; count it as is
                if (!(e.getCause() instanceof SQLException sql && DUPLICATE_KEY.equals(sql.getSQLState()))) {
                    throw e;
                }
            }
        }
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(LIVE_NODES)) {
                Database.setInstant(query, 1, now);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return Math.max(1, row.getInt(1));
                }
            }
        });
    }

    /** A lane no node ever held: the first insert wins, another node's concurrent insert loses on the key. */
    private boolean insert(NodeId node, LaneId lane, Instant now, Instant until) {
        try {
            return database.transaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    insert.setString(1, lane.company().value());
                    insert.setString(2, lane.provider());
                    insert.setString(3, node.value());
                    Database.setInstant(insert, 4, until);
                    Database.setInstant(insert, 5, now);
                    return insert.executeUpdate() == 1;
                }
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql && DUPLICATE_KEY.equals(sql.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Extends this node's lease on {@code lane} to {@code until}. False when the node no longer holds it (its lease
     * expired and another node took the lane over): it must then leave the lane alone.
     */
    public boolean renew(NodeId node, LaneId lane, Instant until) {
        return update(RENEW, node, lane, until);
    }

    /** Gives the lane up at once (it ran dry, or the node stops), so another node need not wait for the lease to end. */
    public void release(NodeId node, LaneId lane, Instant now) {
        update(RELEASE, node, lane, now.minusMillis(1));
    }

    /** Gives up every lane this node holds, and its place among the live nodes (a clean stop). */
    public int releaseAll(NodeId node, Instant now) {
        return database.transaction(connection -> {
            try (PreparedStatement leave = connection.prepareStatement(HEARTBEAT)) {
                Database.setInstant(leave, 1, now.minusMillis(1));
                leave.setString(2, node.value());
                leave.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement(RELEASE_ALL)) {
                Database.setInstant(update, 1, now.minusMillis(1));
                update.setString(2, node.value());
                Database.setInstant(update, 3, now);
                return update.executeUpdate();
            }
        });
    }

    /** The leases live at {@code now}, for status displays and tests. */
    public List<Lease> live(Instant now) {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(LIVE)) {
                Database.setInstant(query, 1, now);
                List<Lease> leases = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        leases.add(new Lease(new LaneId(CompanyId.of(rows.getString("company_id")), rows.getString("provider")),
                                new NodeId(rows.getString("owner")), Database.instant(rows, "lease_until")));
                    }
                }
                return leases;
            }
        });
    }

    /** The nodes holding a live lease at {@code now}. */
    public Set<NodeId> liveNodes(Instant now) {
        Set<NodeId> nodes = new HashSet<>();
        live(now).forEach(lease -> nodes.add(lease.owner()));
        return nodes;
    }

    private boolean update(String sql, NodeId node, LaneId lane, Instant until) {
        return database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                Database.setInstant(update, 1, until);
                update.setString(2, lane.company().value());
                update.setString(3, lane.provider());
                update.setString(4, node.value());
                return update.executeUpdate() == 1;
            }
        });
    }
}
