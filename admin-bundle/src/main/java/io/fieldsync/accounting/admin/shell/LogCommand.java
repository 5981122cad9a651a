package io.fieldsync.accounting.admin.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;

import io.fieldsync.accounting.admin.SyncLogLine;
import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.AccountingSync;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncLogEntry;
import io.fieldsync.accounting.api.SyncLogQuery;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * The calls made to a company's accounting system, newest first; {@code --export} writes them as the REST API's
 * {@code sync-log.csv} (the same writer), for a spreadsheet or a support ticket.
 */
@Service
@Command(scope = "accounting", name = "log", description = "Shows the calls made to a company's accounting system, newest "
        + "first (--document INVOICE/JOB-5001, --errors, --since, --limit); --export file.csv writes them as CSV.")
public class LogCommand implements Action {

    @Option(name = "--company", description = "The company", required = true)
    @Completion(CompanyCompleter.class)
    String company;

    @Option(name = "--document", description = "Only the calls that carried this document: kind/hostId, e.g. INVOICE/JOB-5001")
    String document;

    @Option(name = "--errors", description = "Only the calls that returned an error")
    boolean errors;

    @Option(name = "--since", description = "Only calls since: 2026-11-02T09:00:00Z, 2026-11-02, or 30m, 2h, 7d ago")
    String since;

    @Option(name = "--limit", description = "At most this many calls (1-1000, default 50; 1000 with --export)")
    int limit;

    @Option(name = "--export", description = "Write the calls to this CSV file instead of printing them")
    @Completion(FileCompleter.class)
    String export;

    @Option(name = "--force", description = "With --export, replace a file that exists")
    boolean force;

    @Reference
    AccountingSync sync;

    ConsoleTime time = ConsoleTime.of(Clock.systemUTC());

    @Override
    public Object execute() {
        List<SyncLogEntry> entries;
        DocumentRef asked;
        try {
            CompanyId id = CompanyId.of(company);
            DocumentRef one = document == null ? null : DocumentNames.document(id, document.strip());
            asked = one;
            int wanted = limit != 0 ? limit : export != null ? 1000 : 50;
            entries = sync.syncLog(new SyncLogQuery(id, one, errors, since == null ? null : Since.parse(since, time.now()), wanted));
        } catch (AccountingException | IllegalArgumentException refused) {
            return Refusal.print(refused);
        }
        if (export != null) {
            return export(entries);
        }
        if (entries.isEmpty()) {
            System.out.println("No calls match.");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("At");
        table.column("Provider");
        table.column("Operation");
        table.column("HTTP");
        table.column("ms");
        table.column("Document");
        table.column("Vendor error").maxSize(100);
        for (SyncLogEntry entry : entries) {
            table.addRow().addContent(entry.at(), entry.provider(), entry.operation(), entry.httpStatus() == 0 ? "-" : entry.httpStatus(),
                    entry.duration().toMillis(), documentOf(entry, asked),
                    entry.vendorError() == null ? "" : entry.vendorError());
        }
        table.print(System.out);
        System.out.println(entries.size() + " call" + (entries.size() == 1 ? "" : "s"));
        return null;
    }

    /**
     * The call's own document, or the batch it was: a batched call is logged once for all the documents it carried, so
     * its row names the one asked for, or the first, and how many there were (the CSV lists them all).
     */
    private static String documentOf(SyncLogEntry entry, DocumentRef asked) {
        if (entry.document() != null) {
            return name(entry.document());
        }
        List<DocumentRef> carried = entry.carried();
        if (carried.isEmpty()) {
            return "";
        }
        if (asked != null && carried.contains(asked)) {
            return "batch of " + carried.size() + " with " + name(asked);
        }
        return "batch of " + carried.size() + ": " + name(carried.get(0)) + (carried.size() > 1 ? ", ..." : "");
    }

    private static String name(DocumentRef document) {
        return document.kind() + "/" + document.hostId();
    }

    private Object export(List<SyncLogEntry> entries) {
        Path file;
        try {
            file = Path.of(export).toAbsolutePath();
        } catch (java.nio.file.InvalidPathException notAPath) {
            return Refusal.invalid("Cannot write " + export + ": " + notAPath.getMessage());
        }
        try {
            if (force) {
                Files.writeString(file, SyncLogLine.csv(entries), StandardCharsets.UTF_8);
            } else {
                Files.writeString(file, SyncLogLine.csv(entries), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            }
        } catch (java.nio.file.FileAlreadyExistsException exists) {
            return Refusal.invalid(file + " exists; give --force to replace it");
        } catch (IOException cannotWrite) {
            return Refusal.invalid("Cannot write " + export + ": " + cannotWrite.getMessage());
        }
        System.out.println("Wrote " + entries.size() + " call" + (entries.size() == 1 ? "" : "s") + " to " + file);
        return null;
    }
}
