package io.fieldsync.accounting.engine.inbound;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.spi.RemoteContact;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.store.ConnectionStore;
import io.fieldsync.accounting.engine.store.CustomerLinks;
import io.fieldsync.accounting.engine.store.CustomerLinks.NamedLink;
import io.fieldsync.accounting.engine.store.SetupStore;
import io.fieldsync.accounting.engine.sync.Dispatcher;
import io.fieldsync.accounting.engine.sync.HostNotifier;

/**
 * Two-way name sync: a contact renamed in the accounting system reaches the host once, for the companies that
 * asked for it and only for contacts linked to one of their customers. Contacts nobody here knows cost no call.
 */
final class CustomerNames {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerNames.class);

    private final ConnectionStore connections;
    private final SetupStore setup;
    private final CustomerLinks customerLinks;
    private final ProviderDirectory directory;
    private final Dispatcher dispatcher;
    private final HostNotifier notifier;

    CustomerNames(ConnectionStore connections, SetupStore setup, CustomerLinks customerLinks, ProviderDirectory directory,
                  Dispatcher dispatcher, HostNotifier notifier) {
        this.connections = connections;
        this.setup = setup;
        this.customerLinks = customerLinks;
        this.directory = directory;
        this.dispatcher = dispatcher;
        this.notifier = notifier;
    }

    /** The contacts of one organisation that webhooks said were updated; each company is handled on its own. */
    void contactsChanged(RemoteUpdates.Tenant tenant, Set<String> remoteIds) {
        Optional<ActiveProvider> provider = directory.provider(tenant.provider());
        if (provider.isEmpty()) {
            return;
        }
        for (CompanyId company : connections.companiesOfTenant(tenant.provider(), tenant.tenantId())) {
            try {
                contactsChanged(company, provider.get(), remoteIds);
            } catch (RuntimeException e) {
                LOG.warn("Could not handle {} contact events of company {} in {}; the next change of each brings its name: {}",
                        remoteIds.size(), company, tenant.provider(), e.toString());
            }
        }
    }

    private void contactsChanged(CompanyId company, ActiveProvider provider, Set<String> remoteIds) {
        if (!setup.settings(company).twoWayNameSync()) {
            return;
        }
        List<NamedLink> links = customerLinks.linkedTo(company, provider.id(), remoteIds);
        if (links.isEmpty()) {
            return;
        }
        Map<String, RemoteContact> contacts = contacts(provider, company, links.stream().map(NamedLink::remoteId).distinct().toList());
        for (NamedLink link : links) {
            RemoteContact contact = contacts.get(link.remoteId());
            if (contact == null || contact.name() == null || contact.name().isBlank() || contact.name().equals(link.knownName())) {
                continue;
            }
            try {
                customerLinks.rename(company, provider.id(), link.hostCustomerId(), contact.name());
                notifier.customerRenamed(company, link.hostCustomerId(), contact.name());
            } catch (RuntimeException e) {
                LOG.warn("Could not pass on the new name of customer {} of company {}: {}", link.hostCustomerId(), company, e.toString());
            }
        }
    }

    /**
     * The contacts in one read; when that read fails because of one of them, one by one so that the others still
     * arrive. A failure of the whole service or connection is not repeated per contact.
     */
    private Map<String, RemoteContact> contacts(ActiveProvider provider, CompanyId company, List<String> remoteIds) {
        Map<String, RemoteContact> found = new HashMap<>();
        try {
            read(provider, company, remoteIds).forEach(contact -> found.putIfAbsent(contact.remoteId(), contact));
            return found;
        } catch (RuntimeException failed) {
            if (remoteIds.size() == 1 || RemoteUpdates.failsEveryRead(failed)) {
                LOG.warn("Could not read {} renamed contacts of company {} in {}; the next change of each brings its name: {}",
                        remoteIds.size(), company, provider.id(), failed.toString());
                return found;
            }
        }
        for (String remoteId : remoteIds) {
            try {
                read(provider, company, List.of(remoteId)).forEach(contact -> found.putIfAbsent(contact.remoteId(), contact));
            } catch (RuntimeException failed) {
                LOG.warn("Left out {} contact {} of company {}, announced by webhook: {}", provider.id(), remoteId, company, failed.toString());
                if (RemoteUpdates.failsEveryRead(failed)) {
                    break;
                }
            }
        }
        return found;
    }

    /** The contacts, read through the company's lane like every call the engine makes for it. */
    private List<RemoteContact> read(ActiveProvider provider, CompanyId company, List<String> remoteIds) {
        return dispatcher.read(company, provider, session -> provider.provider().ledger().contactsById(session, remoteIds));
    }
}
