package io.fieldsync.accounting.bench.chaos;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChaosSettingsTest {

    private static final ChaosSettings SINGLE = new ChaosSettings(ChaosProvider.XERO, Path.of("/tmp/run"), "http://127.0.0.1:1",
            "jdbc:postgresql://localhost:5432/accounting?user=postgres", 7, 300, Duration.ofSeconds(90), Duration.ofSeconds(8), 5, 60,
            10_000, Duration.ofSeconds(45));

    @Test
    void aNodeIsStartedAgainAsTheSameNodeWithTheSameFrontDoor() {
        ChaosSettings node = SINGLE.asNode("node-2", 40123);

        ChaosSettings restarted = ChaosSettings.fromArgs(node.toArgs().toArray(String[]::new));

        assertThat(restarted).isEqualTo(node);
        assertThat(restarted.node()).isTrue();
        assertThat(restarted.nodeId()).isEqualTo("node-2");
        assertThat(restarted.doorPort()).isEqualTo(40123);
    }

    @Test
    void theSingleNodeEngineGetsTheArgumentsItAlwaysGotAndRunsItsOwnHost() {
        assertThat(SINGLE.toArgs()).doesNotContain("--node-id", "--door-port");
        assertThat(ChaosSettings.fromArgs(SINGLE.toArgs().toArray(String[]::new))).isEqualTo(SINGLE);
        assertThat(SINGLE.node()).isFalse();
    }
}
