package io.fieldsync.accounting.engine.admin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.InvalidInputException;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.AccountingSetup;
import io.fieldsync.accounting.api.admin.ContactChoice;
import io.fieldsync.accounting.api.admin.ContactImport;
import io.fieldsync.accounting.api.spi.ContactPage;
import io.fieldsync.accounting.api.spi.RemoteContact;
import io.fieldsync.accounting.api.admin.MappingGap;
import io.fieldsync.accounting.api.admin.MappingValidation;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.ReferenceChoice;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.SyncSettings;
import io.fieldsync.accounting.engine.EngineConfiguration;
import io.fieldsync.accounting.engine.EngineClock;
import io.fieldsync.accounting.engine.provider.ActiveProvider;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.sync.Dispatcher;
import io.fieldsync.accounting.engine.store.CustomerLinks;
import io.fieldsync.accounting.engine.store.SetupStore;
import io.fieldsync.accounting.engine.sync.MappingCheck;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Reference data, mappings and settings of a company for the active accounting system. */
@Component(service = AccountingSetup.class)
public class SetupService implements AccountingSetup {

    /** 100 contacts a page: 50,000 contacts at most, far beyond a field-service company's customer list. */
    private static final int MAX_CONTACT_PAGES = 500;

    private final SetupStore setup;
    private final CustomerLinks customerLinks;
    private final Clock clock;
    private final ProviderDirectory directory;
    private final Dispatcher dispatcher;

    @Activate
    public SetupService(@Reference SetupStore setup, @Reference CustomerLinks customerLinks, @Reference EngineClock clock,
                        @Reference ProviderDirectory directory, @Reference Dispatcher dispatcher) {
        this.setup = setup;
        this.customerLinks = customerLinks;
        this.clock = clock.clock();
        this.directory = directory;
        this.dispatcher = dispatcher;
    }

    @Override
    public ReferenceData referenceData(CompanyId company) {
        ActiveProvider provider = activeProvider(company);
        return setup.referenceData(company, provider.id()).orElseGet(() -> refresh(company, provider));
    }

    @Override
    public ReferenceData refreshReferenceData(CompanyId company) {
        return refresh(company, activeProvider(company));
    }

    @Override
    public ContactImport importContacts(CompanyId company, Collection<Customer> hostCustomers) {
        ActiveProvider provider = activeProvider(company);
        return new ContactPairing(customerLinks, clock, provider.id(), provider.descriptor().displayName())
                .pair(company, contacts(company, provider), hostCustomers);
    }

    @Override
    public ContactImport applyContactChoices(CompanyId company, Collection<Customer> hostCustomers, List<ContactChoice> choices) {
        Objects.requireNonNull(hostCustomers, "host customers");
        Objects.requireNonNull(choices, "choices");
        ActiveProvider provider = activeProvider(company);
        return new ContactPairing(customerLinks, clock, provider.id(), provider.descriptor().displayName())
                .apply(company, contacts(company, provider), hostCustomers, choices);
    }

    private List<RemoteContact> contacts(CompanyId company, ActiveProvider provider) {
        List<RemoteContact> remote = new ArrayList<>();
        for (int page = 1; page <= MAX_CONTACT_PAGES; page++) {
            int number = page;
            // page by page through the lane: a long import shares the company's budget with its documents
            ContactPage contacts = dispatcher.read(company, provider, session -> provider.provider().ledger().contacts(session, number));
            remote.addAll(contacts.contacts());
            if (!contacts.hasMore()) {
                break;
            }
        }
        return remote;
    }

    @Override
    public Mappings applyReferenceChoices(CompanyId company, List<ReferenceChoice> choices) {
        Objects.requireNonNull(choices, "choices");
        ActiveProvider provider = activeProvider(company);
        Mappings changed = new ReferenceLinks(referenceData(company), provider.descriptor().displayName())
                .apply(setup.mappings(company, provider.id()), choices);
        setup.saveMappings(company, provider.id(), changed);
        return changed;
    }

    @Override
    public Mappings mappings(CompanyId company) {
        return setup.mappings(company, configuredProvider(company));
    }

    @Override
    public void saveMappings(CompanyId company, Mappings mappings) {
        Objects.requireNonNull(mappings, "mappings");
        setup.saveMappings(company, configuredProvider(company), mappings);
    }

    @Override
    public MappingValidation validateMappings(CompanyId company, Set<String> categories, Set<String> hostTaxRateIds) {
        ActiveProvider provider = activeProvider(company);
        Set<String> allCategories = new LinkedHashSet<>(ProductCategory.STANDARD);
        allCategories.addAll(categories == null ? Set.of() : categories);
        MappingCheck check = new MappingCheck(setup.mappings(company, provider.id()),
                Optional.of(referenceData(company)), provider.descriptor().displayName());
        List<MappingGap> gaps = new ArrayList<>(check.gaps(allCategories, hostTaxRateIds == null ? Set.of() : hostTaxRateIds));
        for (PaymentMethod method : PaymentMethod.values()) {
            check.depositGap(method).ifPresent(gaps::add);
        }
        return new MappingValidation(gaps);
    }

    @Override
    public SyncSettings settings(CompanyId company) {
        return setup.settings(company);
    }

    @Override
    public void saveSettings(CompanyId company, SyncSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (!SyncSettings.isValidPollingInterval(settings.pollingIntervalMinutes())) {
            throw new InvalidInputException("pollingIntervalMinutes", "must be empty (the node's interval), 0 (no polling) or "
                    + SyncSettings.MIN_POLLING_INTERVAL_MINUTES + " to " + SyncSettings.MAX_POLLING_INTERVAL_MINUTES + " minutes");
        }
        setup.saveSettings(company, settings);
    }

    private ReferenceData refresh(CompanyId company, ActiveProvider provider) {
        ReferenceData data = dispatcher.read(company, provider, session -> provider.provider().ledger().referenceData(session));
        setup.saveReferenceData(company, provider.id(), data);
        return data;
    }

    private String configuredProvider(CompanyId company) {
        String id = directory.idFor(company);
        if (EngineConfiguration.NO_PROVIDER.equals(id)) {
            throw new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE,
                    "An accounting system (none is chosen for company " + company + ")"));
        }
        return id;
    }

    private ActiveProvider activeProvider(CompanyId company) {
        String id = directory.idFor(company);
        return directory.provider(id).orElseThrow(() -> new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE,
                "The accounting system '" + id + "'")));
    }
}
