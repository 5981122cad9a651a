package io.fieldsync.accounting.admin.shell;

import java.util.ArrayList;
import java.util.List;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.admin.ImportJob;
import io.fieldsync.accounting.admin.ImportJobs;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.ContactDecision;
import io.fieldsync.accounting.api.admin.ReferenceChoice;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Imports a company's tax rates and items from its accounting system, applies the links given by hand, and shows each
 * imported row with the host values linked to it. It runs as the same job as the admin API's {@code POST .../imports},
 * printing each step as the job reaches it. Customers are imported through the REST API or the settings page:
 * pairing them needs the host's customer list, which only the host has.
 */
@Service
@Command(scope = "accounting", name = "import", description = "Imports a company's tax rates and items from its accounting "
        + "system and shows what each is linked to; --tax-rate HOST=CODE and --item CATEGORY=KEY link by hand, --ignore-tax-rate "
        + "and --ignore-item remove a link. Customers: use the REST API (it needs the host's customers).")
public class ImportCommand implements Action {

    @Argument(index = 0, name = "company", description = "The company", required = true)
    @Completion(CompanyCompleter.class)
    String company;

    @Option(name = "--tax-rate", description = "HOST=CODE: the host tax rate HOST is the accounting system's tax rate CODE", multiValued = true)
    List<String> taxRates;

    @Option(name = "--item", description = "CATEGORY=KEY: the host category books through the item KEY (code or id)", multiValued = true)
    List<String> items;

    @Option(name = "--ignore-tax-rate", description = "A host tax rate to leave without a tax rate", multiValued = true)
    List<String> ignoredTaxRates;

    @Option(name = "--ignore-item", description = "A host category to leave without an item", multiValued = true)
    List<String> ignoredItems;

    @Reference
    ImportJobs imports;

    @Override
    public Object execute() {
        ImportJob job;
        try {
            job = imports.start(CompanyId.of(company), ImportJob.Kind.TAX_RATES_AND_ITEMS, ImportJobs.Request.reference(choices()),
                    "shell");
        } catch (ImportJobs.AlreadyRunning running) {
            System.err.println("Error: " + running.getMessage());
            return null;
        } catch (AccountingException | IllegalArgumentException refused) {
            return Refusal.print(refused);
        }
        System.out.println("Import job " + job.id() + " of " + job.company() + " (" + job.kind().apiName() + ")");
        ImportJob.Snapshot seen;
        int printed = 0;
        try {
            // the job runs on the admin bundle's workers; the console's own thread prints (Karaf's System.out is per thread)
            seen = job.awaitChange(-1);
            printed = print(seen, printed);
            while (!seen.state().finished()) {
                seen = job.awaitChange(seen.version());
                printed = print(seen, printed);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            System.out.println("Stopped following; the import goes on (GET /accounting/api/companies/" + company + "/imports/" + job.id() + ")");
            return null;
        }
        ImportJob.Progress progress = seen.progress();
        System.out.println(seen.state() + ": read " + progress.rowsRead() + ", matched " + progress.matched() + ", decided "
                + progress.decided() + ", created " + progress.created() + ", failed " + progress.failed());
        if (seen.state() == ImportJob.State.FAILED) {
            System.err.println(Refusal.line(seen.error().code(), seen.error().message()));
        } else if (seen.result() instanceof ImportJobs.ReferenceImport result) {
            print(result);
        }
        return null;
    }

    private static int print(ImportJob.Snapshot job, int printed) {
        for (int i = printed; i < job.steps().size(); i++) {
            System.out.println("  [" + (i + 1) + "] " + job.steps().get(i));
        }
        return job.steps().size();
    }

    private List<ReferenceChoice> choices() {
        List<ReferenceChoice> choices = new ArrayList<>();
        pairs("--tax-rate", taxRates).forEach(pair -> choices.add(
                new ReferenceChoice(ReferenceChoice.Kind.TAX_RATE, pair[0], pair[1], ContactDecision.MAPPED)));
        pairs("--item", items).forEach(pair -> choices.add(
                new ReferenceChoice(ReferenceChoice.Kind.ITEM, pair[0], pair[1], ContactDecision.MAPPED)));
        (ignoredTaxRates == null ? List.<String>of() : ignoredTaxRates).forEach(host -> choices.add(
                new ReferenceChoice(ReferenceChoice.Kind.TAX_RATE, host, null, ContactDecision.IGNORED)));
        (ignoredItems == null ? List.<String>of() : ignoredItems).forEach(host -> choices.add(
                new ReferenceChoice(ReferenceChoice.Kind.ITEM, host, null, ContactDecision.IGNORED)));
        return choices;
    }

    private static List<String[]> pairs(String option, List<String> values) {
        List<String[]> pairs = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            int equals = value.indexOf('=');
            if (equals <= 0 || equals == value.length() - 1) {
                throw new IllegalArgumentException(option + " takes HOST=REMOTE, not '" + value + "'");
            }
            pairs.add(new String[] {value.substring(0, equals), value.substring(equals + 1)});
        }
        return pairs;
    }

    private static void print(ImportJobs.ReferenceImport result) {
        System.out.println("Tax rates:");
        result.taxRates().forEach(ImportCommand::print);
        System.out.println("Items:");
        result.items().forEach(ImportCommand::print);
    }

    private static void print(ImportJobs.ReferenceRow row) {
        System.out.printf("  %-12s %-36s %-8s <- %s%n", row.key(), row.name(), row.active() ? "active" : "inactive",
                row.linkedHostValues().isEmpty() ? "(not linked)" : String.join(", ", row.linkedHostValues()));
    }
}
