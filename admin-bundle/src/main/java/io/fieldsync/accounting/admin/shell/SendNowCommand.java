package io.fieldsync.accounting.admin.shell;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.admin.AccountingDocuments;
import io.fieldsync.accounting.api.admin.DocumentRow;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Sends a document that waits for its back-off now. A lane the accounting system asked to slow down (a 429 with
 * Retry-After) still waits for that: sending now never breaks a vendor's rate limit.
 */
@Service
@Command(scope = "accounting", name = "send-now", description = "Makes a queued document that waits for its back-off due now "
        + "(a vendor's Retry-After is still respected): accounting:send-now --company c INVOICE JOB-5001.")
public class SendNowCommand implements Action {

    @Option(name = "--company", description = "The company", required = true)
    @Completion(CompanyCompleter.class)
    String company;

    @Argument(index = 0, name = "kind", description = "INVOICE, CREDIT_NOTE or PAYMENT", required = true)
    @Completion(DocumentKindCompleter.class)
    String kind;

    @Argument(index = 1, name = "hostId", description = "The host's id of the document", required = true)
    String hostId;

    @Reference
    AccountingDocuments documents;

    @Override
    public Object execute() {
        try {
            DocumentRef document = new DocumentRef(CompanyId.of(company), DocumentNames.parse(kind, DocumentKind.class, "document kind"), hostId);
            DocumentRow row = documents.sendNow(document).orElse(null);
            if (row == null) {
                return Refusal.unknown(document);
            }
            System.out.println(document.kind() + " " + document.hostId() + " is due now (" + row.status().status()
                    + (row.status().error() == null ? "" : ", last: " + DocumentsCommand.reason(row.status())) + ")");
            return null;
        } catch (AccountingException | IllegalArgumentException refused) {
            return Refusal.print(refused);
        }
    }
}
