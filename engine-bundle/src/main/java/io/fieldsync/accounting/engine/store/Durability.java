package io.fieldsync.accounting.engine.store;

/**
 * What a transaction still needs before its caller may be told it happened: the host's document, or
 * the dispatcher's record of a 200 OK, must survive the process being killed and, where the database
 * allows it, the machine losing power. {@link DatabaseDurability} chooses one per database;
 * {@link Database#transaction} tells it when each transaction begins and how it ends.
 */
interface Durability {

    /** A transaction begins. */
    void began();

    /** A transaction that began ended without a commit. */
    void abandoned();

    /** A transaction that began has committed; returns once it, and everything committed before it, is on disk. */
    void awaitOnDisk();

    /** The database's commit is durable by itself (PostgreSQL), or there is no disk (an in-memory H2). */
    Durability COMMIT_IS_ENOUGH = new Durability() {
        @Override
        public void began() {
        }

        @Override
        public void abandoned() {
        }

        @Override
        public void awaitOnDisk() {
        }
    };
}
