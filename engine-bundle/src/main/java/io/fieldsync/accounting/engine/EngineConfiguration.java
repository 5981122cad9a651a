package io.fieldsync.accounting.engine;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the engine, PID {@value #PID}. Every component of the engine reads it and applies changes live. */
@ObjectClassDefinition(id = EngineConfiguration.PID, name = "FieldSync Accounting",
        description = "Which accounting system is active, and how the engine sends documents to it.")
public @interface EngineConfiguration {

    /** The configuration PID. */
    String PID = "io.fieldsync.accounting";

    /** The value of {@link #provider()} meaning "no accounting system". */
    String NO_PROVIDER = "none";

    @AttributeDefinition(name = "Active provider",
            description = "The id of the accounting system documents go to: xero, quickbooks, or none. "
                    + "Changing it switches at once; queued documents wait for the chosen provider and are never lost.")
    String provider() default NO_PROVIDER;

    @AttributeDefinition(name = "Dispatch interval (ms)",
            description = "How often the dispatcher looks for due documents when nothing wakes it earlier.", min = "50")
    long dispatch_interval_ms() default 1000;

    @AttributeDefinition(name = "Batching delay (ms)",
            description = "How long the host must be quiet (no new document) before a pass sends what it accepted, so that a "
                    + "burst goes out in full batches (fewer calls against the accounting system's limits) rather than one "
                    + "document at a time; a burst that never pauses is sent after ten such delays.", min = "0")
    long dispatch_linger_ms() default 200;

    @AttributeDefinition(name = "Lane workers",
            description = "How many connections (company × accounting system) are sent to at once. Each connection is served "
                    + "one round at a time; a connection whose accounting system hangs holds one worker, the others go on.",
            min = "1")
    int lane_workers() default 4;

    @AttributeDefinition(name = "First retry delay (s)",
            description = "Delay before retrying after a transport failure or an unknown outcome; doubles per attempt.", min = "1")
    long retry_delay_s() default 30;

    @AttributeDefinition(name = "Longest retry delay (s)", description = "The doubling stops here.", min = "1")
    long retry_delay_max_s() default 3600;

    @AttributeDefinition(name = "Payment polling interval (min)",
            description = "How often invoices changed in the accounting system are polled, as a backstop to webhooks, for companies "
                    + "whose settings choose no interval of their own. 0 turns polling off for them.",
            min = "0")
    int poll_interval_min() default 15;

    @AttributeDefinition(name = "Node id",
            description = "This Karaf node's name among the nodes sharing one journal database, written on the lanes it serves "
                    + "and the documents it sends. Must differ per node and stay the same across its restarts. Empty: Karaf's "
                    + "karaf.name, else the host name. Read when the engine starts.")
    String node_id() default "";

    @AttributeDefinition(name = "Lane lease (s)",
            description = "How long a node's hold on a company's connection lasts without renewal (it renews on every pass). "
                    + "When a node dies, another takes its companies over after this long and looks up what it was sending "
                    + "before sending anything again. Keep it well above the accounting systems' read timeouts.", min = "10")
    long lane_lease_s() default 120;

    @AttributeDefinition(name = "Token keys", type = AttributeType.PASSWORD,
            description = "AES-256 keys that encrypt the stored OAuth tokens, the same on every node sharing the database: "
                    + "comma-separated id:base64 pairs, the first one current (e.g. k2:<44 characters>,k1:<44 characters>). "
                    + "Older keys still open tokens sealed with them; each is sealed again with the current key at its next "
                    + "refresh. May be an ENC(...) value. Empty: one key per node in karaf.data/accounting/token.key. Read when "
                    + "the engine starts.")
    String token_keys() default "";

    @AttributeDefinition(name = "Data source filter",
            description = "LDAP filter choosing the javax.sql.DataSource service that holds the journal.")
    String dataSource_target() default "(dataSourceName=accounting)";
}
