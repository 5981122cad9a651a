package io.fieldsync.accounting.engine.shell;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.AccountingProviders;
import io.fieldsync.accounting.api.admin.RebindReport;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Moves a company's documents bound to an old provider, which never reached it, to the company's provider. */
@Service
@Command(scope = "accounting", name = "rebind", description = "Sends a company's documents that are bound to its former "
        + "accounting provider but never reached it to its current one, and lists those that stay (synced or in doubt there).")
public class RebindCommand implements Action {

    private static final int SHOWN = 50;

    @Option(name = "--company", description = "The company", required = true)
    @Completion(CompanyIdCompleter.class)
    String company;

    @Reference
    AccountingProviders providers;

    @Override
    public Object execute() {
        RebindReport report;
        try {
            report = providers.rebind(CompanyId.of(company));
        } catch (AccountingException | IllegalArgumentException refused) {
            System.err.println(refused.getMessage());
            return null;
        }
        System.out.println("Moved to " + report.provider() + " : " + report.moved().size());
        report.moved().stream().limit(SHOWN).forEach(document -> System.out.println("  " + document.kind() + " " + document.hostId()));
        more(report.moved().size());
        System.out.println("Stay where they are : " + report.kept().size());
        report.kept().stream().limit(SHOWN).forEach(kept -> System.out.println("  " + kept.document().kind() + " "
                + kept.document().hostId() + " (" + kept.provider() + "): " + kept.reason()));
        more(report.kept().size());
        return null;
    }

    /** A company with years of synced documents would otherwise print them all. */
    private static void more(int total) {
        if (total > SHOWN) {
            System.out.println("  ... and " + (total - SHOWN) + " more (the Java API's RebindReport lists them all)");
        }
    }
}
