package io.fieldsync.accounting.engine.store;

/**
 * What a committed transaction still needs before its caller may be told it happened: the host's
 * document, or the dispatcher's record of a 200 OK, must survive the process being killed and, where the
 * database allows it, the machine losing power. {@link DatabaseDurability} chooses one per database.
 */
interface Durability {

    /** Returns once everything committed before the call is on disk. */
    void awaitOnDisk();

    /** The database's commit is durable by itself (PostgreSQL), or there is no disk (an in-memory H2). */
    Durability COMMIT_IS_ENOUGH = () -> {
    };
}
