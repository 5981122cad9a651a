package io.fieldsync.accounting.admin.shell;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.admin.AccountingSetup;
import io.fieldsync.accounting.api.admin.RemoteAccount;
import io.fieldsync.accounting.api.admin.RemoteItem;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the host tax rates the company has mapped. */
@Service
public class HostTaxRateCompleter implements Completer {
    @Reference
    AccountingSetup setup;

    @Override
    public int complete(Session session, CommandLine line, List<String> candidates) {
        return MappingCompleters.complete(session, line, candidates, setup,
                company -> setup.mappings(company).taxRateByHostTaxRate().keySet());
    }
}
