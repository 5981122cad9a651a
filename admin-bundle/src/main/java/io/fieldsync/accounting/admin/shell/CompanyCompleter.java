package io.fieldsync.accounting.admin.shell;

import java.util.List;

import io.fieldsync.accounting.api.admin.AccountingProviders;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the companies the engine knows: with a provider chosen or with documents. */
@Service
public class CompanyCompleter implements Completer {

    @Reference
    AccountingProviders providers;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        providers.companies().forEach(company -> ids.getStrings().add(company.company().value()));
        return ids.complete(session, commandLine, candidates);
    }
}
