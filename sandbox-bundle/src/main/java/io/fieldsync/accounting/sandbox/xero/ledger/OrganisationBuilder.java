package io.fieldsync.accounting.sandbox.xero.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Seeds an organisation for a test or a demo:
 * <pre>
 * Organisation org = sandbox.organisation("Acme Ltd")
 *     .bankAccount("090", "Business Bank Account", "0209087654321050")
 *     .account("200", "Sales", "REVENUE", "OUTPUT2")
 *     .salesTaxRate("OUTPUT2", "15% GST on Income", "15")
 *     .contact("Liam Gallagher", "liam@rockstar.com")
 *     .create();
 * </pre>
 */
public final class OrganisationBuilder {

    private final String name;
    private final Clock clock;
    private final Organisations registry;
    private UUID tenantId = UUID.randomUUID();
    private String baseCurrency = "NZD";
    private String countryCode = "NZ";
    private String version = "NZ";
    private final List<Function<Instant, Object>> entries = new ArrayList<>();

    OrganisationBuilder(String name, Clock clock, Organisations registry) {
        this.name = name;
        this.clock = clock;
        this.registry = registry;
    }

    public OrganisationBuilder tenantId(UUID id) {
        this.tenantId = id;
        return this;
    }

    public OrganisationBuilder baseCurrency(String currency, String country, String xeroVersion) {
        this.baseCurrency = currency;
        this.countryCode = country;
        this.version = xeroVersion;
        return this;
    }

    public OrganisationBuilder account(String code, String accountName, String type, String taxType) {
        entries.add(now -> new Account(UUID.randomUUID(), code, accountName, type, taxType, false, "ACTIVE",
                null, null, null, now));
        return this;
    }

    public OrganisationBuilder bankAccount(String code, String accountName, String bankAccountNumber) {
        entries.add(now -> new Account(UUID.randomUUID(), code, accountName, "BANK", "NONE", false, "ACTIVE",
                bankAccountNumber, null, null, now));
        return this;
    }

    /** A non-bank account that accepts payments (EnablePaymentsToAccount), e.g. undeposited funds. */
    public OrganisationBuilder paymentsAccount(String code, String accountName, String type) {
        entries.add(now -> new Account(UUID.randomUUID(), code, accountName, type, "NONE", true, "ACTIVE",
                null, null, null, now));
        return this;
    }

    public OrganisationBuilder systemAccount(String code, String accountName, String type, String systemAccount) {
        entries.add(now -> new Account(UUID.randomUUID(), code, accountName, type, "NONE", false, "ACTIVE",
                null, systemAccount, null, now));
        return this;
    }

    public OrganisationBuilder archivedAccount(String code, String accountName, String type, String taxType) {
        entries.add(now -> new Account(UUID.randomUUID(), code, accountName, type, taxType, false, "ARCHIVED",
                null, null, null, now));
        return this;
    }

    /** An active rate usable on sales and purchases; {@code percent} such as "15" or "12.5". */
    public OrganisationBuilder taxRate(String taxType, String rateName, String percent) {
        return taxRate(taxType, rateName, percent, "ACTIVE", true, true);
    }

    public OrganisationBuilder salesTaxRate(String taxType, String rateName, String percent) {
        return taxRate(taxType, rateName, percent, "ACTIVE", true, false);
    }

    public OrganisationBuilder purchasesTaxRate(String taxType, String rateName, String percent) {
        return taxRate(taxType, rateName, percent, "ACTIVE", false, true);
    }

    /** A rate with its own report tax type, as a country's default rates have (e.g. AU "GST Free Income" EXEMPTOUTPUT). */
    public OrganisationBuilder taxRate(String taxType, String rateName, String percent, String reportTaxType,
                                       boolean revenue, boolean expenses, boolean balanceSheet) {
        entries.add(now -> new TaxRate(taxType, rateName, new BigDecimal(percent), "ACTIVE", reportTaxType, revenue, expenses,
                balanceSheet, balanceSheet, balanceSheet));
        return this;
    }

    public OrganisationBuilder taxRate(String taxType, String rateName, String percent, String status,
                                       boolean revenue, boolean expenses) {
        entries.add(now -> new TaxRate(taxType, rateName, new BigDecimal(percent), status,
                revenue ? "OUTPUT" : "INPUT", revenue, expenses, expenses, expenses || revenue, false));
        return this;
    }

    public OrganisationBuilder item(String code, String itemName, String unitPrice, String accountCode, String taxType) {
        entries.add(now -> new Item(UUID.randomUUID(), code, itemName, itemName, new BigDecimal(unitPrice),
                accountCode, taxType, now));
        return this;
    }

    public OrganisationBuilder contact(String contactName, String email) {
        entries.add(now -> new Contact(UUID.randomUUID(), contactName, now).emailAddress(email));
        return this;
    }

    /** Builds the organisation and registers it with the sandbox. */
    public Organisation create() {
        Instant now = clock.instant();
        String shortCode = "!" + tenantId.toString().substring(0, 5);
        Organisation org = new Organisation(tenantId, name, shortCode, baseCurrency, countryCode, version, now);
        for (Function<Instant, Object> entry : entries) {
            Object e = entry.apply(now);
            if (e instanceof Account a) {
                org.add(a);
            } else if (e instanceof TaxRate t) {
                org.add(t);
            } else if (e instanceof Item i) {
                org.add(i);
            } else if (e instanceof Contact c) {
                org.add(c);
            }
        }
        return registry.register(org);
    }
}
