package io.fieldsync.accounting.engine.sync;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.store.JournalEntry;
import io.fieldsync.accounting.engine.store.Json;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the stages of one company's dispatch round share: the stores, the provider, where outcomes go, the time. */
record RoundScope(CompanyId company, RoundStores stores, ActiveProvider provider, Recorder recorder, Clock clock, AttemptKeys keys) {

    private static final Logger LOG = LoggerFactory.getLogger(RoundScope.class);

    /**
     * Prepares one document; whatever goes wrong with it (an unreadable snapshot, a value the provider's records
     * refuse) fails that document with the reason, never the company's round.
     */
    <T> Optional<T> guarded(JournalEntry entry, Supplier<Optional<T>> preparation) {
        try {
            return preparation.get();
        } catch (RuntimeException broken) {
            LOG.warn("Accounting document {} could not be prepared for {}; it is marked failed and the others go on",
                    entry.document(), provider.id(), broken);
            recorder.failedBeforeSending(entry, provider.id(), SyncError.of(ErrorCode.INTERNAL_ERROR,
                    "Preparing " + entry.document().kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " "
                            + entry.document().hostId() + " for " + provider.descriptor().displayName()).withDetail(broken.toString()));
            return Optional.empty();
        }
    }

    String providerId() {
        return provider.id();
    }

    LineBookings lineBookings() {
        return new LineBookings(stores.setup().mappings(company, provider.id()), stores.setup().referenceData(company, provider.id()),
                provider.descriptor().displayName());
    }

    /** What every request of the company is also built from besides the document: its mappings and settings. */
    String payloadContext() {
        return AttemptKeys.digest(json().write(stores.setup().mappings(company, provider.id())), json().write(stores.setup().settings(company)));
    }

    Json json() {
        return stores.json();
    }
}
