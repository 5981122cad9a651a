package io.fieldsync.accounting.engine.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Which Karaf node this engine is, among those sharing one journal: the owner written on its lane leases and on the
 * attempts it records. Stable across restarts (configured, else Karaf's {@code karaf.name}, else the host name), so
 * a restarting node recognises its own leases and attempts at once instead of waiting for its old lease to expire.
 */
public record NodeId(String value) {

    /** The longest id the lease and journal columns hold. */
    public static final int MAX_LENGTH = 128;

    public NodeId {
        Objects.requireNonNull(value, "node id");
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a node id is 1 to " + MAX_LENGTH + " characters: '" + value + "'");
        }
    }

    /**
     * The configured id if there is one, else Karaf's instance name (unique per instance of a Karaf cluster, and kept
     * across restarts), else the host name.
     */
    public static NodeId of(String configured) {
        if (configured != null && !configured.isBlank()) {
            return new NodeId(configured.strip());
        }
        String karafName = System.getProperty("karaf.name");
        if (karafName != null && !karafName.isBlank()) {
            return new NodeId(karafName.strip());
        }
        return new NodeId(hostName());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // a host without a resolvable name still has one in the environment on Linux and Windows
            String fromEnvironment = System.getenv().getOrDefault("HOSTNAME", System.getenv("COMPUTERNAME"));
            return fromEnvironment == null || fromEnvironment.isBlank() ? "localhost" : fromEnvironment;
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
