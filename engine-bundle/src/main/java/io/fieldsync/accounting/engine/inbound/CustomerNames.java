package io.fieldsync.accounting.engine.inbound;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.RemoteContact;
import io.fieldsync.accounting.engine.EngineStores;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.store.CustomerLinks.NamedLink;
import io.fieldsync.accounting.engine.sync.Dispatcher;
import io.fieldsync.accounting.engine.sync.HostNotifier;

/**
 * Two-way name sync: a contact renamed in the accounting system reaches the host once, for the companies that
 * asked for it and only for contacts linked to one of their customers. Contacts nobody here knows cost no call.
 */
final class CustomerNames {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerNames.class);

    private final EngineStores stores;
    private final ProviderDirectory directory;
    private final Dispatcher dispatcher;
    private final HostNotifier notifier;

    CustomerNames(EngineStores stores, ProviderDirectory directory, Dispatcher dispatcher, HostNotifier notifier) {
        this.stores = stores;
        this.directory = directory;
        this.dispatcher = dispatcher;
        this.notifier = notifier;
    }

    /** The contacts of one organisation that webhooks said were updated. */
    void contactsChanged(RemoteUpdates.Tenant tenant, Set<String> remoteIds) {
        Optional<ActiveProvider> provider = directory.provider(tenant.provider());
        if (provider.isEmpty()) {
            return;
        }
        for (CompanyId company : stores.connections().companiesOfTenant(tenant.provider(), tenant.tenantId())) {
            if (!stores.setup().settings(company).twoWayNameSync()) {
                continue;
            }
            List<NamedLink> links = stores.customerLinks().linkedTo(company, tenant.provider(), remoteIds);
            if (links.isEmpty()) {
                continue;
            }
            try {
                ProviderSession session = dispatcher.session(company, provider.get());
                Map<String, RemoteContact> contacts = provider.get().provider()
                        .contactsById(session, links.stream().map(NamedLink::remoteId).distinct().toList()).stream()
                        .collect(Collectors.toMap(RemoteContact::remoteId, Function.identity(), (first, second) -> first));
                for (NamedLink link : links) {
                    RemoteContact contact = contacts.get(link.remoteId());
                    if (contact != null && contact.name() != null && !contact.name().isBlank() && !contact.name().equals(link.knownName())) {
                        stores.customerLinks().rename(company, tenant.provider(), link.hostCustomerId(), contact.name());
                        notifier.customerRenamed(company, link.hostCustomerId(), contact.name());
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not read {} renamed contacts of company {} in {}; the next change of each brings its name: {}",
                        links.size(), company, tenant.provider(), e.toString());
            }
        }
    }
}
