package io.fieldsync.accounting.engine.operations;

import java.time.Instant;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.SyncError;

/**
 * Where connection alerts go besides the host's listeners: an operator's event bus. The engine's own service, so that
 * the engine needs no EventAdmin to run ({@link EventAdminConnectionEvents} is there only when EventAdmin is).
 */
public interface ConnectionEvents {

    /** A connection expired or was revoked at {@code at}. */
    void expired(CompanyId company, String provider, SyncError reason, Instant at);

    /** An expired connection was connected again at {@code at}. */
    void restored(CompanyId company, String provider, Instant at);
}
