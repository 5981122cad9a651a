package io.fieldsync.accounting.api.admin;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.Customer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reference data, mappings and settings of a company, for the active accounting system. Mappings
 * are kept per accounting system, so switching provider and back keeps both sets.
 */
@ProviderType
public interface AccountingSetup {

    /**
     * The reference data last read, reading it first if it never was.
     *
     * @throws AccountingException NOT_CONNECTED, CONNECTION_EXPIRED or PROVIDER_UNAVAILABLE
     */
    ReferenceData referenceData(CompanyId company);

    /**
     * Imports the accounting system's accounts, tax rates and items again; the returned lists are the
     * import's report (inactive ones included, marked as such).
     */
    ReferenceData refreshReferenceData(CompanyId company);

    /**
     * Reads every contact of the accounting system and pairs them with the host's customers by name
     * (trimmed, case-insensitive): a pair is linked (MAPPED), so the customer's invoices use that contact
     * with no lookup; a contact no customer has is offered for creation in the host (CREATE_IN_HOST);
     * archived or ambiguous ones are IGNORED. Nothing is created or changed in the accounting system.
     */
    ContactImport importContacts(CompanyId company, Collection<Customer> hostCustomers);

    /**
     * Applies the admin's decision for each row of a contact import (see {@link ContactChoice}): links chosen by hand,
     * contacts the host is to create, host customers whose contact is to be created in the accounting system, rows
     * ignored. All or nothing: a choice naming an unknown or archived contact, a customer not in {@code hostCustomers},
     * or a contact or customer chosen twice refuses the call with {@link io.fieldsync.accounting.api.InvalidInputException}
     * naming it ({@code choices[i]....}), and nothing is applied.
     *
     * @return one line per choice, in order, with what was done; and the given host customers left without a contact
     * @since 1.3
     */
    ContactImport applyContactChoices(CompanyId company, Collection<Customer> hostCustomers, List<ContactChoice> choices);

    /**
     * Applies the admin's decision for each row of a tax-rate or item import to the company's mappings for the active
     * accounting system: MAPPED links a host tax rate to an active tax rate (by code) or a category to an active item (by
     * code or id) of the reference data last imported; IGNORED removes the host value's mapping. All or nothing: a row
     * naming an unknown or inactive remote value, a decision other than those two, or a host value chosen twice refuses
     * the call with {@link io.fieldsync.accounting.api.InvalidInputException} naming it ({@code choices[i]....}).
     *
     * @return the mappings as saved
     * @since 1.3
     */
    Mappings applyReferenceChoices(CompanyId company, List<ReferenceChoice> choices);

    /** The company's mappings for the active accounting system. */
    Mappings mappings(CompanyId company);

    /** Replaces the company's mappings for the active accounting system; failed documents are not retried automatically. */
    void saveMappings(CompanyId company, Mappings mappings);

    /**
     * Checks the mappings against the reference data for the given host categories and tax rates
     * (in addition to the four standard categories) and names every gap.
     */
    MappingValidation validateMappings(CompanyId company, Set<String> categories, Set<String> hostTaxRateIds);

    /** The company's sync settings. */
    SyncSettings settings(CompanyId company);

    /** Replaces the company's sync settings. */
    void saveSettings(CompanyId company, SyncSettings settings);
}
