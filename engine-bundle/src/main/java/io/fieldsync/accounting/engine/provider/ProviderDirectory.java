package io.fieldsync.accounting.engine.provider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.api.spi.ProviderDescriptor;
import io.fieldsync.accounting.engine.ConfigurationCheck;
import io.fieldsync.accounting.engine.EngineConfiguration;
import io.fieldsync.accounting.engine.store.CompanyProviders;
import io.fieldsync.accounting.engine.store.Journal;
import io.fieldsync.accounting.engine.store.LaneId;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every installed {@link AccountingProvider} and which one each company uses. Providers come and go with
 * their bundles (installed, updated, stopped); a company uses the one an admin chose for it, else the one
 * chosen by configuration (the default). All of it changes live, and whoever cares is told through
 * {@link #onChange(Runnable)}.
 *
 * <p>A document goes to the provider it is bound to once attempted there (and a payment or credit note to its
 * invoice's), whatever the company's choice became since: only an admin's explicit rebind moves it. The
 * dispatcher's units of work are therefore lanes, a company and a provider ({@link #lanesWithDueWork}).
 */
@Component(service = ProviderDirectory.class, configurationPid = EngineConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EngineConfiguration.class)
public class ProviderDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderDirectory.class);
    private static final String VALID_ID = ConfigurationCheck.PROVIDER_ID;

    /** One registered provider service. */
    private record Registration(String id, AccountingProvider provider, int ranking, long serviceId) {
    }

    private final Journal journal;
    private final CompanyProviders companyProviders;
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private volatile String configuredId = EngineConfiguration.NO_PROVIDER;
    private volatile String configurationError;
    private volatile List<ConfigurationCheck.Problem> configurationProblems = List.of();

    @Activate
    public ProviderDirectory(@Reference Journal journal, @Reference CompanyProviders companyProviders, EngineConfiguration configuration) {
        this.journal = journal;
        this.companyProviders = companyProviders;
        configure(configuration);
    }

    @Modified
    public void modified(EngineConfiguration configuration) {
        String before = configuredId;
        configure(configuration);
        if (!before.equals(configuredId)) {
            LOG.info("Active accounting provider switched from {} to {}", before, configuredId);
            fireChange();
        }
    }

    @Reference(service = AccountingProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addProvider(AccountingProvider provider, Map<String, Object> properties) {
        String id = providerId(provider, properties);
        if (id == null) {
            return;
        }
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        registrations.add(new Registration(id, provider, ranking instanceof Integer r ? r : 0,
                ((Number) properties.get(Constants.SERVICE_ID)).longValue()));
        LOG.info("Accounting provider {} is available{}", id, id.equals(configuredId) ? " (active)" : "");
        fireChange();
    }

    public void removeProvider(AccountingProvider provider, Map<String, Object> properties) {
        long serviceId = ((Number) properties.get(Constants.SERVICE_ID)).longValue();
        registrations.removeIf(registration -> registration.serviceId() == serviceId);
        LOG.info("Accounting provider {} went away; its documents wait", properties.get(AccountingProvider.PROVIDER_PROPERTY));
        fireChange();
    }

    /** The id the configuration names, whether or not it is installed; {@code none} for no provider. */
    public String configuredId() {
        return configuredId;
    }

    /** Why the configured value was refused, if it was. */
    public Optional<String> configurationError() {
        return Optional.ofNullable(configurationError);
    }

    /**
     * Every value of the engine's configuration that makes no sense, as typed errors naming the property; the engine
     * runs on the value each one says it uses instead.
     */
    public List<ConfigurationCheck.Problem> configurationProblems() {
        return configurationProblems;
    }

    /** The default provider (the configured one), if one is configured and installed. */
    public Optional<ActiveProvider> active() {
        return provider(configuredId);
    }

    /** The id of the provider {@code company}'s new documents go to: its admin's choice, else the configured one. */
    public String idFor(CompanyId company) {
        return companyProviders.providerOf(company);
    }

    /** The provider {@code company}'s new documents go to, if it is installed. */
    public Optional<ActiveProvider> forCompany(CompanyId company) {
        return provider(idFor(company));
    }

    /** Every company and provider with documents due now, each company's bound documents in their own lane. */
    public List<LaneId> lanesWithDueWork(java.time.Instant now) {
        return journal.lanesWithDueWork(now);
    }

    /**
     * Why a lane's documents wait when its provider is not there: none chosen, or chosen and not installed.
     */
    public SyncError whyWaiting(LaneId lane) {
        if (EngineConfiguration.NO_PROVIDER.equals(lane.provider())) {
            return new SyncError(ErrorCode.PROVIDER_UNAVAILABLE, "No accounting system is chosen for company " + lane.company()
                    + ". Documents wait until an admin chooses one (accounting:use, or provider in " + EngineConfiguration.PID + ").",
                    configurationError);
        }
        return SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "The accounting system '" + lane.provider() + "'");
    }

    /**
     * Records an admin's choice of provider for a company and tells whoever cares; the caller checked {@code id}.
     */
    public CompanyProviders.Choice choose(CompanyId company, String id, String chosenBy, java.time.Instant now) {
        String before = idFor(company);
        CompanyProviders.Choice choice = companyProviders.choose(company, id, chosenBy, now);
        LOG.info("Accounting provider of company {} switched from {} to {} by {}", company, before, id, chosenBy);
        fireChange();
        return choice;
    }

    /** Forgets an admin's choice for a company: it follows the configured provider again. */
    public void useDefault(CompanyId company, String by) {
        if (companyProviders.forget(company)) {
            LOG.info("Company {} follows the configured accounting provider {} again ({})", company, configuredId, by);
            fireChange();
        }
    }

    /** The installed provider with this id. */
    public Optional<ActiveProvider> provider(String id) {
        return registrations.stream()
                .filter(registration -> registration.id().equals(id))
                .max(Comparator.comparingInt(Registration::ranking)
                        .thenComparing(Comparator.comparingLong(Registration::serviceId).reversed()))
                .flatMap(ProviderDirectory::capture);
    }

    /** Every installed provider's descriptor, sorted by id. */
    public List<ProviderDescriptor> installed() {
        List<ProviderDescriptor> descriptors = new ArrayList<>();
        registrations.stream().map(Registration::id).distinct().sorted()
                .forEach(id -> provider(id).ifPresent(active -> descriptors.add(active.descriptor())));
        return descriptors;
    }

    /** Runs {@code listener} after every change of the installed providers or of the active id. */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Stops telling {@code listener}. */
    public void removeOnChange(Runnable listener) {
        changeListeners.remove(listener);
    }

    private static Optional<ActiveProvider> capture(Registration registration) {
        try {
            return Optional.of(new ActiveProvider(registration.id(), registration.provider(), registration.provider().descriptor()));
        } catch (RuntimeException stopping) {
            // a provider whose bundle is stopping may fail here; it counts as absent
            LOG.warn("Accounting provider {} did not describe itself: {}", registration.id(), stopping.toString());
            return Optional.empty();
        }
    }

    private void configure(EngineConfiguration configuration) {
        List<ConfigurationCheck.Problem> problems = ConfigurationCheck.problems(configuration);
        configurationProblems = List.copyOf(problems);
        problems.forEach(problem -> LOG.error("Accounting configuration: {}", problem.error().message()));
        String value = configuration.provider() == null ? "" : configuration.provider().strip().toLowerCase(java.util.Locale.ROOT);
        if (value.isEmpty() || value.equals(EngineConfiguration.NO_PROVIDER)) {
            configuredId = EngineConfiguration.NO_PROVIDER;
            configurationError = null;
        } else if (value.matches(VALID_ID)) {
            configuredId = value;
            configurationError = null;
        } else {
            // a typo in the provider must not stop a company's sync: the provider chosen before stays active
            configurationError = "provider '" + ConfigurationCheck.printable(configuration.provider()) + "' in " + EngineConfiguration.PID
                    + " is not a provider id (lower case letters, digits, dashes) or 'none'; "
                    + (EngineConfiguration.NO_PROVIDER.equals(configuredId) ? "no provider is active" : configuredId + " stays active");
        }
        companyProviders.useByDefault(configuredId);
    }

    private static String providerId(AccountingProvider provider, Map<String, Object> properties) {
        Object property = properties.get(AccountingProvider.PROVIDER_PROPERTY);
        if (property instanceof String id && id.matches(VALID_ID)) {
            return id;
        }
        LOG.error("Ignoring an accounting provider service without a valid '{}' property: {}",
                AccountingProvider.PROVIDER_PROPERTY, property);
        return null;
    }

    private void fireChange() {
        for (Runnable listener : changeListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("A provider change listener failed", e);
            }
        }
    }
}
