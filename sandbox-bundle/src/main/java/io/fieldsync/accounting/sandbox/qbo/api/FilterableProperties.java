package io.fieldsync.accounting.sandbox.qbo.api;

import io.fieldsync.accounting.sandbox.qbo.ledger.QboFault;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The properties a QBO query may filter on, per entity: only those Intuit's API reference marks "filterable"
 * (developer.intuit.com → Accounting API → all entities → each attribute's "filterable" flag). Anything else is
 * refused as QBO refuses it: 400, ValidationFault, code 4001 "Invalid query", detail
 * {@code QueryValidationError: property 'PrimaryEmailAddr' is not queryable} (QBO's raw answer quoted in
 * ruckus/quickbooks-ruby issue 403; Intuit's answer in intuit/QuickBooks-V3-DotNET-SDK issue 163: "The property which
 * are mentioned as filterable are only queryable", there about {@code AcctNum} of Customer, Vendor and Account).
 * <p>
 * Left out on purpose, because Intuit does not mark them filterable: {@code PrimaryEmailAddr} (issue 403),
 * {@code AcctNum} (issue 163), {@code PrivateNote}, {@code PaymentRefNum}, {@code Line} and its details, addresses.
 * The operators allowed per type (e.g. {@code LIKE} on text only) are not checked [U].
 */
final class FilterableProperties {

    private static final Set<String> META = Set.of("Id", "MetaData.CreateTime", "MetaData.LastUpdatedTime");
    private static final Map<String, Set<String>> BY_ENTITY = Map.of(
            "customer", with("DisplayName", "GivenName", "MiddleName", "FamilyName", "Suffix", "FullyQualifiedName", "CompanyName",
                    "PrintOnCheckName", "Active", "Balance", "BalanceWithJobs", "Job", "ParentRef"),
            "invoice", with("DocNumber", "TxnDate", "DueDate", "CustomerRef", "TotalAmt", "Balance"),
            "creditmemo", with("DocNumber", "TxnDate", "CustomerRef", "TotalAmt", "Balance", "RemainingCredit"),
            "payment", with("TxnDate", "CustomerRef", "TotalAmt"),
            "item", with("Name", "Sku", "Type", "Active", "Description", "FullyQualifiedName", "UnitPrice"),
            "account", with("Name", "Active", "AccountType", "AccountSubType", "Classification", "FullyQualifiedName", "SubAccount",
                    "CurrentBalance", "CurrentBalanceWithSubAccounts", "ParentRef"),
            "taxcode", with("Name", "Active", "Hidden", "Taxable"),
            "taxrate", with("Name", "Active", "RateValue"),
            "companyinfo", with());

    private FilterableProperties() {
    }

    /** Refuses the query when one of its conditions names a property the entity cannot be filtered on. */
    static void check(String entity, Query query) {
        Set<String> allowed = BY_ENTITY.get(entity.toLowerCase(Locale.ROOT));
        if (allowed == null) {
            return;
        }
        for (Query.Condition condition : query.conditions()) {
            if (!allowed.contains(condition.field().toLowerCase(Locale.ROOT))) {
                throw new QboFault("4001", "Invalid query", "QueryValidationError: property '" + condition.field() + "' is not queryable", "");
            }
        }
    }

    private static Set<String> with(String... properties) {
        return Stream.concat(META.stream(), Stream.of(properties)).map(p -> p.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
