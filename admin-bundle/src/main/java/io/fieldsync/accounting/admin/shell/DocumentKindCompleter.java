package io.fieldsync.accounting.admin.shell;

import java.util.List;

import io.fieldsync.accounting.api.DocumentKind;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the document kinds (INVOICE, CREDIT_NOTE, PAYMENT). */
@Service
public class DocumentKindCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        for (DocumentKind value : DocumentKind.values()) {
            names.getStrings().add(value.name());
        }
        return names.complete(session, commandLine, candidates);
    }
}
