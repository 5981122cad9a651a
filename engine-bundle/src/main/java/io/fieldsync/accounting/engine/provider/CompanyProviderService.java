package io.fieldsync.accounting.engine.provider;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.AccountingProviders;
import io.fieldsync.accounting.api.admin.CompanyProvider;
import io.fieldsync.accounting.api.admin.RebindReport;
import io.fieldsync.accounting.api.spi.ProviderDescriptor;
import io.fieldsync.accounting.engine.ConfigurationCheck;
import io.fieldsync.accounting.engine.EngineConfiguration;
import io.fieldsync.accounting.engine.EngineClock;
import io.fieldsync.accounting.engine.store.CompanyProviders;
import io.fieldsync.accounting.engine.store.JournalEntry;
import io.fieldsync.accounting.engine.store.ProviderBindings;
import io.fieldsync.accounting.engine.store.Rebinding;
import io.fieldsync.accounting.engine.sync.Dispatcher;
import io.fieldsync.accounting.engine.sync.HostNotifier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin's choice of accounting system per company, and the explicit rebind of documents bound elsewhere. */
@Component(service = AccountingProviders.class)
public class CompanyProviderService implements AccountingProviders {

    private static final Logger LOG = LoggerFactory.getLogger(CompanyProviderService.class);

    private final CompanyProviders companyProviders;
    private final ProviderBindings providerBindings;
    private final Clock clock;
    private final ProviderDirectory directory;
    private final Dispatcher dispatcher;
    private final HostNotifier notifier;

    @Activate
    public CompanyProviderService(@Reference CompanyProviders companyProviders, @Reference ProviderBindings providerBindings,
                                  @Reference EngineClock clock, @Reference ProviderDirectory directory,
                                  @Reference Dispatcher dispatcher, @Reference HostNotifier notifier) {
        this.companyProviders = companyProviders;
        this.providerBindings = providerBindings;
        this.clock = clock.clock();
        this.directory = directory;
        this.dispatcher = dispatcher;
        this.notifier = notifier;
    }

    @Override
    public CompanyProvider provider(CompanyId company) {
        Objects.requireNonNull(company, "company");
        Optional<CompanyProviders.Choice> choice = companyProviders.find(company);
        String id = choice.map(CompanyProviders.Choice::provider).orElse(directory.configuredId());
        boolean installed = directory.provider(id).isPresent();
        return new CompanyProvider(company, id, choice.isPresent(), installed, choice.map(CompanyProviders.Choice::chosenBy).orElse(null),
                choice.map(CompanyProviders.Choice::chosenAt).orElse(null), waitingReason(id, installed));
    }

    @Override
    public List<CompanyProvider> companies() {
        return companyProviders.companies().stream().map(this::provider).toList();
    }

    @Override
    public CompanyProvider choose(CompanyId company, String provider, String chosenBy) {
        Objects.requireNonNull(company, "company");
        String id = providerId(provider);
        String by = chosenBy == null || chosenBy.isBlank() ? "admin API" : chosenBy.strip();
        directory.choose(company, id, by, clock.instant());
        CompanyProvider now = provider(company);
        if (now.waitingReason() != null) {
            LOG.warn("Company {}: {}", company, now.waitingReason());
        }
        return now;
    }

    @Override
    public CompanyProvider useDefault(CompanyId company, String chosenBy) {
        Objects.requireNonNull(company, "company");
        directory.useDefault(company, chosenBy == null || chosenBy.isBlank() ? "admin API" : chosenBy.strip());
        return provider(company);
    }

    @Override
    public RebindReport rebind(CompanyId company) {
        Objects.requireNonNull(company, "company");
        String to = directory.idFor(company);
        if (EngineConfiguration.NO_PROVIDER.equals(to)) {
            throw new AccountingException(new SyncError(ErrorCode.INVALID_INPUT, "Company " + company + " has no accounting system "
                    + "chosen, so there is nowhere to move its documents: choose one first (accounting:use --company " + company
                    + " <provider>)", null));
        }
        Rebinding rebinding = providerBindings.rebind(company, to, clock.instant());
        List<RebindReport.KeptDocument> kept = new ArrayList<>();
        for (Rebinding.Kept stays : rebinding.kept()) {
            kept.add(new RebindReport.KeptDocument(stays.entry().document(), stays.provider(), words(stays)));
        }
        rebinding.moved().forEach(entry -> notifier.documentChanged(entry.toStatus()));
        LOG.info("Documents of company {} rebound to {} by the admin: {} moved, {} stay with the provider they are bound to",
                company, to, rebinding.moved().size(), kept.size());
        if (!rebinding.moved().isEmpty()) {
            dispatcher.wake();
        }
        return new RebindReport(company, to, rebinding.moved().stream().map(JournalEntry::document).toList(), kept);
    }

    private String waitingReason(String id, boolean installed) {
        if (EngineConfiguration.NO_PROVIDER.equals(id)) {
            return "no accounting system is chosen: documents wait until one is";
        }
        if (!installed) {
            return "'" + id + "' is not installed: documents wait until it is (installed: "
                    + directory.installed().stream().map(ProviderDescriptor::id).toList() + ")";
        }
        return null;
    }

    private static String providerId(String provider) {
        String id = provider == null ? "" : provider.strip().toLowerCase(Locale.ROOT);
        if (!id.equals(EngineConfiguration.NO_PROVIDER) && !id.matches(ConfigurationCheck.PROVIDER_ID)) {
            throw new AccountingException(new SyncError(ErrorCode.INVALID_INPUT, "'" + ConfigurationCheck.printable(provider)
                    + "' is not an accounting provider id: lower case letters, digits and dashes, starting with a letter "
                    + "(e.g. xero, quickbooks), or none", null));
        }
        return id;
    }

    private static String words(Rebinding.Kept stays) {
        JournalEntry entry = stays.entry();
        String where = stays.provider();
        return switch (stays.reason()) {
            case SYNCED_THERE -> "it exists in " + where + " (as " + (entry.remoteNumber() != null ? entry.remoteNumber() : entry.remoteId())
                    + "): it stays there, and its changes update that document";
            case IN_DOUBT -> "it may exist in " + where + ": the answer to an attempt there was never recorded, so it stays until "
                    + "its next attempt there has looked it up (keep " + where + " installed and connected)";
            case SENDING -> "it is being sent to " + where + " right now; rebind again once its outcome is recorded";
            case INVOICE_STAYS -> "its invoice " + entry.dependsOn() + " stays in " + where
                    + ", and a payment or credit note goes where its invoice is";
            case CHANGED_MEANWHILE -> "it changed while the rebind ran; rebind again";
        };
    }
}
