package io.fieldsync.accounting.quickbooks;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.quickbooks.wire.QboAccount;
import io.fieldsync.accounting.quickbooks.wire.QboCompanyInfo;
import io.fieldsync.accounting.quickbooks.wire.QboItem;
import io.fieldsync.accounting.quickbooks.wire.QboPreferences;
import io.fieldsync.accounting.quickbooks.wire.QboTaxCode;
import io.fieldsync.accounting.quickbooks.wire.QboTaxRate;

/**
 * A company's lists (accounts, tax codes, tax rates, items, company name and country) and its preferences, read in
 * one batch call of six queries (a list longer than QBO's 1,000 rows a query is then read to its end, {@link QboPages})
 * and kept in memory per realm for a few minutes: every invoice batch needs them (items, tax codes),
 * and reads are the metered CorePlus calls (api-facts §5). A restart costs one call; a reference QBO refuses
 * drops the realm's copy so the next push reads it afresh.
 */
final class QboLists {

    /** Long enough that a burst of batches reads the lists once, short enough that an admin's change shows soon. */
    static final Duration FRESH_FOR = Duration.ofMinutes(5);
    private static final List<String> QUERIES = List.of(
            "select * from Account maxresults 1000",
            "select * from TaxCode maxresults 1000",
            "select * from TaxRate maxresults 1000",
            "select * from Item maxresults 1000",
            "select * from CompanyInfo",
            "select * from Preferences");

