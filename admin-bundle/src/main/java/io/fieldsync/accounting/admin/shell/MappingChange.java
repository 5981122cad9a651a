package io.fieldsync.accounting.admin.shell;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.admin.AccountType;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.RemoteAccount;
import io.fieldsync.accounting.api.admin.RemoteItem;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;

/**
 * One mapping changed, checked against what the accounting system has: a target it does not have (or has archived,
 * or of the wrong kind) is refused with the list of what may be chosen, so the admin never saves a mapping that would
 * fail every document at its first push.
 */
final class MappingChange {

    /** How many choices a refusal lists before it says how many more there are. */
    private static final int LISTED = 30;

    private final Mappings mappings;
    private final ReferenceData reference;

    MappingChange(Mappings mappings, ReferenceData reference) {
        this.mappings = mappings;
        this.reference = reference;
    }

    /** The category's revenue account. */
    Result categoryAccount(String category, String account) {
        RemoteAccount target = account(account, a -> a.type() == AccountType.REVENUE, "revenue account", "Revenue accounts");
        Map<String, String> revenue = new HashMap<>(mappings.revenueAccountByCategory());
        revenue.put(category, target.key());
        return new Result(with(revenue, mappings.itemByCategory(), mappings.taxRateByHostTaxRate(), mappings.depositAccount(),
                mappings.depositAccountByMethod()), "category " + category + " to account " + describe(target));
    }

    /** The category's item (QuickBooks books sales lines through items). */
    Result categoryItem(String category, String item) {
        List<RemoteItem> active = reference.items().stream().filter(RemoteItem::active).toList();
        RemoteItem target = active.stream().filter(i -> item.equals(i.code()) || i.id().equals(item)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(reference.organisationName() + " has no active item '" + item + "'. "
                        + choices("Items", active.stream().map(i -> (i.code() != null ? i.code() : i.id()) + " (" + i.name() + ")").toList())));
        Map<String, String> items = new HashMap<>(mappings.itemByCategory());
        items.put(category, target.code() != null ? target.code() : target.id());
        return new Result(with(mappings.revenueAccountByCategory(), items, mappings.taxRateByHostTaxRate(), mappings.depositAccount(),
                mappings.depositAccountByMethod()), "category " + category + " to item " + items.get(category) + " (" + target.name() + ")");
    }

    /** The host tax rate's remote tax rate. */
    Result taxRate(String hostTaxRate, String code) {
        List<RemoteTaxRate> usable = reference.taxRates().stream().filter(t -> t.active() && t.appliesToRevenue()).toList();
        RemoteTaxRate target = usable.stream().filter(t -> t.code().equals(code)).findFirst()
                .or(() -> usable.stream().filter(t -> t.code().equalsIgnoreCase(code)).findFirst())
                .orElseThrow(() -> new IllegalArgumentException(reference.organisationName() + " has no active sales tax rate '" + code + "'. "
                        + choices("Tax rates", usable.stream().map(t -> t.code() + " (" + t.name() + ", " + t.ratePercent().stripTrailingZeros()
                                .toPlainString() + " %)").toList())));
        Map<String, String> taxes = new HashMap<>(mappings.taxRateByHostTaxRate());
        taxes.put(hostTaxRate, target.code());
        return new Result(with(mappings.revenueAccountByCategory(), mappings.itemByCategory(), taxes, mappings.depositAccount(),
                mappings.depositAccountByMethod()), "tax rate " + hostTaxRate + " to " + target.code() + " (" + target.name() + ")");
    }

    /** The deposit account of one payment method, or the default of every method without its own (method null). */
    Result deposit(PaymentMethod method, String account) {
        RemoteAccount target = account(account, RemoteAccount::acceptsPayments, "account that accepts payments", "Accounts that accept payments");
        Map<PaymentMethod, String> byMethod = new EnumMap<>(PaymentMethod.class);
        byMethod.putAll(mappings.depositAccountByMethod());
        String fallback = mappings.depositAccount();
        if (method == null) {
            fallback = target.key();
        } else {
            byMethod.put(method, target.key());
        }
        return new Result(with(mappings.revenueAccountByCategory(), mappings.itemByCategory(), mappings.taxRateByHostTaxRate(),
                fallback, byMethod), (method == null ? "the default deposit account" : method + " payments") + " to account " + describe(target));
    }

    /** Forgets a category's account and item. */
    Result removeCategory(String category) {
        Map<String, String> revenue = new HashMap<>(mappings.revenueAccountByCategory());
        Map<String, String> items = new HashMap<>(mappings.itemByCategory());
        boolean removed = revenue.remove(category) != null | items.remove(category) != null;
        return removed(removed, "category " + category, with(revenue, items, mappings.taxRateByHostTaxRate(), mappings.depositAccount(),
                mappings.depositAccountByMethod()));
    }

    Result removeTaxRate(String hostTaxRate) {
        Map<String, String> taxes = new HashMap<>(mappings.taxRateByHostTaxRate());
        boolean removed = taxes.remove(hostTaxRate) != null;
        return removed(removed, "tax rate " + hostTaxRate, with(mappings.revenueAccountByCategory(), mappings.itemByCategory(), taxes,
                mappings.depositAccount(), mappings.depositAccountByMethod()));
    }

    Result removeDeposit(PaymentMethod method) {
        Map<PaymentMethod, String> byMethod = new EnumMap<>(PaymentMethod.class);
        byMethod.putAll(mappings.depositAccountByMethod());
        boolean removed = method == null ? mappings.depositAccount() != null : byMethod.remove(method) != null;
        return removed(removed, method == null ? "the default deposit account" : method + " payments",
                with(mappings.revenueAccountByCategory(), mappings.itemByCategory(), mappings.taxRateByHostTaxRate(),
                        method == null ? null : mappings.depositAccount(), byMethod));
    }

    /** The mappings after the change and what it did, in the admin's words. */
    record Result(Mappings mappings, String done) {
    }

    private static Result removed(boolean removed, String what, Mappings after) {
        if (!removed) {
            throw new IllegalArgumentException(what + " is not mapped; nothing to remove");
        }
        return new Result(after, "removed the mapping of " + what);
    }

    private RemoteAccount account(String key, Predicate<RemoteAccount> fits, String what, String plural) {
        List<RemoteAccount> usable = reference.accounts().stream().filter(RemoteAccount::active).filter(fits).toList();
        return usable.stream().filter(a -> a.key().equals(key) || a.id().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(reference.organisationName() + " has no active " + what + " '" + key + "'"
                        + reference.account(key).map(other -> " (" + describe(other) + " is " + (other.active() ? "a " + other.type()
                        + " account" : "archived") + ")").orElse("") + ". " + choices(plural,
                        usable.stream().map(MappingChange::describe).toList())));
    }

    private static String describe(RemoteAccount account) {
        return account.key() + " (" + account.name() + ")";
    }

    private static String choices(String what, Collection<String> names) {
        if (names.isEmpty()) {
            return "It has none: create one in the accounting system, read its lists again with accounting:mappings --refresh, "
                    + "then map.";
        }
        String listed = names.stream().sorted().limit(LISTED).collect(Collectors.joining(", "));
        return what + ": " + listed + (names.size() > LISTED ? " and " + (names.size() - LISTED) + " more" : "") + ".";
    }

    private Mappings with(Map<String, String> revenue, Map<String, String> items, Map<String, String> taxes, String deposit,
                          Map<PaymentMethod, String> depositByMethod) {
        return new Mappings(revenue, items, taxes, mappings.salesAccount(), deposit, depositByMethod);
    }
}
