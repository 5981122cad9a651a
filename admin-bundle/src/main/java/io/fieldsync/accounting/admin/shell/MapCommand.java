package io.fieldsync.accounting.admin.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.fieldsync.accounting.admin.MappingsReport;
import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.admin.AccountingSetup;
import io.fieldsync.accounting.api.admin.Mappings;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Changes one mapping of a company, checked against its accounting system's accounts, tax rates and items. Failed
 * documents are not retried by it (accounting:retry does that once the gaps are closed).
 */
@Service
@Command(scope = "accounting", name = "map", description = "Maps one category to a revenue account (--category Labour "
        + "--account 200) or an item (--item), a host tax rate to a tax rate (--tax-rate GST --to OUTPUT2), or a payment "
        + "method's deposit account (--deposit CARD --account 090; --deposit default for all others); --remove unmaps.")
public class MapCommand implements Action {

    /** The {@code --deposit} value meaning the account of every payment method without its own. */
    static final String DEFAULT_DEPOSIT = "default";

    @Option(name = "--company", description = "The company", required = true)
    @Completion(CompanyCompleter.class)
    String company;

    @Option(name = "--category", description = "A host category (Labour, Materials, Equipment, Other or the host's own)")
    @Completion(CategoryCompleter.class)
    String category;

    @Option(name = "--tax-rate", description = "A host tax rate id")
    @Completion(HostTaxRateCompleter.class)
    String taxRate;

    @Option(name = "--deposit", description = "A payment method (CASH, CARD, ...), or default")
    @Completion(PaymentMethodCompleter.class)
    String deposit;

    @Option(name = "--account", description = "The account (its code, else its id) for --category or --deposit")
    @Completion(AccountCompleter.class)
    String account;

    @Option(name = "--item", description = "The item (code or id) for --category")
    @Completion(ItemCompleter.class)
    String item;

    @Option(name = "--to", description = "The accounting system's tax rate (code) for --tax-rate")
    @Completion(TaxCodeCompleter.class)
    String to;

    @Option(name = "--remove", description = "Unmap the category, tax rate or deposit named")
    boolean remove;

    @Reference
    AccountingSetup setup;

    @Override
    public Object execute() {
        List<String> subjects = new ArrayList<>();
        if (category != null) {
            subjects.add("--category");
        }
        if (taxRate != null) {
            subjects.add("--tax-rate");
        }
        if (deposit != null) {
            subjects.add("--deposit");
        }
        if (subjects.size() != 1) {
            return Refusal.invalid("Name one thing to map: --category, --tax-rate or --deposit" + (subjects.isEmpty() ? "" : ", not " + subjects));
        }
        try {
            CompanyId id = CompanyId.of(company);
            Mappings current = setup.mappings(id);
            MappingChange.Result change = remove ? removal(current) : mapping(id, current);
            if (change == null) {
                return null;
            }
            setup.saveMappings(id, change.mappings());
            System.out.println("Mapped " + change.done());
            MappingsReport report = MappingsReport.of(setup, id, change.mappings(), List.of(), List.of());
            if (report.validationUnavailable() != null) {
                System.out.println("Gaps not checked: " + report.validationUnavailable());
            } else {
                System.out.println(report.gaps().isEmpty() ? "No gaps left: the mappings are complete."
                        : "Gaps left: " + report.gaps().size() + " (accounting:mappings --company " + id + " lists them)");
            }
            return null;
        } catch (AccountingException | IllegalArgumentException refused) {
            return Refusal.print(refused);
        }
    }

    private MappingChange.Result mapping(CompanyId id, Mappings current) {
        MappingChange change = new MappingChange(current, setup.referenceData(id));
        if (category != null) {
            if ((account == null) == (item == null)) {
                Refusal.invalid("--category takes --account (its revenue account) or --item, one of them");
                return null;
            }
            String name = category(current, category);
            return account != null ? change.categoryAccount(name, account.strip()) : change.categoryItem(name, item.strip());
        }
        if (taxRate != null) {
            if (to == null) {
                Refusal.invalid("--tax-rate takes --to, the accounting system's tax rate");
                return null;
            }
            return change.taxRate(hostTaxRate(current, taxRate), to.strip());
        }
        if (account == null) {
            Refusal.invalid("--deposit takes --account, the account the payments go into");
            return null;
        }
        return change.deposit(method(deposit), account.strip());
    }

    private MappingChange.Result removal(Mappings current) {
        MappingChange change = new MappingChange(current, null);
        if (category != null) {
            return change.removeCategory(category(current, category));
        }
        if (taxRate != null) {
            return change.removeTaxRate(hostTaxRate(current, taxRate));
        }
        return change.removeDeposit(method(deposit));
    }

    /** A category as the host spells it: LABOUR is the standard Labour, a mapped one keeps its spelling. */
    private static String category(Mappings current, String typed) {
        Set<String> known = new TreeSet<>(ProductCategory.STANDARD);
        known.addAll(current.revenueAccountByCategory().keySet());
        known.addAll(current.itemByCategory().keySet());
        return matching(known, typed);
    }

    private static String hostTaxRate(Mappings current, String typed) {
        return matching(current.taxRateByHostTaxRate().keySet(), typed);
    }

    private static String matching(Set<String> known, String typed) {
        String value = typed.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a blank name cannot be mapped");
        }
        return known.contains(value) ? value : known.stream().filter(k -> k.equalsIgnoreCase(value)).findFirst().orElse(value);
    }

    private static PaymentMethod method(String typed) {
        return DEFAULT_DEPOSIT.equals(typed.strip().toLowerCase(Locale.ROOT)) ? null
                : DocumentNames.parse(typed, PaymentMethod.class, "payment method (or default)");
    }
}
