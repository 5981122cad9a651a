package io.fieldsync.accounting.engine.shell;

import java.util.List;
import java.util.Map;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.ConnectionStatus;
import io.fieldsync.accounting.engine.EngineConfiguration;
import io.fieldsync.accounting.engine.provider.ProviderDirectory;
import io.fieldsync.accounting.engine.store.ConnectionStore;
import io.fieldsync.accounting.engine.store.EngineIdentity;
import io.fieldsync.accounting.engine.store.JournalReports;
import io.fieldsync.accounting.engine.sync.Dispatcher;
import io.fieldsync.accounting.api.admin.AccountingConnections;
import io.fieldsync.accounting.api.admin.AccountingProviders;
import io.fieldsync.accounting.api.admin.CompanyProvider;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** The engine at a glance: the default provider, each company's, connections, documents by status. */
@Service
@Command(scope = "accounting", name = "status", description = "Shows the default provider, each company's provider, "
        + "connections and documents by status.")
public class StatusCommand implements Action {

    @Argument(index = 0, name = "company", description = "A company id, to show its connection and its documents only")
    String company;

    @Reference
    ProviderDirectory directory;

    @Reference
    EngineIdentity identity;

    @Reference
    ConnectionStore connectionStore;

    @Reference
    JournalReports reports;

    @Reference
    AccountingConnections connections;

    @Reference
    AccountingProviders providers;

    @Reference
    Dispatcher dispatcher;

    @Override
    public Object execute() {
        String active = directory.configuredId();
        String installed = EngineConfiguration.NO_PROVIDER.equals(active) ? ""
                : directory.active().map(p -> " (" + p.descriptor().displayName() + ", installed)")
                        .orElse(" (NOT INSTALLED: documents wait until it is)");
        System.out.println("Active provider : " + active + installed);
        directory.configurationProblems().forEach(problem -> System.out.println("Config error    : " + problem.error().message()));
        CompanyId companyId = company == null ? null : CompanyId.of(company);
        for (CompanyProvider each : companyId == null ? providers.companies() : List.of(providers.provider(companyId))) {
            System.out.println("Company         : " + each.company() + " -> " + each.provider()
                    + (each.chosen() ? " (chosen by " + each.chosenBy() + " at " + each.chosenAt() + ")" : " (the default)")
                    + (each.waitingReason() == null ? "" : ": " + each.waitingReason()));
        }
        if (companyId != null) {
            ConnectionStatus status = connections.status(companyId);
            System.out.println("Connection      : " + status.state()
                    + (status.organisationName() == null ? "" : " to " + status.organisationName())
                    + (status.connectedSince() == null ? "" : " since " + status.connectedSince())
                    + (status.lastSuccessfulSync() == null ? "" : ", last sync " + status.lastSuccessfulSync())
                    + (status.lastError() == null ? "" : ", last error: " + status.lastError().message()));
            String provider = providers.provider(companyId).provider();
            if (status.state() == io.fieldsync.accounting.api.admin.ConnectionState.EXPIRED) {
                System.out.println("ALERT           : the connection expired or was revoked"
                        + (status.lastError() == null || status.lastError().detail() == null ? "" : " (" + status.lastError().detail() + ")")
                        + "; its documents wait as DISCONNECTED and go out by themselves once an admin reconnects");
            }
            directory.provider(provider).map(bound -> bound.provider().nonVendorEndpoints()).filter(urls -> !urls.isEmpty())
                    .ifPresent(urls -> System.out.println(NonVendorEndpoints.warning(provider, urls)));
            if (!EngineConfiguration.NO_PROVIDER.equals(provider)) {
                System.out.println("Lane            : " + dispatcher.laneNote(companyId, provider).orElse("within its limits"));
            }
        } else if (!EngineConfiguration.NO_PROVIDER.equals(active)) {
            System.out.println("Connections     : " + connectionStore.countConnected(active) + " companies connected to " + active);
            System.out.println("Lanes           : " + dispatcher.lanesInATurn() + " sending now");
        }
        Map<SyncStatus, Long> counts = reports.countByStatus(companyId);
        StringBuilder line = new StringBuilder();
        for (SyncStatus status : SyncStatus.values()) {
            line.append(line.isEmpty() ? "" : ", ").append(status).append(' ').append(counts.getOrDefault(status, 0L));
        }
        System.out.println("Documents       : " + line);
        System.out.println("Schema version  : " + identity.schemaVersion());
        return null;
    }
}
