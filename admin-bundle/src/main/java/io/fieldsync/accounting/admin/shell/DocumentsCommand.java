package io.fieldsync.accounting.admin.shell;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.AccountingDocuments;
import io.fieldsync.accounting.api.admin.DocumentRow;
import io.fieldsync.accounting.api.admin.DocumentRows;
import io.fieldsync.accounting.api.admin.DocumentSearch;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** A company's documents, filtered as the REST API filters them, with why each failed or waits and when it is tried next. */
@Service
@Command(scope = "accounting", name = "documents", description = "Lists a company's documents, most recently changed first, "
        + "with the reason each failed or waits and its next attempt; filter by --status, --kind, --text, --since.")
public class DocumentsCommand implements Action {

    @Option(name = "--company", description = "The company", required = true)
    @Completion(CompanyCompleter.class)
    String company;

    @Option(name = "--status", description = "Only these statuses (repeatable, or comma-separated): FAILED, PENDING ...", multiValued = true)
    @Completion(SyncStatusCompleter.class)
    List<String> statuses;

    @Option(name = "--kind", description = "Only these kinds (repeatable, or comma-separated): INVOICE, CREDIT_NOTE, PAYMENT", multiValued = true)
    @Completion(DocumentKindCompleter.class)
    List<String> kinds;

    @Option(name = "--text", description = "Only documents whose host id or number, invoice, remote number, customer or failure contains this")
    String text;

    @Option(name = "--since", description = "Only documents whose status changed since: 2026-11-02T09:00:00Z, 2026-11-02, or 30m, 2h, 7d ago")
    String since;

    @Option(name = "--limit", description = "At most this many rows (1-" + DocumentSearch.MAX_LIMIT + ", default 50)")
    int limit = 50;

    @Option(name = "--offset", description = "Skip this many rows first (the next page)")
    int offset;

    @Reference
    AccountingDocuments documents;

    ConsoleTime time = ConsoleTime.of(Clock.systemUTC());

    @Override
    public Object execute() {
        DocumentRows rows;
        try {
            CompanyId id = CompanyId.of(company);
            Instant from = since == null ? null : Since.parse(since, time.now());
            rows = documents.search(new DocumentSearch(id, DocumentNames.parseAll(statuses, SyncStatus.class, "status"),
                    DocumentNames.parseAll(kinds, DocumentKind.class, "document kind"), from, null, text, offset, limit));
        } catch (AccountingException | IllegalArgumentException refused) {
            return Refusal.print(refused);
        }
        if (rows.rows().isEmpty()) {
            System.out.println("No documents match (" + rows.total() + " in all).");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Kind");
        table.column("Host id");
        table.column("Status");
        table.column("Tries");
        table.column("Changed");
        table.column("Next attempt");
        table.column("Remote");
        table.column("Reason").maxSize(120);
        for (DocumentRow row : rows.rows()) {
            DocumentStatus status = row.status();
            table.addRow().addContent(status.document().kind(), status.document().hostId(), status.status(), status.attempts(),
                    status.updatedAt(), next(row), remote(status), reason(status));
        }
        table.print(System.out);
        System.out.println(rows.rows().size() + " of " + rows.total() + (offset + rows.rows().size() < rows.total()
                ? " (next page: --offset " + (offset + rows.rows().size()) + ")" : ""));
        return null;
    }

    private static String next(DocumentRow row) {
        if (row.nextAttemptAt() == null) {
            return "";
        }
        return row.backingOff() ? row.nextAttemptAt().toString() : "due now";
    }

    private static String remote(DocumentStatus status) {
        if (status.remoteNumber() != null) {
            return status.remoteNumber();
        }
        return status.remoteId() == null ? "" : status.remoteId();
    }

    /** The code and the admin's words, then the accounting system's own words when it said something. */
    static String reason(DocumentStatus status) {
        if (status.error() == null) {
            return "";
        }
        return status.error().code() + ": " + status.error().message()
                + (status.error().detail() == null ? "" : " [" + status.error().detail() + "]");
    }
}
