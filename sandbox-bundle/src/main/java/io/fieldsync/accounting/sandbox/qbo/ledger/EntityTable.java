package io.fieldsync.accounting.sandbox.qbo.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The entities of one kind in one company, as QBO's JSON documents (the wire shape is the model: QBO entities are
 * large and the sandbox answers with what it stores). Ids are numbers counted per kind, as QBO's are. Deleted
 * entities leave a tombstone for CDC. Not thread-safe: the owning {@link Company} is the lock.
 */
public final class EntityTable {

    private final String entity;
    private final Map<String, ObjectNode> live = new LinkedHashMap<>();
    private final Map<String, ObjectNode> tombstones = new LinkedHashMap<>();
    private final Map<String, ObjectNode> lastStates = new LinkedHashMap<>();
    private final Map<String, Long> bornAt = new HashMap<>();
    private final Set<String> voided = new HashSet<>();
    private int lastId;

    EntityTable(String entity, int firstId) {
        this.entity = entity;
        this.lastId = firstId - 1;
    }

    public String entity() {
        return entity;
    }

    /** Makes an empty table hand out {@code firstId} next (seeding ids a demo company is known by). */
    public void startIdsAt(int firstId) {
        if (!live.isEmpty() || !tombstones.isEmpty()) {
            throw new IllegalStateException("ids of " + entity + " are already in use");
        }
        lastId = firstId - 1;
    }

    String nextId() {
        return String.valueOf(++lastId);
    }

    void put(String id, ObjectNode node, long sequence) {
        live.put(id, node);
        bornAt.putIfAbsent(id, sequence);
    }

    /** The live entity, unless it was born after {@code horizon} (a batch item cannot see its siblings' work). */
    Optional<ObjectNode> get(String id, long horizon) {
        ObjectNode node = live.get(id);
        if (node == null || bornAt.getOrDefault(id, 0L) > horizon) {
            return Optional.empty();
        }
        return Optional.of(node);
    }

    void remove(String id, ObjectNode tombstone) {
        lastStates.put(id, live.remove(id));
        voided.remove(id);
        tombstones.put(id, tombstone);
    }

    void markVoided(String id) {
        voided.add(id);
    }

    public boolean isVoided(String id) {
        return voided.contains(id);
    }

    /** Live entities, oldest first. */
    public List<ObjectNode> all() {
        return new ArrayList<>(live.values());
    }

    public List<ObjectNode> tombstones() {
        return new ArrayList<>(tombstones.values());
    }

    /** Deleted entities as they were just before deletion (for the control API, not for clients). */
    public List<ObjectNode> deletedStates() {
        return new ArrayList<>(lastStates.values());
    }

    public int size() {
        return live.size();
    }
}
