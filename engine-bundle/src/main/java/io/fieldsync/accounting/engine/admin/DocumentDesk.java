package io.fieldsync.accounting.engine.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.AccountingDocuments;
import io.fieldsync.accounting.api.admin.DocumentRow;
import io.fieldsync.accounting.api.admin.DocumentRows;
import io.fieldsync.accounting.api.admin.DocumentSearch;
import io.fieldsync.accounting.engine.EngineClock;
import io.fieldsync.accounting.engine.store.Journal;
import io.fieldsync.accounting.engine.store.JournalEntry;
import io.fieldsync.accounting.engine.store.JournalReports;
import io.fieldsync.accounting.engine.sync.Dispatcher;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin's document list and its "send now": journal rows with their next attempt. */
@Component(service = AccountingDocuments.class)
public class DocumentDesk implements AccountingDocuments {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentDesk.class);

    private final Journal journal;
    private final JournalReports reports;
    private final Dispatcher dispatcher;
    private final Clock clock;

    @Activate
    public DocumentDesk(@Reference Journal journal, @Reference JournalReports reports, @Reference Dispatcher dispatcher,
                        @Reference EngineClock clock) {
        this.journal = journal;
        this.reports = reports;
        this.dispatcher = dispatcher;
        this.clock = clock.clock();
    }

    @Override
    public DocumentRows search(DocumentSearch search) {
        Instant now = clock.instant();
        var page = reports.search(search);
        return new DocumentRows(page.entries().stream().map(entry -> row(entry, now)).toList(), page.total());
    }

    @Override
    public Optional<Instant> nextAttempt(io.fieldsync.accounting.api.CompanyId company) {
        return reports.nextAttempt(company);
    }

    @Override
    public Optional<DocumentRow> row(DocumentRef document) {
        Instant now = clock.instant();
        return journal.find(document).map(entry -> row(entry, now));
    }

    @Override
    public Optional<DocumentRow> sendNow(DocumentRef document) {
        Instant now = clock.instant();
        Optional<JournalEntry> entry = journal.sendNow(document, now);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        if (!Journal.QUEUED.contains(entry.get().status())) {
            throw new AccountingException(SyncError.of(ErrorCode.PREREQUISITE_MISSING, document.kind() + " " + document.hostId()
                    + " is not waiting to be sent (it is " + entry.get().status() + "); retry a failed one, sync a historical one"));
        }
        LOG.info("Admin asked to send {} {} of company {} now", document.kind(), document.hostId(), document.company());
        dispatcher.wake();
        return Optional.of(row(entry.get(), now));
    }

    static DocumentRow row(JournalEntry entry, Instant now) {
        boolean queued = Journal.QUEUED.contains(entry.status());
        Instant next = queued ? entry.nextAttemptAt() : null;
        return new DocumentRow(entry.toStatus(), next, queued && next.isAfter(now));
    }
}
