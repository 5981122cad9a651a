package io.fieldsync.accounting.api.spi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.fieldsync.accounting.api.admin.ReferenceData;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads from the accounting system's books: the lists mappings point into, its contacts, and the payment state of
 * invoices. Nothing here writes.
 *
 * @since 2.0
 */
@ConsumerType
public interface ProviderLedger {

    /** Organisation name, chart of accounts, tax rates and items. */
    ReferenceData referenceData(ProviderSession session);

    /** One page of contacts (pages start at 1). */
    ContactPage contacts(ProviderSession session, int page);

    /**
     * The contacts with these remote ids (for two-way name sync), those that exist; in any order. The
     * default pages through every contact; providers whose API reads contacts by id override it.
     */
    default List<RemoteContact> contactsById(ProviderSession session, List<String> remoteIds) {
        Set<String> wanted = new HashSet<>(remoteIds);
        List<RemoteContact> found = new ArrayList<>();
        ContactPage page;
        int number = 1;
        do {
            page = contacts(session, number++);
            page.contacts().stream().filter(contact -> wanted.remove(contact.remoteId())).forEach(found::add);
        } while (page.hasMore() && !wanted.isEmpty());
        return found;
    }

    /** Reads one invoice's payment state. */
    RemoteInvoiceState invoiceState(ProviderSession session, String remoteInvoiceId);

    /**
     * Several invoices' payment states in as few calls as the accounting system allows. The default
     * reads them one by one; providers whose API reads many at once override it.
     */
    default List<RemoteInvoiceState> invoiceStates(ProviderSession session, List<String> remoteInvoiceIds) {
        return remoteInvoiceIds.stream().map(id -> invoiceState(session, id)).toList();
    }

    /** Invoices changed since {@code since} (polling backstop to webhooks). */
    RemoteChanges changesSince(ProviderSession session, Instant since);
}
