package io.fieldsync.accounting.admin.shell;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.AccountingSync;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.Ticket;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Queues a failed document again (or all of a company's), typically after its cause was fixed. */
@Service
@Command(scope = "accounting", name = "retry", description = "Queues a failed (or unsupported) document again, after its "
        + "cause was fixed: accounting:retry --company c INVOICE JOB-5001, or --all-failed.")
public class RetryCommand implements Action {

    @Option(name = "--company", description = "The company", required = true)
    @Completion(CompanyCompleter.class)
    String company;

    @Option(name = "--all-failed", description = "Every failed document of the company")
    boolean allFailed;

    @Argument(index = 0, name = "kind", description = "INVOICE, CREDIT_NOTE or PAYMENT")
    @Completion(DocumentKindCompleter.class)
    String kind;

    @Argument(index = 1, name = "hostId", description = "The host's id of the document")
    String hostId;

    @Reference
    AccountingSync sync;

    @Override
    public Object execute() {
        if (allFailed == (kind != null)) {
            return Refusal.invalid("Name one document (kind and host id) or give --all-failed, not both and not neither");
        }
        if (kind != null && hostId == null) {
            return Refusal.invalid("Name the document's host id after its kind, e.g. INVOICE JOB-5001");
        }
        try {
            CompanyId id = CompanyId.of(company);
            if (allFailed) {
                int retried = sync.retryAllFailed(id);
                System.out.println("Queued again: " + retried + " failed document" + (retried == 1 ? "" : "s") + " of " + id);
                return null;
            }
            DocumentRef document = new DocumentRef(id, DocumentNames.parse(kind, DocumentKind.class, "document kind"), hostId);
            Ticket ticket = sync.retry(document).orElse(null);
            if (ticket == null) {
                return notRetried(document);
            }
            System.out.println("Queued again: " + document.kind() + " " + document.hostId() + " (revision " + ticket.revision() + ")");
            return null;
        } catch (AccountingException | IllegalArgumentException refused) {
            return Refusal.print(refused);
        }
    }

    /** Unknown, or not failed: the engine retries only failed (and unsupported) documents. */
    private Object notRetried(DocumentRef document) {
        DocumentStatus status = sync.status(document).orElse(null);
        if (status == null) {
            return Refusal.unknown(document);
        }
        System.err.println(Refusal.line(ErrorCode.PREREQUISITE_MISSING, document.kind() + " " + document.hostId() + " is "
                + status.status() + ", not failed: only a failed document is retried"
                + (status.status() == SyncStatus.NOT_ATTEMPTED ? " (sync a historical one with accounting:sync-history)" : "")));
        return null;
    }
}
