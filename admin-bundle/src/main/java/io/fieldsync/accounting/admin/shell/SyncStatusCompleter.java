package io.fieldsync.accounting.admin.shell;

import java.util.List;

import io.fieldsync.accounting.api.SyncStatus;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the documents' statuses (FAILED, PENDING ...). */
@Service
public class SyncStatusCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        for (SyncStatus value : SyncStatus.values()) {
            names.getStrings().add(value.name());
        }
        return names.complete(session, commandLine, candidates);
    }
}
