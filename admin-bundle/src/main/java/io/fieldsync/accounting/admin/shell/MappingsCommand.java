package io.fieldsync.accounting.admin.shell;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.fieldsync.accounting.admin.MappingsReport;
import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.AccountingSetup;
import io.fieldsync.accounting.api.admin.MappingGap;
import io.fieldsync.accounting.api.admin.Mappings;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** A company's mappings and every gap in them, exactly as the REST API's {@code GET .../mappings} answers. */
@Service
@Command(scope = "accounting", name = "mappings", description = "Shows a company's mappings (categories, tax rates, deposit "
        + "accounts) and every gap in them, checked against its accounting system.")
public class MappingsCommand implements Action {

    @Option(name = "--company", description = "The company", required = true)
    @Completion(CompanyCompleter.class)
    String company;

    @Option(name = "--category", description = "Also check this host category (repeatable)", multiValued = true)
    @Completion(CategoryCompleter.class)
    List<String> categories;

    @Option(name = "--tax-rate", description = "Also check this host tax rate (repeatable)", multiValued = true)
    @Completion(HostTaxRateCompleter.class)
    List<String> taxRates;

    @Option(name = "--refresh", description = "Read the accounting system's accounts, tax rates and items again first")
    boolean refresh;

    @Reference
    AccountingSetup setup;

    @Override
    public Object execute() {
        try {
            CompanyId id = CompanyId.of(company);
            if (refresh) {
                var read = setup.refreshReferenceData(id);
                System.out.println("Read from " + read.organisationName() + ": " + read.accounts().size() + " accounts, "
                        + read.taxRates().size() + " tax rates, " + read.items().size() + " items");
            }
            MappingsReport report = MappingsReport.of(setup, id, setup.mappings(id), categories == null ? List.of() : categories,
                    taxRates == null ? List.of() : taxRates);
            print(id, report);
            return null;
        } catch (AccountingException | IllegalArgumentException refused) {
            return Refusal.print(refused);
        }
    }

    static void print(CompanyId company, MappingsReport report) {
        Mappings mappings = report.mappings();
        System.out.println("Mappings of " + company);
        System.out.println("Revenue accounts : " + pairs(mappings.revenueAccountByCategory()));
        System.out.println("Items            : " + pairs(mappings.itemByCategory()));
        System.out.println("Tax rates        : " + pairs(mappings.taxRateByHostTaxRate()));
        System.out.println("Sales account    : " + orNone(mappings.salesAccount()));
        System.out.println("Deposit account  : " + orNone(mappings.depositAccount()));
        System.out.println("Deposit by method: " + pairs(mappings.depositAccountByMethod().entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().name(), Map.Entry::getValue))));
        if (report.validationUnavailable() != null) {
            System.out.println("Gaps             : not checked: " + report.validationUnavailable());
            return;
        }
        System.out.println("Gaps             : " + (report.gaps().isEmpty() ? "none, the mappings are complete" : report.gaps().size()));
        for (MappingGap gap : report.gaps()) {
            System.out.println("  " + gap.code() + "  " + gap.message());
        }
    }

    private static String pairs(Map<String, String> map) {
        return map.isEmpty() ? "-" : map.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + " -> " + entry.getValue()).collect(Collectors.joining(", "));
    }

    private static String orNone(String value) {
        return value == null ? "-" : value;
    }
}