    /**
     * What one read found.
     *
     * @param companyName the company's name
     * @param country the company's country (CompanyInfo.Country), which decides its tax model
     * @param accounts the accounts (QBO lists active ones unless asked otherwise)
     * @param taxCodes the tax codes
     * @param taxRates the tax rates
     * @param items the products and services
     * @param preferences the company's settings (currencies, sales tax, discounts); all null when QBO answered none
     * @param readAt when they were read
     */
    record Lists(String companyName, String country, List<QboAccount> accounts, List<QboTaxCode> taxCodes, List<QboTaxRate> taxRates,
                 List<QboItem> items, QboPreferences preferences, Instant readAt) {

        /** Lists of a company whose preferences are not known (QBO's defaults are assumed). */
        Lists(String companyName, String country, List<QboAccount> accounts, List<QboTaxCode> taxCodes, List<QboTaxRate> taxRates,
              List<QboItem> items, Instant readAt) {
            this(companyName, country, accounts, taxCodes, taxRates, items, new QboPreferences(null, null, null), readAt);
        }

        /** Whether the company takes transactions in other currencies than its home one (CurrencyPrefs.MultiCurrencyEnabled). */
        boolean multiCurrency() {
            return preferences.currencyPrefs() != null && Boolean.TRUE.equals(preferences.currencyPrefs().multiCurrencyEnabled());
        }

        /** The company's home currency code, or null when QBO did not say. */
        String homeCurrency() {
            return preferences.currencyPrefs() == null || preferences.currencyPrefs().homeCurrency() == null ? null
                    : preferences.currencyPrefs().homeCurrency().value();
        }

        /**
         * Whether QBO's Automated Sales Tax computes this company's sales tax: TaxPrefs.PartnerTaxEnabled true ("AST is
         * enabled for the company and sales tax is set up"; false: AST without sales tax set up; absent: no AST; Intuit
         * blog "Automated Sales Tax – FAQ", 2018-05-11).
         */
        boolean automatedSalesTax() {
            return usSalesTax() && preferences.taxPrefs() != null && Boolean.TRUE.equals(preferences.taxPrefs().partnerTaxEnabled());
        }

        /** Whether sales forms take discounts (SalesFormsPrefs.AllowDiscount); taken as yes when QBO did not say. */
        boolean allowsDiscounts() {
            return preferences.salesFormsPrefs() == null || !Boolean.FALSE.equals(preferences.salesFormsPrefs().allowDiscount());
        }

        /**
         * Whether the company uses QBO's US sales-tax model (lines TAX/NON, one TxnTaxCodeRef per transaction)
         * rather than the global one (a real tax code per line): QBO decides by the company's country (api-facts §8.2).
         */
        boolean usSalesTax() {
            return "US".equalsIgnoreCase(country);
        }

        /** The account a mapping names: by number (AcctNum), id or exact name. */
        Optional<QboAccount> account(String key) {
            return accounts.stream().filter(account -> key.equals(account.acctNum())).findFirst()
                    .or(() -> accounts.stream().filter(account -> key.equals(account.id())).findFirst())
                    .or(() -> accounts.stream().filter(account -> key.equalsIgnoreCase(account.name())).findFirst());
        }

        /** The tax code a mapping names: by id or exact name. */
        Optional<QboTaxCode> taxCode(String key) {
            return taxCodes.stream().filter(code -> key.equals(code.id())).findFirst()
                    .or(() -> taxCodes.stream().filter(code -> key.equalsIgnoreCase(code.name())).findFirst());
        }

        /** The rate of a tax code on sales: the sum of its sales rates (a combined code stacks them). */
        BigDecimal salesRate(QboTaxCode code) {
            if (code.salesTaxRateList() == null || code.salesTaxRateList().taxRateDetail() == null) {
                return BigDecimal.ZERO;
            }
            return code.salesTaxRateList().taxRateDetail().stream()
                    .map(detail -> detail.taxRateRef() == null ? null : detail.taxRateRef().value())
                    .map(id -> taxRates.stream().filter(rate -> rate.id().equals(id)).findFirst()
                            .map(QboTaxRate::rateValue).orElse(BigDecimal.ZERO))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        Lists withItem(QboItem item) {
            List<QboItem> more = new ArrayList<>(items);
            more.add(item);
            return new Lists(companyName, country, accounts, taxCodes, taxRates, List.copyOf(more), preferences, readAt);
        }
    }

    private final QboBatch batch;
    private final QboPages pages;
    private final Clock clock;
    private final Map<String, Lists> byRealm = new ConcurrentHashMap<>();

    QboLists(QboBatch batch, Clock clock) {
        this.batch = batch;
        this.pages = new QboPages(batch);
        this.clock = clock;
    }

    /** The realm's lists, read again when older than {@link #FRESH_FOR}. */
    Lists current(ProviderSession session) {
        Lists known = byRealm.get(session.tenantId());
        if (known != null && known.readAt().plus(FRESH_FOR).isAfter(clock.instant())) {
            return known;
        }
        return fresh(session);
    }

    /** The realm's lists, read now (one HTTP call). */
    Lists fresh(ProviderSession session) {
        List<JsonNode> answers = batch.queries(session, QUERIES);
        Optional<QboCompanyInfo> info = QuickBooksApi.entities(answers.get(4), "CompanyInfo", QboCompanyInfo.class).stream().findFirst();
        String name = info.map(found -> found.companyName() == null || found.companyName().isBlank() ? found.legalName() : found.companyName())
                .orElse(session.tenantId());
        Lists lists = new Lists(name, info.map(QboCompanyInfo::country).orElse(null), whole(session, answers.get(0), "Account", QboAccount.class),
                whole(session, answers.get(1), "TaxCode", QboTaxCode.class),
                whole(session, answers.get(2), "TaxRate", QboTaxRate.class),
                whole(session, answers.get(3), "Item", QboItem.class),
                QuickBooksApi.entities(answers.get(5), "Preferences", QboPreferences.class).stream().findFirst()
                        .orElse(new QboPreferences(null, null, null)), clock.instant());
        byRealm.put(session.tenantId(), lists);
        return lists;
    }

    /** The list as the first page gave it, or read to its end when that page was full. */
    private <T> List<T> whole(ProviderSession session, JsonNode firstPage, String entity, Class<T> type) {
        List<T> rows = QuickBooksApi.entities(firstPage, entity, type);
        return rows.size() < QuickBooksApi.MAX_RESULTS ? rows : pages.all(session, "select * from " + entity, entity, type);
    }

    /** Adds an item this provider just created, so the next batch needs no read to find it. */
    void itemCreated(ProviderSession session, QboItem item) {
        byRealm.computeIfPresent(session.tenantId(), (realm, lists) -> lists.withItem(item));
    }

    /** Forgets the realm's lists after QBO refused a reference taken from them. */
    void forget(ProviderSession session) {
        byRealm.remove(session.tenantId());
    }
}
