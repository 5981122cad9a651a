package io.fieldsync.accounting.admin.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.AccountingSetup;
import io.fieldsync.accounting.api.admin.ContactDecision;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.ReferenceChoice;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.RemoteItem;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Imports a company's tax rates and items from its accounting system, applies the links given by hand, and shows each
 * imported row with the host values linked to it. Customers are imported through the REST API or the settings page:
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
    AccountingSetup setup;

    @Override
    public Object execute() {
        try {
            CompanyId id = CompanyId.of(company);
            List<ReferenceChoice> choices = choices();
            System.out.println("[1/3] Reading accounts, tax rates and items of " + id + " from its accounting system...");
            ReferenceData data = setup.refreshReferenceData(id);
            System.out.println("      " + data.accounts().size() + " accounts, " + data.taxRates().size() + " tax rates, "
                    + data.items().size() + " items from " + data.organisationName());
            Mappings mappings;
            if (choices.isEmpty()) {
                System.out.println("[2/3] No links given");
                mappings = setup.mappings(id);
            } else {
                System.out.println("[2/3] Applying " + choices.size() + " link(s)...");
                mappings = setup.applyReferenceChoices(id, choices);
            }
            System.out.println("[3/3] Result");
            print(data, mappings);
        } catch (AccountingException | IllegalArgumentException refused) {
            return Refusal.print(refused);
        }
        return null;
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

    private static void print(ReferenceData data, Mappings mappings) {
        System.out.println("Tax rates:");
        for (RemoteTaxRate rate : data.taxRates()) {
            System.out.printf("  %-12s %-30s %8s%%  %-8s <- %s%n", rate.code(), rate.name(), rate.ratePercent().toPlainString(),
                    rate.active() ? "active" : "inactive", linked(mappings.taxRateByHostTaxRate(), rate.code(), null));
        }
        System.out.println("Items:");
        for (RemoteItem item : data.items()) {
            System.out.printf("  %-12s %-30s %-8s <- %s%n", item.code() == null ? item.id() : item.code(), item.name(),
                    item.active() ? "active" : "inactive", linked(mappings.itemByCategory(), item.id(), item.code()));
        }
    }

    private static String linked(Map<String, String> byHostValue, String key, String otherKey) {
        String hosts = byHostValue.entrySet().stream()
                .filter(entry -> entry.getValue().equals(key) || entry.getValue().equals(otherKey))
                .map(Map.Entry::getKey).sorted().collect(Collectors.joining(", "));
        return hosts.isEmpty() ? "(not linked)" : hosts;
    }
}
