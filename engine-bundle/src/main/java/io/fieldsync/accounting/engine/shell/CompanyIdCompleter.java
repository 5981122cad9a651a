package io.fieldsync.accounting.engine.shell;

import java.util.List;

import io.fieldsync.accounting.engine.store.CompanyProviders;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the ids of the companies the engine knows: with a provider chosen or with documents. */
@Service
public class CompanyIdCompleter implements Completer {

    @Reference
    CompanyProviders companyProviders;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        companyProviders.companies().forEach(company -> ids.getStrings().add(company.value()));
        return ids.complete(session, commandLine, candidates);
    }
}
