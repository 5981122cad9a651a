package io.fieldsync.accounting.bench.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Which node each planned kill hits, drawn from the seed. On two nodes or more the kill in the middle of the kill
 * window (the host still working, the queue full) is held: that node is not started again until the others have
 * taken over its work, which is the point of running several nodes. The kills after it pick among the other nodes,
 * so that the node left down is not "killed" again while it is not running.
 */
final class NodeKillPlan {

    private NodeKillPlan() {
    }

    static List<NodeKill> assign(long seed, int nodes, List<ChaosEvent> schedule) {
        List<ChaosEvent> kills = schedule.stream().filter(event -> event.kind() == ChaosEvent.Kind.KILL).toList();
        Random random = new Random(seed * 41 + 13);
        int heldAt = nodes > 1 ? kills.size() / 2 : -1;
        int heldNode = -1;
        List<NodeKill> planned = new ArrayList<>();
        for (int k = 0; k < kills.size(); k++) {
            int node;
            if (heldNode < 0) {
                node = random.nextInt(nodes);
            } else {
                node = random.nextInt(nodes - 1);
                node = node >= heldNode ? node + 1 : node;
            }
            if (k == heldAt) {
                heldNode = node;
            }
            planned.add(new NodeKill(kills.get(k).atMillis(), node, k == heldAt, kills.get(k).value()));
        }
        return List.copyOf(planned);
    }
}
