package io.fieldsync.accounting.engine.store;

/**
 * The engine's database failed. Either the operation did not happen (its transaction was rolled back),
 * or it was committed but could not be synced to disk; repeating it is safe either way, since the journal
 * takes a repeated document as a repeat.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
