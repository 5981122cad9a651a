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

/**
 * What the completers of {@code accounting:map} share: the values of the company named by the line's {@code --company}
 * (what it has mapped, what its accounting system offers), and nothing when that cannot be read (not connected).
 */
final class MappingCompleters {

    private MappingCompleters() {
    }

    static int complete(Session session, CommandLine line, List<String> candidates, AccountingSetup setup,
                        Function<CompanyId, Collection<String>> values) {
        StringsCompleter names = new StringsCompleter();
        CompanyOnLine.of(line).ifPresent(company -> {
            try {
                names.getStrings().addAll(values.apply(company));
            } catch (AccountingException | IllegalArgumentException cannotRead) {
                // not connected, or no provider: nothing to offer, and completion never prints errors
            }
        });
        return names.complete(session, line, candidates);
    }
}
