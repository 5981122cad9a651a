package io.fieldsync.accounting.api.admin;

import java.util.List;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Which accounting system each company syncs to. A company uses the provider an admin chose for it, else the one
 * configured for the whole engine (the default, in Config Admin). A switch takes effect at once, without a restart:
 * documents not yet sent go to the new provider; documents already bound to the old one (attempted there, in doubt,
 * synced and edited since, and the payments and credit notes of an invoice synced there) keep going to it until an
 * admin explicitly {@linkplain #rebind rebinds} them. Nothing moves silently.
 *
 * @since 1.1
 */
@ProviderType
public interface AccountingProviders {

    /** The company's provider and where it comes from. */
    CompanyProvider provider(CompanyId company);

    /** Every company with a provider chosen or with documents in the journal, by id. */
    List<CompanyProvider> companies();

    /**
     * Makes {@code provider} the company's accounting system ({@code none} to stop sending its new documents). A
     * provider that is not installed may be chosen: the company's documents then wait for it, and the answer says
     * so ({@link CompanyProvider#waitingReason()}).
     *
     * @param chosenBy who chose, for status displays (e.g. the admin's user name)
     * @throws AccountingException INVALID_INPUT when {@code provider} is not a provider id (lower case letters, digits,
     *                             dashes) nor {@code none}
     */
    CompanyProvider choose(CompanyId company, String provider, String chosenBy);

    /** Forgets the company's own choice: it follows the configured default again. */
    CompanyProvider useDefault(CompanyId company, String chosenBy);

    /**
     * Moves the company's documents that are bound to another provider but never reached it to the company's
     * provider, and says which stay where they are and why (synced there, in doubt there, being sent, or a payment
     * or credit note whose invoice stays there).
     */
    RebindReport rebind(CompanyId company);
}
