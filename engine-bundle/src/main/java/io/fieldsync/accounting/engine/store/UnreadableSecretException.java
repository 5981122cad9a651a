package io.fieldsync.accounting.engine.store;

/**
 * A sealed secret cannot be opened with this installation's key: the key file was lost (a new key was made) or
 * replaced, or the stored value is damaged. Nothing can recover it here; the secret must be obtained again.
 */
public final class UnreadableSecretException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    UnreadableSecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
