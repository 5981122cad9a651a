package io.fieldsync.accounting.engine.sync;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.SyncSettings;
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

    /**
     * What every request of the company is also built from besides the document: its mappings and the settings a
     * payload carries. The switches of when to send (auto-sync, polling) stay out: changing them must not give a
     * document in doubt a new key, or the vendor would take its resend as a new document. The three settings are
     * written as they were before the switches existed, and the mappings as stored, so keys made before an upgrade stay
     * the same.
     */
    String payloadContext() {
        SyncSettings settings = stores.setup().settings(company);
        Map<String, Object> payloadSettings = new TreeMap<>(Map.of("keepHostInvoiceNumbers", settings.keepHostInvoiceNumbers(),
                "pushInvoicesAs", settings.pushInvoicesAs(), "twoWayNameSync", settings.twoWayNameSync()));
        return AttemptKeys.digest(stores.setup().mappingsText(company, provider.id()), json().write(payloadSettings));
    }

    Json json() {
        return stores.json();
    }
}
