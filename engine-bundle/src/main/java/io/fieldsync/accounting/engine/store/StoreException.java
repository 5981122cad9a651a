package io.fieldsync.accounting.engine.store;

/** The engine's database failed; the operation did not happen (its transaction was rolled back). */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
