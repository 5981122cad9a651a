package io.fieldsync.accounting.admin;

import java.util.EnumSet;
import java.util.Set;

import io.fieldsync.accounting.api.AccountingSync;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentQuery;
import io.fieldsync.accounting.api.SyncStatus;

/**
 * Where a company's invoices stand, for a progress bar (the REST API's {@code GET .../history}) and the shell's
 * {@code accounting:sync-history}: registered and not asked for yet, queued or being sent, synced, failed. The journal
 * does not mark which invoices were historical once they are queued, so the counts after the first are over every
 * invoice of the company.
 */
public record HistoryProgress(long notAttempted, long queued, long synced, long failed) {

    private static final Set<SyncStatus> QUEUED = EnumSet.of(SyncStatus.PENDING, SyncStatus.SENDING, SyncStatus.OUTCOME_UNKNOWN,
            SyncStatus.DISCONNECTED);

    /** The company's invoices counted now. */
    public static HistoryProgress of(AccountingSync sync, CompanyId company) {
        return new HistoryProgress(invoices(sync, company, EnumSet.of(SyncStatus.NOT_ATTEMPTED)), invoices(sync, company, QUEUED),
                invoices(sync, company, EnumSet.of(SyncStatus.SYNCED)),
                invoices(sync, company, EnumSet.of(SyncStatus.FAILED, SyncStatus.UNSUPPORTED)));
    }

    /** Nothing is queued or being sent any more. */
    public boolean settled() {
        return queued == 0;
    }

    private static long invoices(AccountingSync sync, CompanyId company, Set<SyncStatus> statuses) {
        return sync.documents(new DocumentQuery(company, statuses, EnumSet.of(DocumentKind.INVOICE), 0, 1)).total();
    }
}
