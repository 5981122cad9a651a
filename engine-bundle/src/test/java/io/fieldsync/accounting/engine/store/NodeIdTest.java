package io.fieldsync.accounting.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeIdTest {

    @Test
    void theConfiguredIdWinsOverKarafsNameAndTheHostName() {
        assertThat(NodeId.of("  karaf-a ").value()).isEqualTo("karaf-a");
    }

    @Test
    void withoutConfigurationKarafsInstanceNameIsTheNodeId() {
        String before = System.getProperty("karaf.name");
        System.setProperty("karaf.name", "karaf-b");
        try {
            assertThat(NodeId.of("").value()).isEqualTo("karaf-b");
            assertThat(NodeId.of(null)).isEqualTo(NodeId.of(" "));
        } finally {
            if (before == null) {
                System.clearProperty("karaf.name");
            } else {
                System.setProperty("karaf.name", before);
            }
        }
    }

    @Test
    void withoutConfigurationOrKarafTheHostNameIs() {
        String before = System.getProperty("karaf.name");
        System.clearProperty("karaf.name");
        try {
            assertThat(NodeId.of(null).value()).isNotBlank();
        } finally {
            if (before != null) {
                System.setProperty("karaf.name", before);
            }
        }
    }

    @Test
    void anIdTooLongForTheLeaseColumnIsRefused() {
        assertThatThrownBy(() -> NodeId.of("n".repeat(NodeId.MAX_LENGTH + 1))).isInstanceOf(IllegalArgumentException.class);
    }
}
